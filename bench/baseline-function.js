// Benchmark baseline "B": the least code a hand-written getDailyRetain cloud function must run.
// It loads wx-server-sdk as every cloud function does, gets a token from stable_token and
// POSTs the datacube request, with node:http(s) only: no validation, no retries, no token
// cache, no shared store. The benchmarks compare the real function against it.
const http = require('node:http');
const https = require('node:https');
const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

function postJson(url, payload) {
  const body = JSON.stringify(payload);
  const target = new URL(url);
  const transport = target.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      target,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

exports.main = async (event) => {
  const base = process.env.WECHAT_API_BASE || 'https://api.weixin.qq.com';
  const token = await postJson(`${base}/cgi-bin/stable_token`, {
    grant_type: 'client_credential',
    appid: process.env.WECHAT_APPID,
    secret: process.env.WECHAT_APPSECRET,
    force_refresh: false,
  });
  if (!token.access_token) return token;
  return postJson(`${base}/datacube/getweanalysisappiddailyretaininfo?access_token=${encodeURIComponent(token.access_token)}`, {
    begin_date: event.beginDate,
    end_date: event.endDate,
  });
};

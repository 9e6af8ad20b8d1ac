// Benchmark floor "F": the least any Node process can do for getDailyRetain's answer. Bare
// Node, node:http(s) with a keep-alive agent, one stable_token POST (on the first call only:
// the token is kept for warm calls) and one datacube POST, WeChat's JSON returned as it came.
// No SDK, no validation, no retries, no deadline, no camelCase. Nothing real can do less, so
// the benchmarks report the built function as a multiple of this.
const http = require('node:http');
const https = require('node:https');

const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
let token;

function postJson(url, payload) {
  const body = JSON.stringify(payload);
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      { method: 'POST', agent: agents[url.protocol], headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
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
  if (!token) {
    const answer = await postJson(new URL(`${base}/cgi-bin/stable_token`), {
      grant_type: 'client_credential',
      appid: process.env.WECHAT_APPID,
      secret: process.env.WECHAT_APPSECRET,
      force_refresh: false,
    });
    if (!answer.access_token) return answer;
    token = answer.access_token;
  }
  return postJson(new URL(`${base}/datacube/getweanalysisappiddailyretaininfo?access_token=${token}`), {
    begin_date: event.beginDate,
    end_date: event.endDate,
  });
};

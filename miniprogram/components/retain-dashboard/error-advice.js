// What a failure means to the person holding the phone, and what to do about it. The codes
// are the range function's (README, Error codes) and wx.cloud's own for a rejected call
// (docs: wx.cloud.callFunction; -504003 timeout, -501000 no such function, -501005 no such
// environment).
const { BAD_RESULT, OTHER_PERIOD } = require('./range-result');

const FUNCTION_NAME = 'getDailyRetainRange';
const CONSOLE = `云开发控制台 → 云函数 → ${FUNCTION_NAME} → 函数配置`;
const AFTER_SAVE = '保存后下拉刷新本页';
const TIMEOUT_STEPS = [`${CONSOLE}：把「超时时间」调到 60 秒（至少 10 秒）`, '然后点「重试」：已取到的日期已缓存，下一次更快'];

/** Advice for a failure of the range function, `{errCode, errMsg}`. */
const BY_CODE = {
  '-90001': (errMsg) => {
    const variable = variableIn(errMsg);
    return {
      kind: 'config',
      title: '云函数配置缺失或有误',
      text: variable ? `云函数的环境变量 ${variable} 没有设置或无效。` : '云函数的环境变量没有设置或无效。',
      variable,
      steps: [`${CONSOLE} → 环境变量：设置 ${variable || '错误信息中提到的变量'}`, AFTER_SAVE],
    };
  },
  '-90002': (errMsg) => {
    const found = /OPENID "([^"]+)"/.exec(errMsg);
    return {
      kind: 'forbidden',
      title: '你还没有查看权限',
      text: '留存数据只给 RETAIN_ALLOWED_OPENIDS 中的微信用户看。把你的 OPENID 加进去：',
      openid: found ? found[1] : '',
      variable: 'RETAIN_ALLOWED_OPENIDS',
      steps: ['点「复制 OPENID」', `${CONSOLE} → 环境变量：把它加入 RETAIN_ALLOWED_OPENIDS（多个用英文逗号分隔）`, AFTER_SAVE],
    };
  },
  '-90003': () => ({ kind: 'timeout', title: '云函数超时', text: '云函数在时限内一天也没有取到。', steps: TIMEOUT_STEPS }),
  '-90004': () => ({
    kind: 'upstream',
    title: '云函数连不上微信接口',
    text: '云函数多次请求微信接口都没有连上。',
    variable: 'WECHAT_API_BASE',
    steps: ['稍后重试', '若设置了 WECHAT_API_BASE（代理），检查它是否可用'],
  }),
  61500: () => ({ kind: 'date', title: '日期格式不对', text: '请重新选择日期。', steps: [] }),
  61501: () => ({ kind: 'date', title: '日期范围不对', text: '最晚选到昨天；按日最多 366 天，按周 104 周，按月 24 个月。', steps: [] }),
  61503: () => ({ kind: 'not-ready', title: '微信还没生成这几天的数据', text: '昨天的数据通常在北京时间上午生成。', steps: ['北京时间 10:00 后重试'] }),
  40013: (errMsg) => BY_CODE['-90001'](errMsg || 'WECHAT_APPID'),
  40125: (errMsg) => BY_CODE['-90001'](errMsg || 'WECHAT_APPSECRET'),
  40164: () => ({
    kind: 'wechat',
    title: '云函数的 IP 不在微信接口白名单中',
    text: '小程序管理后台开启了「API IP 白名单」。',
    steps: ['小程序管理后台 → 开发管理 → 开发设置：关闭 IP 白名单，或使用固定出口 IP 并加入白名单'],
  }),
  45009: () => ({ kind: 'quota', title: '今天的接口调用次数用完了', text: '微信限制了每天的调用次数。', steps: ['明天再试'] }),
  45011: () => ({ kind: 'quota', title: '调用太频繁', text: '超过了每分钟的调用次数。', steps: ['一分钟后重试'] }),
};

/** What to do when wx.cloud.callFunction itself rejected, by the code in its message. */
const BY_CLOUD_CODE = {
  '-504003': () => ({ kind: 'timeout', title: '云函数超时', text: '云函数没有在平台的时限内返回。', steps: TIMEOUT_STEPS }),
  '-501000': () => ({
    kind: 'not-deployed',
    title: `找不到云函数 ${FUNCTION_NAME}`,
    text: '当前云环境里还没有部署它。',
    steps: [`微信开发者工具：右键 cloudfunctions/${FUNCTION_NAME} → 上传并部署：云端安装依赖`, '部署后下拉刷新本页'],
  }),
  '-501005': () => ({
    kind: 'env',
    title: '找不到云环境',
    text: 'wx.cloud.init 使用的环境 ID 不存在。',
    steps: ['在 app.js 中把 CLOUD_ENV 设为云开发控制台 → 设置 中的环境 ID'],
  }),
};

/** The first environment variable of ours that a message names. */
function variableIn(errMsg) {
  const found = /\b((?:WECHAT|RETAIN)_[A-Z0-9_]+)\b/.exec(String(errMsg));
  return found ? found[1] : '';
}

function complete(advice, errCode, errMsg) {
  return Object.assign({ openid: '', variable: '', steps: [] }, advice, {
    code: typeof errCode === 'number' ? `errCode ${errCode}` : '',
    detail: String(errMsg || ''),
  });
}

/** Advice for a failed result `{errCode, errMsg}` (as `readResult` gives it). */
function adviceForFailure(failure) {
  const { errCode, errMsg } = failure;
  if (errCode === OTHER_PERIOD) {
    return complete(
      {
        kind: 'other-period',
        title: '云函数不支持这个统计周期',
        text: `部署的 ${FUNCTION_NAME} 返回了其他周期的数据（${errMsg}）。`,
        steps: [`部署支持 period（日/周/月）的 ${FUNCTION_NAME}：右键 cloudfunctions/${FUNCTION_NAME} → 上传并部署`],
      },
      null,
      errMsg,
    );
  }
  if (errCode === BAD_RESULT) {
    return complete(
      {
        kind: 'bad-result',
        title: '云函数的返回无法识别',
        text: `名为 ${FUNCTION_NAME} 的云函数返回了意料之外的内容，可能部署的不是本项目的函数。`,
        steps: [`重新部署 cloudfunctions/${FUNCTION_NAME}`],
      },
      null,
      errMsg,
    );
  }
  const known = BY_CODE[errCode];
  const advice = known
    ? known(errMsg)
    : { kind: 'wechat', title: `获取失败（errCode ${errCode}）`, text: '下面是云函数给出的原因和处理方法。', steps: [] };
  return complete(advice, errCode, errMsg);
}

/** Advice for a rejected wx.cloud.callFunction (or no wx.cloud at all). */
function adviceForRejection(error) {
  if (error === 'no-cloud') {
    return complete(
      {
        kind: 'no-cloud',
        title: '云开发不可用',
        text: 'wx.cloud 不存在：基础库版本过低，或小程序没有开通云开发。',
        steps: ['使用 2.2.3 或以上的基础库', '在 app.js 中调用 wx.cloud.init'],
      },
      null,
      '',
    );
  }
  const errMsg = String((error && (error.errMsg || error.message)) || error);
  const cloudCode = /-50\d{4}/.exec(errMsg);
  const known = cloudCode && BY_CLOUD_CODE[cloudCode[0]];
  const advice = known
    ? known()
    : { kind: 'network', title: '网络请求失败', text: '没有连上云函数。', steps: ['检查手机网络', '然后点「重试」或下拉刷新'] };
  return complete(advice, error && typeof error.errCode === 'number' ? error.errCode : null, errMsg);
}

module.exports = { adviceForFailure, adviceForRejection, variableIn };

// What came back from getDailyRetainRange, read as hostile input: a failure `{errCode, errMsg}`
// stays a failure, anything malformed becomes one, and a good result is kept only in the
// fields the dashboard reads.
const { periodOf } = require('./periods');
const { refDateSpan } = require('./date-range');

/** errCode of a result the dashboard cannot read (wx.cloud's own codes are -4xxxxx/-5xxxxx). */
const BAD_RESULT = 'bad-result';
const OTHER_PERIOD = 'other-period';

const isInteger = (value) => typeof value === 'number' && Number.isInteger(value);

function entriesOf(value) {
  if (!Array.isArray(value)) return [];
  return value.filter((entry) => entry && isInteger(entry.key) && typeof entry.value === 'number' && Number.isFinite(entry.value));
}

function periodItem(item, keys) {
  if (!item || typeof item !== 'object' || !refDateSpan(item.refDate)) return null;
  // Without `pendingKeys` nothing is known to be final unless the period says so as a whole.
  const pendingKeys = Array.isArray(item.pendingKeys) ? item.pendingKeys.filter(isInteger) : item.final === true ? [] : keys.slice();
  return {
    refDate: String(item.refDate),
    visitUvNew: entriesOf(item.visitUvNew),
    visitUv: entriesOf(item.visitUv),
    final: item.final === true,
    pendingKeys,
  };
}

function missingItem(item) {
  if (!item || typeof item !== 'object' || !refDateSpan(item.refDate)) return null;
  return {
    refDate: String(item.refDate),
    errCode: isInteger(item.errCode) ? item.errCode : -1,
    errMsg: typeof item.errMsg === 'string' ? item.errMsg : '',
  };
}

const byRefDate = (a, b) => (a.refDate < b.refDate ? -1 : a.refDate > b.refDate ? 1 : 0);

/**
 * `{ ok: true, period, beginDate, endDate, list, missing }` (lists oldest first), or
 * `{ ok: false, errCode, errMsg }`. `asked` is the event sent; a result without `period` is
 * by days (the range function's default), and a result for another period than asked is a
 * failure: it would show days under 周 or 月.
 */
function readResult(result, asked) {
  if (!result || typeof result !== 'object') {
    return { ok: false, errCode: BAD_RESULT, errMsg: `getDailyRetainRange returned ${result === undefined ? 'nothing' : typeof result}` };
  }
  if (result.errCode !== 0) {
    const errCode = isInteger(result.errCode) ? result.errCode : BAD_RESULT;
    return { ok: false, errCode, errMsg: typeof result.errMsg === 'string' ? result.errMsg : JSON.stringify(result).slice(0, 300) };
  }
  if (!Array.isArray(result.list)) {
    return { ok: false, errCode: BAD_RESULT, errMsg: 'getDailyRetainRange returned errCode 0 without a list' };
  }
  const period = typeof result.period === 'string' ? result.period : 'day';
  if (period !== asked.period) {
    return { ok: false, errCode: OTHER_PERIOD, errMsg: `asked for period "${asked.period}", got "${period}"` };
  }
  const keys = periodOf(period).keys;
  const isDay = (value) => typeof value === 'string' && /^\d{8}$/.test(value);
  return {
    ok: true,
    period,
    beginDate: isDay(result.beginDate) ? result.beginDate : asked.beginDate,
    endDate: isDay(result.endDate) ? result.endDate : asked.endDate,
    list: result.list.map((item) => periodItem(item, keys)).filter(Boolean).sort(byRefDate),
    missing: (Array.isArray(result.missing) ? result.missing : []).map(missingItem).filter(Boolean).sort(byRefDate),
  };
}

/** The days to ask for again: from the first missing period's first day to the last one's last day. */
function missingSpan(missing) {
  if (missing.length === 0) return null;
  const first = refDateSpan(missing[0].refDate);
  const last = refDateSpan(missing[missing.length - 1].refDate);
  return { beginDate: first.beginDate, endDate: last.endDate };
}

/** `previous` with what a retry of its missing span fetched: the retry's periods win. */
function mergeRetry(previous, retry) {
  const fetched = {};
  for (const item of previous.list) fetched[item.refDate] = item;
  for (const item of retry.list) fetched[item.refDate] = item;
  const list = Object.keys(fetched).map((refDate) => fetched[refDate]).sort(byRefDate);
  return Object.assign({}, previous, { list, missing: retry.missing.filter((item) => !fetched[item.refDate]) });
}

module.exports = { BAD_RESULT, OTHER_PERIOD, missingSpan, mergeRetry, readResult };

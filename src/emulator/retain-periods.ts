import { addDays } from '../beijing-date';
import { periodRetainData, retainData } from './retain-data';

/**
 * The three retain endpoints as the emulator plays them, with WeChat's date rules written
 * here on their own (not taken from src/period/), so that a wrong rule in the library cannot
 * hide behind a matching fake. Each takes a request's begin and end day (real `yyyymmdd`
 * days) and yesterday (Beijing time), and gives the answer, or undefined when the dates are
 * not exactly one whole period that has ended: WeChat's 61501.
 */
type RetainEndpoint = (appid: string, begin: string, end: string, yesterday: string) => Record<string, unknown> | undefined;

const utcDate = (day: string) => new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))));
const isMonday = (day: string) => utcDate(day).getUTCDay() === 1;
/** The last day of the month `months` after the month of `day`. */
const lastOfMonth = (day: string, months = 0) => {
  const date = utcDate(`${day.slice(0, 6)}01`);
  date.setUTCMonth(date.getUTCMonth() + months + 1, 0);
  return date.toISOString().slice(0, 10).replace(/-/g, '');
};
const daysFrom = (first: string, last: string) => {
  const days = [first];
  while ((days.at(-1) as string) < last) days.push(addDays(days.at(-1) as string, 1));
  return days;
};

/** https://developers.weixin.qq.com/miniprogram/dev/server/API/data-analysis/visit-retain/api_getdailyretain */
const daily: RetainEndpoint = (appid, begin, end, yesterday) => (begin === end && end <= yesterday ? retainData(appid, begin, yesterday) : undefined);

/** https://developers.weixin.qq.com/miniprogram/dev/server/API/data-analysis/visit-retain/api_getweeklyretain */
const weekly: RetainEndpoint = (appid, begin, end, yesterday) => {
  if (!isMonday(begin) || end !== addDays(begin, 6) || end > yesterday) return undefined;
  return periodRetainData(appid, 'week', `${begin}-${end}`, daysFrom(begin, end), (key) => addDays(end, 7 * key), yesterday);
};

/** https://developers.weixin.qq.com/miniprogram/dev/server/API/data-analysis/visit-retain/api_getmonthlyretain */
const monthly: RetainEndpoint = (appid, begin, end, yesterday) => {
  if (!begin.endsWith('01') || end !== lastOfMonth(begin) || end > yesterday) return undefined;
  return periodRetainData(appid, 'month', begin.slice(0, 6), daysFrom(begin, end), (key) => lastOfMonth(begin, key), yesterday);
};

/** Each retain path and how it answers. */
export const RETAIN_ENDPOINTS: ReadonlyMap<string, RetainEndpoint> = new Map([
  ['/datacube/getweanalysisappiddailyretaininfo', daily],
  ['/datacube/getweanalysisappidweeklyretaininfo', weekly],
  ['/datacube/getweanalysisappidmonthlyretaininfo', monthly],
]);

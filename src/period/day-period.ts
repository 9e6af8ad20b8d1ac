import { addDays, beijingMidnight } from '../beijing-date';
import { RETAIN_KEYS } from '../range/retain-keys';
import type { Period } from './period';

const DAY_MS = 86_400_000;

/**
 * Days: `getDailyRetain`, one day per request, keys 0–7, 14 and 30, up to a year (leap or
 * not) per range.
 * https://developers.weixin.qq.com/miniprogram/dev/server/API/data-analysis/visit-retain/api_getdailyretain
 */
export const DAY: Period<'getDailyRetain'> = {
  id: 'day',
  api: 'getDailyRetain',
  path: '/datacube/getweanalysisappiddailyretaininfo',
  keys: RETAIN_KEYS,
  max: 366,
  start: (day) => day,
  end: (day) => day,
  shift: addDays,
  distance: (from, to) => Math.round((beijingMidnight(to) - beijingMidnight(from)) / DAY_MS),
  refDate: (firstDay) => firstDay,
  refDateForm: 'yyyymmdd',
  refDatePattern: /^\d{8}$/,
  misfit: () => undefined,
  rule: 'a day is one calendar day, Beijing time',
  example: '20170313',
};

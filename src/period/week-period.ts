import { addDays, weekdayIndex } from '../beijing-date';
import { DAY } from './day-period';
import type { Period } from './period';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * Weeks: `getWeeklyRetain`, a Monday to the following Sunday per request (`ref_date`
 * `20170306-20170312`), keys 0–4, up to 104 weeks (two years) per range.
 * https://developers.weixin.qq.com/miniprogram/dev/server/API/data-analysis/visit-retain/api_getweeklyretain
 */
export const WEEK: Period<'getWeeklyRetain'> = {
  id: 'week',
  api: 'getWeeklyRetain',
  path: '/datacube/getweanalysisappidweeklyretaininfo',
  keys: [0, 1, 2, 3, 4],
  max: 104,
  start: (day) => addDays(day, -weekdayIndex(day)),
  end: (day) => addDays(day, 6 - weekdayIndex(day)),
  shift: (firstDay, n) => addDays(firstDay, 7 * n),
  distance: (from, to) => Math.round(DAY.distance(from, to) / 7),
  refDate: (firstDay) => `${firstDay}-${addDays(firstDay, 6)}`,
  refDateForm: 'yyyymmdd-yyyymmdd',
  refDatePattern: /^\d{8}-\d{8}$/,
  misfit: (day, edge) => {
    const index = weekdayIndex(day);
    return index === (edge === 'begin' ? 0 : 6) ? undefined : `is a ${WEEKDAYS[index]}`;
  },
  rule: 'a week runs Monday to Sunday',
  example: '20170306',
};

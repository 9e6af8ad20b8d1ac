import { addMonths, monthEnd } from '../beijing-date';
import type { Period } from './period';

/** 202402 → 24290: months since year 0, for counting months by subtraction. */
const monthNumber = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(4, 6)) - 1;

/**
 * Months: `getMonthlyRetain`, the first to the last day of a calendar month per request
 * (`ref_date` `201702`), keys 0–1, up to 24 months per range.
 * https://developers.weixin.qq.com/miniprogram/dev/server/API/data-analysis/visit-retain/api_getmonthlyretain
 */
export const MONTH: Period<'getMonthlyRetain'> = {
  id: 'month',
  api: 'getMonthlyRetain',
  path: '/datacube/getweanalysisappidmonthlyretaininfo',
  keys: [0, 1],
  max: 24,
  start: (day) => `${day.slice(0, 6)}01`,
  end: monthEnd,
  shift: addMonths,
  distance: (from, to) => monthNumber(to) - monthNumber(from),
  refDate: (firstDay) => firstDay.slice(0, 6),
  refDateForm: 'yyyymm',
  refDatePattern: /^\d{6}$/,
  misfit: (day, edge) => {
    if (edge === 'begin') return day.endsWith('01') ? undefined : 'is not the first day of a month';
    return day === monthEnd(day) ? undefined : 'is not the last day of a month';
  },
  rule: 'a month runs from its first to its last day',
  example: '20170201',
};

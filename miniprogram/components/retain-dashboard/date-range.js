// Date ranges in Beijing days (`yyyymmdd`), whatever the phone's time zone: WeChat's days run
// 00:00–24:00 Beijing time and it has data up to yesterday. The same rules as
// src/beijing-date.ts, in plain JavaScript for the mini program.
const { periodOf } = require('./periods');

const DAY_MS = 86400000;
const BEIJING_OFFSET_MS = 8 * 3600000;

const iso = (date) => date.toISOString().slice(0, 10).replace(/-/g, '');
const utc = (day) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8)));

function beijingYesterday(now) {
  return iso(new Date(now + BEIJING_OFFSET_MS - DAY_MS));
}

function addDays(day, days) {
  return iso(new Date(utc(day) + days * DAY_MS));
}

/** 0 for Monday … 6 for Sunday. */
function weekdayIndex(day) {
  return (new Date(utc(day)).getUTCDay() + 6) % 7;
}

function monthStart(day) {
  return `${day.slice(0, 6)}01`;
}

function monthEnd(day) {
  return iso(new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)), 0)));
}

function addMonths(day, months) {
  return iso(new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1 + months, 1)));
}

/** The first day of the period that holds `day`. */
function periodStart(periodId, day) {
  if (periodId === 'week') return addDays(day, -weekdayIndex(day));
  if (periodId === 'month') return monthStart(day);
  return day;
}

/** The last day of the period that holds `day`. */
function periodEnd(periodId, day) {
  if (periodId === 'week') return addDays(day, 6 - weekdayIndex(day));
  if (periodId === 'month') return monthEnd(day);
  return day;
}

/** The last day of the latest period that has ended by yesterday (Beijing time). */
function lastCompleteDay(periodId, now) {
  const yesterday = beijingYesterday(now);
  return periodEnd(periodId, yesterday) === yesterday ? yesterday : addDays(periodStart(periodId, yesterday), -1);
}

/** The first day of the period `periods` periods after (or before, when negative) the one that starts at `start`. */
function shiftPeriods(periodId, start, periods) {
  if (periodId === 'month') return addMonths(start, periods);
  return addDays(start, periods * (periodId === 'week' ? 7 : 1));
}

/** How many periods `beginDate`–`endDate` covers (both whole periods). */
function spanOf(periodId, beginDate, endDate) {
  if (periodId === 'month') {
    return (Number(endDate.slice(0, 4)) - Number(beginDate.slice(0, 4))) * 12 + Number(endDate.slice(4, 6)) - Number(beginDate.slice(4, 6)) + 1;
  }
  const days = Math.round((utc(endDate) - utc(beginDate)) / DAY_MS) + 1;
  return periodId === 'week' ? Math.ceil(days / 7) : days;
}

/**
 * The range a tab opens with: whole periods ending with the last complete one, reaching back
 * `lookBackDays` days, and at least the period's `minSpan` (12 weeks, 12 months) so that W4
 * and M1 have final periods to pool; at most what one call may ask for.
 */
function defaultRange(periodId, lookBackDays, now) {
  const period = periodOf(periodId);
  const daysBack = Math.max(1, Math.floor(Number(lookBackDays) || 30));
  const wanted = periodId === 'week' ? Math.ceil(daysBack / 7) : periodId === 'month' ? Math.ceil(daysBack / 30) : daysBack;
  const count = Math.min(period.maxSpan, Math.max(period.minSpan, wanted));
  const endDate = lastCompleteDay(period.id, now);
  return { beginDate: shiftPeriods(period.id, periodStart(period.id, endDate), 1 - count), endDate };
}

/**
 * `range` with one end moved to the picked day, kept valid: whole periods, no later than the
 * last complete one, begin ≤ end, and at most `maxSpan` periods (the other end follows).
 */
function pickDay(periodId, range, which, pickedDay, now) {
  const period = periodOf(periodId);
  const last = lastCompleteDay(period.id, now);
  // biome-ignore lint/complexity/useMathMinMax: days are yyyymmdd strings; Math.min would make numbers of them.
  const latest = (day) => (day < last ? day : last);
  let { beginDate, endDate } = range;
  if (which === 'begin') {
    beginDate = periodStart(period.id, latest(pickedDay));
    if (endDate < beginDate) endDate = periodEnd(period.id, beginDate);
    if (spanOf(period.id, beginDate, endDate) > period.maxSpan) {
      endDate = latest(periodEnd(period.id, shiftPeriods(period.id, beginDate, period.maxSpan - 1)));
    }
  } else {
    endDate = latest(periodEnd(period.id, pickedDay));
    if (beginDate > endDate) beginDate = periodStart(period.id, endDate);
    if (spanOf(period.id, beginDate, endDate) > period.maxSpan) {
      beginDate = shiftPeriods(period.id, periodStart(period.id, endDate), 1 - period.maxSpan);
    }
  }
  return { beginDate, endDate };
}

/** The days a result's `refDate` covers: a day, `yyyymmdd-yyyymmdd` (a week) or `yyyymm` (a month). */
function refDateSpan(refDate) {
  const text = String(refDate);
  if (/^\d{8}$/.test(text)) return { beginDate: text, endDate: text };
  if (/^\d{8}-\d{8}$/.test(text)) return { beginDate: text.slice(0, 8), endDate: text.slice(9) };
  if (/^\d{6}$/.test(text)) return { beginDate: `${text}01`, endDate: monthEnd(`${text}01`) };
  return null;
}

/** `20240614` → `2024-06-14`; `2024-06` for a month. */
function displayDay(day, periodId) {
  const text = `${day.slice(0, 4)}-${day.slice(4, 6)}`;
  return periodId === 'month' ? text : `${text}-${day.slice(6, 8)}`;
}

/** The value a `<picker mode="date">` shows: `2024-06-14`, or `2024-06` with fields="month". */
const pickerValue = displayDay;

/** A picker's `2024-06-14` or `2024-06` back to `yyyymmdd` (the first of the month). */
function fromPicker(value) {
  const digits = String(value).replace(/-/g, '');
  if (/^\d{8}$/.test(digits)) return digits;
  if (/^\d{6}$/.test(digits)) return `${digits}01`;
  return null;
}

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

module.exports = {
  addDays,
  beijingYesterday,
  defaultRange,
  displayDay,
  fromPicker,
  lastCompleteDay,
  monthEnd,
  periodEnd,
  periodStart,
  pickDay,
  pickerValue,
  refDateSpan,
  spanOf,
  weekdayIndex,
  WEEKDAYS,
};

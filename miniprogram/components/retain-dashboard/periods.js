// The three grains of retention and what each shows. Keys are those WeChat documents for
// getDailyRetain (0–7, 14, 30), getWeeklyRetain (0–4) and getMonthlyRetain (0–1).
const PERIODS = {
  day: {
    id: 'day',
    tab: '日',
    unit: '天',
    // 当天人数; the periods a card counts.
    current: '当天',
    noun: '日期',
    prefix: 'D',
    keys: [0, 1, 2, 3, 4, 5, 6, 7, 14, 30],
    cardKeys: [1, 7, 30],
    cardNames: { 1: '次日留存', 7: '7 日留存', 30: '30 日留存' },
    // The range function's limits (days: MAX_RANGE_DAYS in src/range/range-query.ts).
    maxSpan: 366,
    minSpan: 1,
  },
  week: {
    id: 'week',
    tab: '周',
    unit: '周',
    current: '当周',
    noun: '周',
    prefix: 'W',
    keys: [0, 1, 2, 3, 4],
    cardKeys: [1, 4],
    cardNames: { 1: '次周留存', 4: '4 周留存' },
    maxSpan: 104,
    // Enough weeks for W4 to be final in most of them.
    minSpan: 12,
  },
  month: {
    id: 'month',
    tab: '月',
    unit: '个月',
    current: '当月',
    noun: '月份',
    prefix: 'M',
    keys: [0, 1],
    cardKeys: [1],
    cardNames: { 1: '次月留存' },
    maxSpan: 24,
    minSpan: 12,
  },
};

const PERIOD_IDS = ['day', 'week', 'month'];

/** The period named `id`, or days for anything else (the range function's default). */
function periodOf(id) {
  return PERIODS[id] || PERIODS.day;
}

module.exports = { PERIODS, PERIOD_IDS, periodOf };

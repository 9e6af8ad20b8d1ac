// What the dashboard shows for one range result: summary cards, the retention curve and the
// cohort heatmap, as plain data for setData.
const { periodOf } = require('./periods');
const { displayDay, refDateSpan, weekdayIndex, WEEKDAYS } = require('./date-range');
const { displayCount, displayPercent, isKeyFinal, pooledRate, valueAt } = require('./pooled-rate');

const COHORTS = { new: 'visitUvNew', active: 'visitUv' };

/**
 * Heatmap shades: the 0–40 % band where retention lives gets most of the steps, so cells of
 * 8 % and 15 % do not look alike. Rates above 100 % are flagged, never shaded.
 */
const SHADE_FROM = [0.02, 0.05, 0.08, 0.12, 0.16, 0.2, 0.3, 0.45, 0.7];

function shadeOf(rate) {
  let shade = 0;
  while (shade < SHADE_FROM.length && rate >= SHADE_FROM[shade]) shade += 1;
  return shade;
}

/** The cards: new users over the range, then pooled new-user retention at the period's card keys. */
function summaryCards(range) {
  const period = periodOf(range.period);
  const newUsers = range.list.reduce((sum, item) => sum + (valueAt(item.visitUvNew, 0) || 0), 0);
  const cards = [{ key: 'users', label: '新增用户', value: displayCount(newUsers), note: `${range.list.length} ${period.unit}合计` }];
  for (const key of period.cardKeys) {
    const { rate, periods } = pooledRate(range.list, COHORTS.new, key);
    cards.push({
      key: `${period.prefix}${key}`,
      label: `${period.cardNames[key]} ${period.prefix}${key}`,
      value: displayPercent(rate),
      note: periods > 0 ? `合并 ${periods} ${period.unit}已定稿数据` : `范围内尚无满 ${key} ${period.unit}的数据`,
    });
  }
  return cards;
}

/** Pooled retention at every key after 0, for new and for active users: the curve's points. */
function curve(range) {
  const period = periodOf(range.period);
  const keys = period.keys.filter((key) => key > 0);
  const series = Object.keys(COHORTS).map((id) => ({
    id,
    points: keys.map((key) => pooledRate(range.list, COHORTS[id], key).rate),
  }));
  return {
    labels: keys.map((key) => `${period.prefix}${key}`),
    note: `第 k ${period.unit}留存率 = Σ 第 k ${period.unit}仍来访的人数 ÷ Σ ${period.current}人数，只计第 k ${period.unit}已定稿的${period.noun}。`,
    series,
    // Shown instead of the chart where canvas is not available.
    rows: series.map((line) => ({ id: line.id, values: line.points.map((rate, i) => ({ key: keys[i], text: displayPercent(rate) })) })),
  };
}

function rowLabel(refDate, periodId) {
  const span = refDateSpan(refDate);
  if (periodId === 'month') return { label: displayDay(span.beginDate, 'month'), sub: '', weekend: false };
  if (periodId === 'week') return { label: displayDay(span.beginDate).slice(5), sub: `至 ${displayDay(span.endDate).slice(5)}`, weekend: false };
  const weekday = weekdayIndex(span.beginDate);
  return { label: displayDay(span.beginDate).slice(5), sub: WEEKDAYS[weekday], weekend: weekday >= 5 };
}

function cell(item, cohort, key) {
  if (!isKeyFinal(item, key)) return { key, text: '', shade: 'pending' };
  const size = valueAt(item[cohort], 0);
  const users = valueAt(item[cohort], key);
  if (size === 0) return { key, text: '–', shade: 'none' };
  if (size === null || users === null) return { key, text: 'n/a', shade: 'missing' };
  const rate = users / size;
  if (rate > 1) return { key, text: '>100%', shade: 'over' };
  return { key, text: displayPercent(rate), shade: `h${shadeOf(rate)}` };
}

/** Heatmap rows for one cohort, newest first (yesterday on top): a size column, then a cell per key after 0. */
function heatmap(range, cohortId) {
  const period = periodOf(range.period);
  const cohort = COHORTS[cohortId] || COHORTS.new;
  const keys = period.keys.filter((key) => key > 0);
  return {
    head: keys.map((key) => `${period.prefix}${key}`),
    rows: range.list
      .slice()
      .reverse()
      .map((item) => {
        const size = valueAt(item[cohort], 0);
        return Object.assign(rowLabel(item.refDate, period.id), {
          refDate: item.refDate,
          size: size === null ? '–' : displayCount(size),
          open: item.pendingKeys.length > 0,
          cells: keys.map((key) => cell(item, cohort, key)),
        });
      }),
  };
}

/** The sentence a tap on a heatmap cell shows. */
function cellDetail(range, refDate, cohortId, key) {
  const period = periodOf(range.period);
  const item = range.list.find((candidate) => candidate.refDate === refDate);
  if (!item) return '';
  const cohort = COHORTS[cohortId] || COHORTS.new;
  const span = refDateSpan(refDate);
  const where = `${displayDay(span.beginDate, period.id)} ${period.prefix}${key}`;
  if (!isKeyFinal(item, key)) return `${where}：未定稿，数据还会变化`;
  const size = valueAt(item[cohort], 0);
  const users = valueAt(item[cohort], key);
  if (!size || users === null) return `${where}：没有数据`;
  return `${where}：${displayPercent(users / size)}（${displayCount(users)} / ${displayCount(size)} 人）`;
}

module.exports = { cellDetail, curve, heatmap, shadeOf, summaryCards, SHADE_FROM };

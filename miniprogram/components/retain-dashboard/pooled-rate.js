// Pooled retention, the number on the summary cards and the HTML report's cards: the same rule
// as src/range/pooled-rate.ts, in plain JavaScript for the mini program.

/** The value at `key` in `[{key, value}]`; null when absent or not a finite number. */
function valueAt(entries, key) {
  if (!Array.isArray(entries)) return null;
  for (const entry of entries) {
    if (entry && entry.key === key) return typeof entry.value === 'number' && Number.isFinite(entry.value) ? entry.value : null;
  }
  return null;
}

/** Whether WeChat will not change `key` of this period again (its `pendingKeys` do not hold it). */
function isKeyFinal(period, key) {
  return Array.isArray(period.pendingKeys) && !period.pendingKeys.includes(key);
}

/**
 * Σ value(key) / Σ value(0) over the periods whose `key` is final and has a value, for one
 * cohort (`visitUvNew` or `visitUv`). Pooling weighs big cohorts more than an average of
 * rates would. `rate` is null when no period counts; `periods` says how many did.
 */
function pooledRate(list, cohort, key) {
  let users = 0;
  let size = 0;
  let periods = 0;
  for (const period of list) {
    const base = valueAt(period[cohort], 0);
    const kept = valueAt(period[cohort], key);
    if (!isKeyFinal(period, key) || kept === null || !base) continue;
    users += kept;
    size += base;
    periods += 1;
  }
  return { rate: size > 0 ? users / size : null, periods };
}

/** 0.2791 → `27.9%` (one decimal, as the HTML report shows it); `–` for no rate. */
function displayPercent(rate) {
  return rate === null ? '–' : `${(rate * 100).toFixed(1)}%`;
}

/** 12345 → `12,345`, the same on every phone (no locale lookup). */
function displayCount(count) {
  return String(Math.round(count)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

module.exports = { displayCount, displayPercent, isKeyFinal, pooledRate, valueAt };

import { displayCount, displayKey, displayPercent } from '../range/display';
import { pooledRate } from '../range/pooled-rate';
import { cellAt, type PeriodRetention } from '../range/retention-rates';
import { COHORTS } from './cohort-labels';
import { checkRate, isCount } from './rate-check';
import type { ReportText, ViewText } from './report-text';
import { TREND_LINES } from './trend-series';

/**
 * The headline numbers: new users over the range and pooled new-user retention at the card
 * keys (D1/D7/D30, W1/W4, M1; pooled-rate.ts: Σ value(k) / Σ value(0) over the periods whose
 * key k is final; the dashboard's cards show the same numbers). A pooled rate above 100 % is
 * shown clamped and flagged.
 */
export function renderSummary(rows: readonly PeriodRetention[], text: ReportText, words: ViewText): string {
  const [fresh] = COHORTS;
  if (!fresh) return '';
  const period = rows[0]?.period ?? 'day';
  const total = rows.reduce((sum, row) => sum + (row.newUsers.size !== null && isCount(row.newUsers.size) ? row.newUsers.size : 0), 0);
  const finalRows = rows.filter((row) => row.final).length;
  const stat = (label: string, value: string, note: string, extra = '') =>
    `<div class="stat"${extra}><div class="stat-label">${label}</div><div class="stat-value">${value}</div><div class="stat-note">${note}</div></div>`;
  const rate = (key: number) => {
    const value = pooledRate(rows, fresh.pick, key);
    const counted = rows.filter((row) => cellAt(fresh.pick(row), key).state === 'final').length;
    const check = value === null ? 'ok' : checkRate(value);
    const shown = value === null ? '–' : check === 'ok' ? displayPercent(value) : check === 'over' ? '&gt;100%' : text.heatmap.invalidText;
    const note = check === 'ok' ? words.summary.pooledNote(counted) : text.summary.badNote;
    return stat(text.summary.retention(displayKey(period, key)), shown, note, ` data-key="${key}"${check === 'ok' ? '' : ' data-flag="bad"'}`);
  };
  return `<div class="stats">
${stat(text.summary.newUsers, displayCount(total), words.summary.newUsersNote(rows.length))}
${TREND_LINES[period].map(({ key }) => rate(key)).join('\n')}
${stat(words.summary.finalPeriods, `${finalRows} / ${rows.length}`, words.summary.finalPeriodsNote)}
</div>`;
}

import { displayCount, displayPercent } from '../range/display';
import { pooledRate } from '../range/pooled-rate';
import { cellAt, type DayRetention } from '../range/retention-rates';
import { COHORTS } from './cohort-labels';
import { checkRate, isCount } from './rate-check';
import type { ReportText } from './report-text';

/**
 * The headline numbers: new users over the range and pooled D1/D7/D30 new-user retention
 * (pooled-rate.ts: Σ returning / Σ users over the days whose key is final; the dashboard's
 * cards show the same numbers). A pooled rate above 100 % is shown clamped and flagged.
 */
export function renderSummary(rows: readonly DayRetention[], text: ReportText): string {
  const [fresh] = COHORTS;
  if (!fresh) return '';
  const total = rows.reduce((sum, day) => sum + (day.newUsers.size !== null && isCount(day.newUsers.size) ? day.newUsers.size : 0), 0);
  const finalDays = rows.filter((day) => day.final).length;
  const stat = (label: string, value: string, note: string, extra = '') =>
    `<div class="stat"${extra}><div class="stat-label">${label}</div><div class="stat-value">${value}</div><div class="stat-note">${note}</div></div>`;
  const rate = (key: 1 | 7 | 30) => {
    const value = pooledRate(rows, fresh.pick, key);
    const days = rows.filter((day) => cellAt(fresh.pick(day), key).state === 'final').length;
    const check = value === null ? 'ok' : checkRate(value);
    const shown = value === null ? '–' : check === 'ok' ? displayPercent(value) : check === 'over' ? '&gt;100%' : text.heatmap.invalidText;
    const note = check === 'ok' ? text.summary.pooledNote(days) : text.summary.badNote;
    return stat(text.summary.retention(key), shown, note, ` data-key="${key}"${check === 'ok' ? '' : ' data-flag="bad"'}`);
  };
  return `<div class="stats">
${stat(text.summary.newUsers, displayCount(total), text.summary.newUsersNote(rows.length))}
${rate(1)}
${rate(7)}
${rate(30)}
${stat(text.summary.finalDays, `${finalDays} / ${rows.length}`, text.summary.finalDaysNote)}
</div>`;
}

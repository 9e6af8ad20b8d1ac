import { displayCount, displayPercent } from '../range/display';
import { pooledRate } from '../range/pooled-rate';
import type { DayRetention } from '../range/retention-rates';
import { COHORTS } from './cohort-labels';

/** The headline numbers, above everything else. */
export function renderSummary(rows: readonly DayRetention[]): string {
  const [fresh] = COHORTS;
  if (!fresh) return '';
  const total = rows.reduce((sum, day) => sum + (day.newUsers.size ?? 0), 0);
  const finalDays = rows.filter((day) => day.final).length;
  const stat = (label: string, value: string, note: string, key = '') =>
    `<div class="stat"${key && ` data-key="${key}"`}><div class="stat-label">${label}</div><div class="stat-value">${value}</div><div class="stat-note">${note}</div></div>`;
  const rate = (key: 1 | 7 | 30) => {
    const value = pooledRate(rows, fresh.pick, key);
    return stat(`Day-${key} retention`, value === null ? '–' : displayPercent(value), 'new users, all final days', String(key));
  };
  return `<div class="stats">
${stat('New users', displayCount(total), `over ${rows.length} ${rows.length === 1 ? 'day' : 'days'}`)}
${rate(1)}
${rate(7)}
${rate(30)}
${stat('Final days', `${finalDays} / ${rows.length}`, 'days with every key final')}
</div>`;
}

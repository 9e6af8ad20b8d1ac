import { PERIODS } from '../period/periods';
import type { PeriodRetention } from '../range/retention-rates';
import type { ReportText } from './report-text';
import { weekdayIndex } from '../beijing-date';

/** The x axis of the trend charts, in thousandths of the plot's width. */
export interface PeriodAxis {
  /** The centre of each row's day, week or month. */
  xs: number[];
  /** The width of one period. */
  slot: number;
}

export const PLOT_SIZE = 1000;
/** Four labels fit a phone's plot (about 290 px) even as 2024年10月. */
const MAX_TICKS = 4;
/** Up to this many weeks, every week is labelled by its Monday (thinned to four); past it, by month. */
const WEEKS_BY_DAY = 8;

/**
 * Each row at its place in the calendar (a day, a week or a month from the first row), so a gap
 * in the rows shows as a gap. Everything here is O(rows): `distance` is arithmetic, and
 * nothing walks the calendar between two rows, however far apart they are.
 */
export function periodAxis(rows: readonly PeriodRetention[]): PeriodAxis {
  const first = rows[0];
  if (!first) return { xs: [], slot: PLOT_SIZE };
  const period = PERIODS[first.period];
  const offset = (row: PeriodRetention) => period.distance(first.firstDay, row.firstDay);
  const slot = PLOT_SIZE / (offset(rows.at(-1) ?? first) + 1);
  return { xs: rows.map((row) => (offset(row) + 0.5) * slot), slot };
}

/** 0 for Sunday … 6 for Saturday, the order of the report's weekday names. */
export function weekday(day: string): number {
  return (weekdayIndex(day) + 1) % 7;
}

/** One SVG path shading every Saturday and Sunday among the rows (days only: a week holds both). */
export function weekendPath(rows: readonly PeriodRetention[], { xs, slot }: PeriodAxis): string {
  const bands = rows.flatMap((row, i) => {
    const x = xs[i] ?? 0;
    return row.period === 'day' && [0, 6].includes(weekday(row.firstDay)) ? [`M${fixed(x - slot / 2)} 0h${fixed(slot)}V${PLOT_SIZE}h-${fixed(slot)}z`] : [];
  });
  return bands.join('');
}

/**
 * At most four labels under a chart. Days: firsts of months for long ranges, Mondays for a few
 * weeks, every day for a fortnight or less. Weeks: the first Monday of each month, or every
 * Monday for up to eight weeks. Months: every month.
 */
export function axisTicks(rows: readonly PeriodRetention[], { xs }: PeriodAxis, text: ReportText): { x: number; label: string }[] {
  const period = rows[0]?.period ?? 'day';
  const byMonth = period === 'month' || (period === 'day' ? rows.length > 62 : rows.length > WEEKS_BY_DAY);
  const wanted = (day: string): boolean => {
    if (period === 'month') return true;
    if (period === 'week') return !byMonth || Number(day.slice(6, 8)) <= 7;
    return byMonth ? day.endsWith('01') : rows.length <= 14 || weekday(day) === 1;
  };
  const candidates = rows.flatMap((row, i) => (wanted(row.firstDay) ? [{ day: row.firstDay, x: xs[i] ?? 0 }] : []));
  const every = Math.ceil(candidates.length / MAX_TICKS);
  return candidates
    .filter((_, i) => i % every === 0)
    .map(({ day, x }, i) => {
      const [year, month, date] = [day.slice(0, 4), day.slice(4, 6), day.slice(6, 8)].map(Number) as [number, number, number];
      const label = byMonth ? text.monthTick(year, month, i === 0 || month === 1) : text.dayTick(month, date);
      return { x, label };
    });
}

export function fixed(n: number): string {
  return String(Math.round(n * 10) / 10);
}

import { beijingMidnight } from '../beijing-date';
import type { DayRetention } from '../range/retention-rates';
import type { ReportText } from './report-text';

/** The x axis of the trend charts, in thousandths of the plot's width. */
export interface DayAxis {
  /** The centre of each row's day. */
  xs: number[];
  /** The width of one day. */
  slot: number;
}

export const PLOT_SIZE = 1000;
const DAY_MS = 86_400_000;
/** Four labels fit a phone's plot (about 290 px) even as 2024年10月. */
const MAX_TICKS = 4;

/**
 * Each row at its calendar day, so a gap in the days shows as a gap. Everything here is
 * O(rows): nothing walks the calendar between two days, however far apart they are.
 */
export function dayAxis(rows: readonly DayRetention[]): DayAxis {
  const start = beijingMidnight(rows[0]?.refDate ?? '');
  const offset = (day: string) => Math.round((beijingMidnight(day) - start) / DAY_MS);
  const span = offset(rows.at(-1)?.refDate ?? '') + 1;
  const slot = PLOT_SIZE / span;
  return { xs: rows.map((day) => (offset(day.refDate) + 0.5) * slot), slot };
}

/** 0 for Sunday … 6 for Saturday (`yyyymmdd` names a calendar day, whatever the zone). */
export function weekday(day: string): number {
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8)))).getUTCDay();
}

/** One SVG path shading every Saturday and Sunday among the rows. */
export function weekendPath(rows: readonly DayRetention[], { xs, slot }: DayAxis): string {
  const bands = rows.flatMap((day, i) => {
    const x = xs[i] ?? 0;
    return [0, 6].includes(weekday(day.refDate)) ? [`M${fixed(x - slot / 2)} 0h${fixed(slot)}V${PLOT_SIZE}h-${fixed(slot)}z`] : [];
  });
  return bands.join('');
}

/**
 * At most four date labels: firsts of months for long ranges, Mondays for a few weeks,
 * every day for a fortnight or less.
 */
export function dayTicks(rows: readonly DayRetention[], { xs }: DayAxis, text: ReportText): { x: number; label: string }[] {
  const byMonth = rows.length > 62;
  const wanted = (day: string) => (byMonth ? day.endsWith('01') : rows.length <= 14 || weekday(day) === 1);
  const candidates = rows.flatMap((day, i) => (wanted(day.refDate) ? [{ day: day.refDate, x: xs[i] ?? 0 }] : []));
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

import { addDays } from '../beijing-date';
import { pooledRate } from '../range/pooled-rate';
import type { RetainKey } from '../range/retain-keys';
import { cellAt, type DayRetention } from '../range/retention-rates';
import type { CohortView } from './cohort-labels';
import { checkCounts, checkRate, type RateCheck } from './rate-check';

/** A point of a trend line: no rate where there is nothing final to draw. */
export interface TrendPoint {
  rate: number | null;
  check: RateCheck;
}

export interface TrendSeries {
  key: RetainKey;
  /** One point per row. */
  daily: TrendPoint[];
  /** The 7-day average ending at each row. */
  average: TrendPoint[];
}

/** The lines drawn, with colours that stay apart for colour-blind readers too. */
export const TREND_KEYS: readonly { key: RetainKey; colour: string }[] = [
  { key: 1, colour: '#2563eb' },
  { key: 7, colour: '#ea580c' },
  { key: 30, colour: '#0d9488' },
];

/** A trailing week: it covers each weekday once, so weekly rhythm does not show in it. */
const WINDOW_DAYS = 7;

const NONE: TrendPoint = { rate: null, check: 'ok' };

/**
 * Day-1, day-7 and day-30 retention of one cohort, day by day and as a 7-day average. Only
 * final cells count: a line ends where its key has not passed, and breaks over days without
 * users. The average is the pooled rate of the summary cards (pooled-rate.ts) over the 7
 * calendar days ending at a row, drawn once the range holds a whole week before it; a bad day
 * in the window flags the average as it flags the day.
 */
export function trendSeries(rows: readonly DayRetention[], cohort: CohortView): TrendSeries[] {
  const first = rows[0]?.refDate ?? '';
  return TREND_KEYS.map(({ key }) => {
    const daily = rows.map((day) => dailyPoint(day, cohort, key));
    let start = 0;
    const average = rows.map((day, i): TrendPoint => {
      const from = addDays(day.refDate, 1 - WINDOW_DAYS);
      while ((rows[start]?.refDate ?? '') < from) start += 1;
      if (isGap(daily[i]) || first > from) return NONE;
      const flagged = daily.slice(start, i + 1).find((point) => point.check !== 'ok');
      if (flagged) return { rate: null, check: flagged.check };
      const rate = pooledRate(rows.slice(start, i + 1), cohort.pick, key);
      return rate === null ? NONE : { rate, check: checkRate(rate) };
    });
    return { key, daily, average };
  });
}

/** Nothing to draw here: not final, no number or no users (a flagged point is not a gap). */
export function isGap(point: TrendPoint | undefined): boolean {
  return point === undefined || (point.rate === null && point.check === 'ok');
}

function dailyPoint(day: DayRetention, cohort: CohortView, key: RetainKey): TrendPoint {
  const { size } = cohort.pick(day);
  const { state, users } = cellAt(cohort.pick(day), key);
  if (state !== 'final' || users === null || size === null || (size === 0 && users === 0)) return NONE;
  const check = checkCounts(users, size);
  return { rate: check === 'ok' ? users / size : null, check };
}

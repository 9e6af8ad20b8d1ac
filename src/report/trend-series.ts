import { addDays } from '../beijing-date';
import type { PeriodId } from '../period/period';
import { pooledRate } from '../range/pooled-rate';
import { cellAt, type PeriodRetention } from '../range/retention-rates';
import type { CohortView } from './cohort-labels';
import { checkCounts, checkRate, type RateCheck } from './rate-check';

/** A point of a trend line: no rate where there is nothing final to draw. */
export interface TrendPoint {
  rate: number | null;
  check: RateCheck;
}

export interface TrendSeries {
  key: number;
  /** One point per row: the day's, week's or month's own rate. */
  points: TrendPoint[];
  /** Days only: the 7-day average ending at each row. */
  average?: TrendPoint[];
}

export interface TrendLine {
  key: number;
  colour: string;
}

const BLUE = '#2563eb';
const ORANGE = '#ea580c';
const TEAL = '#0d9488';

/**
 * The lines drawn: the keys of the summary cards (the dashboard's too), in colours that stay
 * apart for colour-blind readers. A colour says how far ahead a line looks: about a day
 * (blue), a week (orange), a month (teal). W1 looks a week ahead as D7 does, W4 and M1 a month
 * ahead as D30 does, so a reader switching views finds the same horizon in the same colour.
 */
export const TREND_LINES: Readonly<Record<PeriodId, readonly TrendLine[]>> = {
  day: [
    { key: 1, colour: BLUE },
    { key: 7, colour: ORANGE },
    { key: 30, colour: TEAL },
  ],
  week: [
    { key: 1, colour: ORANGE },
    { key: 4, colour: TEAL },
  ],
  month: [{ key: 1, colour: TEAL }],
};

/** A trailing week: it covers each weekday once, so weekly rhythm does not show in it. */
const WINDOW_DAYS = 7;

const NONE: TrendPoint = { rate: null, check: 'ok' };

/**
 * The card keys' retention of one cohort, row by row. Only final cells count: a line ends
 * where its key has not passed, and breaks over periods without users.
 *
 * Days also get a 7-day average: the pooled rate of the summary cards (pooled-rate.ts) over
 * the 7 calendar days ending at a row, drawn once the range holds a whole week before it; a
 * bad day in the window flags the average as it flags the day. Weeks and months get none: a
 * week already pools its seven weekdays, which is what the 7-day average does for days, and a
 * 4-week or 3-month average would lag a quarter behind over the ranges a report covers.
 */
export function trendSeries(rows: readonly PeriodRetention[], cohort: CohortView): TrendSeries[] {
  const period = rows[0]?.period ?? 'day';
  const first = rows[0]?.firstDay ?? '';
  return TREND_LINES[period].map(({ key }) => {
    const points = rows.map((row) => ownPoint(row, cohort, key));
    if (period !== 'day') return { key, points };
    let start = 0;
    const average = rows.map((row, i): TrendPoint => {
      const from = addDays(row.firstDay, 1 - WINDOW_DAYS);
      while ((rows[start]?.firstDay ?? '') < from) start += 1;
      if (isGap(points[i]) || first > from) return NONE;
      const flagged = points.slice(start, i + 1).find((point) => point.check !== 'ok');
      if (flagged) return { rate: null, check: flagged.check };
      const rate = pooledRate(rows.slice(start, i + 1), cohort.pick, key);
      return rate === null ? NONE : { rate, check: checkRate(rate) };
    });
    return { key, points, average };
  });
}

/** Nothing to draw here: not final, no number or no users (a flagged point is not a gap). */
export function isGap(point: TrendPoint | undefined): boolean {
  return point === undefined || (point.rate === null && point.check === 'ok');
}

function ownPoint(row: PeriodRetention, cohort: CohortView, key: number): TrendPoint {
  const { size } = cohort.pick(row);
  const { state, users } = cellAt(cohort.pick(row), key);
  if (state !== 'final' || users === null || size === null || (size === 0 && users === 0)) return NONE;
  const check = checkCounts(users, size);
  return { rate: check === 'ok' ? users / size : null, check };
}

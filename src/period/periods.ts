import { DAY } from './day-period';
import { MONTH } from './month-period';
import type { Period, PeriodId } from './period';
import { WEEK } from './week-period';

/** Every period by its id, as a range event names it (`period: 'week'`). */
export const PERIODS: Readonly<Record<PeriodId, Period>> = { day: DAY, week: WEEK, month: MONTH };

export const PERIOD_IDS = Object.keys(PERIODS) as PeriodId[];

export { DAY, MONTH, WEEK };

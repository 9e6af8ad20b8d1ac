import { addDays, beijingMidnight } from '../beijing-date';

/**
 * The grain of a range: how many periods two dates span, and which they are. A range is
 * refused by `count`, which is arithmetic on the two dates, before `list` builds anything:
 * listing 1000-01-01 … 9999-12-31 first took 4.8 s and 185 MiB. Days only for now; weeks
 * and months (issue 13: up to 104 weeks, 24 months) are further values of this type.
 */
export interface RangePeriod {
  /** `day`, as a message names it: "spans 367 days". */
  name: string;
  /** The most periods one call may ask for. */
  max: number;
  /** How many periods `beginDate`–`endDate` (inclusive) touches. */
  count(beginDate: string, endDate: string): number;
  /** The first day of each of those periods, oldest first; only called within `max`. */
  list(beginDate: string, endDate: string): string[];
}

const DAY_MS = 86_400_000;

/** Days: up to a year, leap or not. */
export const DAYS: RangePeriod = {
  name: 'day',
  max: 366,
  count: (beginDate, endDate) => Math.round((beijingMidnight(endDate) - beijingMidnight(beginDate)) / DAY_MS) + 1,
  list: (beginDate, endDate) => Array.from({ length: DAYS.count(beginDate, endDate) }, (_, i) => addDays(beginDate, i)),
};

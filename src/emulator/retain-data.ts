import { createHash } from 'node:crypto';
import { addDays } from '../beijing-date';

/** The keys WeChat documents: the day itself, days 1–7 after, then 14 and 30. */
export const RETAIN_KEYS = [0, 1, 2, 3, 4, 5, 6, 7, 14, 30] as const;

/**
 * Plausible, deterministic retention for one AppID and day: the same inputs always give the
 * same numbers. Key k is present only once day ref_date + k has ended (Beijing time), i.e.
 * when ref_date + k is no later than `yesterday`, as WeChat fills it in day by day.
 */
export function retainData(appid: string, refDate: string, yesterday: string) {
  const seed = createHash('sha256').update(`${appid}:${refDate}`).digest();
  const unit = (i: number) => (seed.readUInt32BE(i * 4) % 10_000) / 10_000;
  const newUsers = 200 + Math.round(unit(0) * 5800);
  const activeUsers = newUsers * 4 + Math.round(unit(1) * newUsers * 6);
  const curve = (dayOne: number, k: number) => (k === 0 ? 1 : dayOne * k ** -0.45);
  const series = (base: number, dayOne: number) =>
    RETAIN_KEYS.filter((k) => addDays(refDate, k) <= yesterday).map((key) => ({
      key,
      value: Math.round(base * curve(dayOne, key)),
    }));
  return {
    ref_date: refDate,
    visit_uv_new: series(newUsers, 0.18 + unit(2) * 0.2),
    visit_uv: series(activeUsers, 0.35 + unit(3) * 0.2),
  };
}

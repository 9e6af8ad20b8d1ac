import { addDays, beijingYesterday } from '../../src/beijing-date';

/** Yesterday in Beijing time, from the real clock (the built function uses the real clock). */
export const yesterday = () => beijingYesterday(Date.now());
export const today = () => addDays(yesterday(), 1);
export const daysAgo = (n: number) => addDays(yesterday(), 1 - n);

import type { PeriodId } from '../period/period';

/** `20240105` → `2024-01-05`: the ISO form reads unambiguously in every locale. */
export function displayDate(day: string): string {
  return /^\d{8}$/.test(day) ? `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}` : day;
}

/** 0.2345 → `23.5%`. */
export function displayPercent(rate: number, digits = 1): string {
  return `${(rate * 100).toFixed(digits)}%`;
}

/** 12345 → `12,345`, the same on every host (no locale lookup). */
export function displayCount(count: number): string {
  return String(Math.round(count)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The letter before a key, as the dashboard and the report write it: D7, W4, M1. */
const KEY_PREFIX: Readonly<Record<PeriodId, string>> = { day: 'D', week: 'W', month: 'M' };

/** Key `key` of a period as a column heading: `D7`, `W4`, `M1`. */
export function displayKey(period: PeriodId, key: number): string {
  return `${KEY_PREFIX[period]}${key}`;
}

/**
 * A period's ref_date for people: `20240105` → `2024-01-05`, `20240101-20240107` →
 * `2024-01-01 – 01-07`, `202401` → `2024-01`. Anything else comes back as it is.
 */
export function displayRefDate(refDate: string): string {
  const week = /^(\d{8})-\d{4}(\d\d)(\d\d)$/.exec(refDate);
  if (week) return `${displayDate(week[1] as string)} – ${week[2]}-${week[3]}`;
  return /^\d{6}$/.test(refDate) ? `${refDate.slice(0, 4)}-${refDate.slice(4, 6)}` : displayDate(refDate);
}

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

import { type CohortRetention, cellAt, type PeriodRetention } from './retention-rates';

/**
 * Retention at `key` over many days, weeks or months: Σ value(key) / Σ value(0), counting only
 * the periods whose key is final (the rows say which, by their period's rule). Pooling weights
 * big periods more, which an average of rates would not; null when no period counts. The
 * dashboard's cards compute the same numbers (miniprogram/…/pooled-rate.js).
 */
export function pooledRate(
  rows: readonly PeriodRetention[],
  cohort: (row: PeriodRetention) => CohortRetention,
  key: number,
): number | null {
  let users = 0;
  let size = 0;
  for (const row of rows) {
    const group = cohort(row);
    const cell = cellAt(group, key);
    if (cell.state !== 'final' || cell.users === null || !group.size) continue;
    users += cell.users;
    size += group.size;
  }
  return size > 0 ? users / size : null;
}

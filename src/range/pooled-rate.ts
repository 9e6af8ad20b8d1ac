import type { RetainKey } from './retain-keys';
import { type CohortRetention, cellAt, type DayRetention } from './retention-rates';

/**
 * Retention at `key` over many days: all returning users / all users, counting only days
 * whose key is final. Pooling weights big days more, which an average of daily rates would
 * not; null when no day counts.
 */
export function pooledRate(
  days: readonly DayRetention[],
  cohort: (day: DayRetention) => CohortRetention,
  key: RetainKey,
): number | null {
  let users = 0;
  let size = 0;
  for (const day of days) {
    const group = cohort(day);
    const cell = cellAt(group, key);
    if (cell.state !== 'final' || cell.users === null || !group.size) continue;
    users += cell.users;
    size += group.size;
  }
  return size > 0 ? users / size : null;
}

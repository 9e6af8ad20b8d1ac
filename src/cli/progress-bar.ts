import type { PeriodId } from '../period/period';
import type { RangeProgress } from '../range/fetch-range';

/** A one-line progress bar for a TTY: `[#####-----] 120/365 days (40 cached)`, or weeks, or months. */
export function progressBar(write: (text: string) => void, period: PeriodId = 'day', width = 30) {
  let cached = 0;
  return {
    update({ done, total, fromCache }: RangeProgress): void {
      if (fromCache) cached += 1;
      const filled = Math.round((done / total) * width);
      write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${period}${total === 1 ? '' : 's'} (${cached} cached)`);
    },
    done(): void {
      write('\n');
    },
  };
}

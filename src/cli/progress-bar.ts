import type { RangeProgress } from '../range/fetch-range';

/** A one-line progress bar for a TTY: `[#####-----] 120/365 days (40 cached)`. */
export function progressBar(write: (text: string) => void, width = 30) {
  let cached = 0;
  return {
    update({ done, total, fromCache }: RangeProgress): void {
      if (fromCache) cached += 1;
      const filled = Math.round((done / total) * width);
      write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} days (${cached} cached)`);
    },
    done(): void {
      write('\n');
    },
  };
}

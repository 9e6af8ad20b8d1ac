import fc from 'fast-check';
import { addDays, beijingYesterday } from '../../src/beijing-date';
import { retainData } from '../../src/emulator/retain-data';
import { dayCompleteness, isAnswerFinal, isDayFinal, isKeyFinal, keyFinalFrom } from '../../src/range/day-completeness';

/** 23:59:59 and 00:00:00 on either side of midnight 2024-06-15, Beijing time (UTC+8). */
const BEFORE_MIDNIGHT = Date.UTC(2024, 5, 14, 15, 59, 59);
const AT_MIDNIGHT = Date.UTC(2024, 5, 14, 16, 0, 0);

describe('isKeyFinal', () => {
  it('makes key k final once ref_date + k has ended in Beijing time', () => {
    expect(isKeyFinal('20240607', 7, BEFORE_MIDNIGHT)).toBe(false);
    expect(isKeyFinal('20240607', 7, AT_MIDNIGHT)).toBe(true);
  });

  it('counts key 0 as final from the day after ref_date', () => {
    expect(isKeyFinal('20240614', 0, BEFORE_MIDNIGHT)).toBe(false);
    expect(isKeyFinal('20240614', 0, AT_MIDNIGHT)).toBe(true);
    expect(isKeyFinal('20240614', 1, AT_MIDNIGHT)).toBe(false);
  });

  it('follows Beijing midnight, not UTC midnight', () => {
    // 2024-06-15 06:00 UTC is 14:00 in Beijing: the 14th is over, the 15th is not.
    const noonUtc = Date.UTC(2024, 5, 15, 6);
    expect(isKeyFinal('20240614', 0, noonUtc)).toBe(true);
    expect(isKeyFinal('20240615', 0, noonUtc)).toBe(false);
  });
});

describe('keyFinalFrom', () => {
  it('names the Beijing day on which key k turns final', () => {
    expect(keyFinalFrom('20240601', 14)).toBe('20240616');
    expect(keyFinalFrom('20240220', 30)).toBe('20240322'); // across a leap February
  });
});

describe('isDayFinal', () => {
  it('makes a day final once ref_date + 30 has passed', () => {
    // 20240515 + 30 = 20240614, which ends at AT_MIDNIGHT.
    expect(isDayFinal('20240515', BEFORE_MIDNIGHT)).toBe(false);
    expect(isDayFinal('20240515', AT_MIDNIGHT)).toBe(true);
    expect(isDayFinal('20240516', AT_MIDNIGHT)).toBe(false);
  });
});

describe('dayCompleteness', () => {
  it('splits the documented keys into final and pending ones', () => {
    expect(dayCompleteness({ refDate: '20240610' }, AT_MIDNIGHT)).toEqual({
      refDate: '20240610',
      final: false,
      finalKeys: [0, 1, 2, 3, 4],
      pendingKeys: [5, 6, 7, 14, 30],
    });
  });

  it('reports a day older than 30 days as final with every key', () => {
    const completeness = dayCompleteness({ refDate: '20240401' }, AT_MIDNIGHT);
    expect(completeness.final).toBe(true);
    expect(completeness.finalKeys).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 14, 30]);
    expect(completeness.pendingKeys).toEqual([]);
  });

  it('agrees with the emulator on which keys WeChat has filled in', () => {
    const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) });
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 40 }), (now, age) => {
        const yesterday = beijingYesterday(now);
        const refDate = addDays(yesterday, 1 - age);
        const filled = retainData('wxcompleteness0001', refDate, yesterday).visit_uv.map((entry) => entry.key);
        expect(dayCompleteness({ refDate }, now).finalKeys).toEqual(filled);
      }),
    );
  });
});

describe('isAnswerFinal', () => {
  const now = Date.UTC(2024, 5, 15, 4); // 2024-06-15 12:00 Beijing: yesterday is 20240614
  const withKeys = (refDate: string, keys: number[]) => ({
    refDate,
    visitUvNew: keys.map((key) => ({ key, value: 1 })),
    visitUv: keys.map((key) => ({ key, value: 1 })),
  });

  it('is final when the calendar says so and the answer holds key 30', () => {
    expect(isAnswerFinal(withKeys('20240515', [0, 30]), now)).toBe(true);
  });

  it('is not final while the calendar does not say so, whatever the answer holds', () => {
    expect(isAnswerFinal(withKeys('20240516', [0, 30]), now)).toBe(false);
  });

  it('waits two more days for a key 30 that has not come, then gives up waiting', () => {
    expect(isAnswerFinal(withKeys('20240515', [0, 7]), now)).toBe(false);
    expect(isAnswerFinal(withKeys('20240514', [0, 7]), now)).toBe(false);
    expect(isAnswerFinal(withKeys('20240513', [0, 7]), now)).toBe(true);
  });
});

import { DeadlineError, ErrorCode, TransportError, ValidationError, WeChatApiError } from '../src/errors';
import { attemptTimeout, backoffDelay, isRetryable, isTokenRejected, RETRY_DEFAULTS, withRetries } from '../src/retry';

const api = (errcode: number) => new WeChatApiError(errcode, 'x', '/p');
const transport = (transient: boolean) => new TransportError(ErrorCode.NETWORK, 'x', transient);

describe('isRetryable', () => {
  it.each([
    ['errcode -1 (system busy)', api(-1), true],
    ['a transient transport failure (5xx, HTML, broken JSON, reset, timeout)', transport(true), true],
    ['a permanent transport failure (4xx, wrong shape)', transport(false), false],
    ['45009 daily quota', api(45009), false],
    ['45011 minute quota', api(45011), false],
    ['40013 invalid AppID', api(40013), false],
    ['40125 invalid AppSecret', api(40125), false],
    ['40164 IP not whitelisted', api(40164), false],
    ['61500 date format', api(61500), false],
    ['61501 date range', api(61501), false],
    ['61503 data not ready', api(61503), false],
    ['40001 token (refreshed elsewhere, not retried here)', api(40001), false],
    ['a validation error', new ValidationError(61500, 'x'), false],
    ['a plain Error', new Error('x'), false],
  ])('%s → %s', (_name, error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });
});

describe('isTokenRejected', () => {
  it.each([
    [40001, true],
    [40014, true],
    [42001, true],
    [40125, false],
    [-1, false],
  ])('errcode %i → %s', (errcode, expected) => {
    expect(isTokenRejected(api(errcode))).toBe(expected);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base, with jitter in [½, 1]', () => {
    expect(backoffDelay(0, RETRY_DEFAULTS, () => 0)).toBe(50);
    expect(backoffDelay(0, RETRY_DEFAULTS, () => 1)).toBe(100);
    expect(backoffDelay(2, RETRY_DEFAULTS, () => 1)).toBe(400);
  });

  it('is capped', () => {
    expect(backoffDelay(20, RETRY_DEFAULTS, () => 1)).toBe(RETRY_DEFAULTS.maxDelayMs);
  });
});

describe('withRetries', () => {
  function fakeTime(start = 0) {
    let now = start;
    const advance = (ms: number) => {
      now += ms;
    };
    return { clock: () => now, sleep: async (ms: number) => advance(ms), advance };
  }

  it('retries transient failures and returns the first success', async () => {
    const time = fakeTime();
    const attempt = jest.fn().mockRejectedValueOnce(api(-1)).mockRejectedValueOnce(transport(true)).mockResolvedValue('ok');
    await expect(withRetries(attempt, { deadlineAt: 10_000, attemptTimeoutMs: 1000, ...time })).resolves.toBe('ok');
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('stops after maxRetries and says how many attempts it made', async () => {
    const time = fakeTime();
    const attempt = jest.fn().mockRejectedValue(api(-1));
    await expect(withRetries(attempt, { deadlineAt: 10_000, attemptTimeoutMs: 1000, ...time })).rejects.toThrow(/gave up after 3 attempts/);
    expect(attempt).toHaveBeenCalledTimes(RETRY_DEFAULTS.maxRetries + 1);
  });

  it('does not retry a permanent failure', async () => {
    const time = fakeTime();
    const attempt = jest.fn().mockRejectedValue(api(45009));
    await expect(withRetries(attempt, { deadlineAt: 10_000, attemptTimeoutMs: 1000, ...time })).rejects.toMatchObject({ errCode: 45009 });
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('gives an attempt that may be retried half the time left, and never more than its own timeout', async () => {
    const time = fakeTime();
    const attempt = jest.fn().mockResolvedValue('ok');
    await withRetries(attempt, { deadlineAt: 700, attemptTimeoutMs: 1000, ...time });
    expect(attempt).toHaveBeenCalledWith(350);
    await withRetries(attempt, { deadlineAt: 10_000, attemptTimeoutMs: 1000, ...time });
    expect(attempt).toHaveBeenLastCalledWith(1000);
  });

  it('does not start a retry that could not finish before the deadline', async () => {
    const time = fakeTime();
    const attempt = jest.fn(async () => {
      time.advance(900);
      throw transport(true);
    });
    await expect(withRetries(attempt, { deadlineAt: 1000, attemptTimeoutMs: 1000, ...time })).rejects.toThrow(/no time left/);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('fails with a deadline error when no time is left at all', async () => {
    const time = fakeTime(5000);
    const attempt = jest.fn();
    await expect(withRetries(attempt, { deadlineAt: 4000, attemptTimeoutMs: 1000, ...time })).rejects.toBeInstanceOf(DeadlineError);
    expect(attempt).not.toHaveBeenCalled();
  });

  it('fails with a deadline error, sending nothing, when the deadline is exactly now', async () => {
    const time = fakeTime(4000);
    const attempt = jest.fn();
    await expect(withRetries(attempt, { deadlineAt: 4000, attemptTimeoutMs: 1000, ...time })).rejects.toThrow(
      new DeadlineError('the time limit was reached before the request could be sent'),
    );
    expect(attempt).not.toHaveBeenCalled();
  });

  describe('with the longest backoff (no jitter)', () => {
    beforeEach(() => jest.spyOn(Math, 'random').mockReturnValue(1));
    afterEach(() => jest.restoreAllMocks());

    it('retries when the backoff and a minimal attempt fit exactly in the time left', async () => {
      const time = fakeTime();
      const attempt = jest.fn().mockRejectedValueOnce(api(-1)).mockResolvedValue('ok');
      // 100 ms of backoff, then 150 ms for the retry: exactly the 250 ms left.
      await expect(withRetries(attempt, { deadlineAt: 250, attemptTimeoutMs: 1000, ...time })).resolves.toBe('ok');
      expect(attempt).toHaveBeenCalledTimes(2);
    });

    it('says how many attempts it made before the time ran out, in the singular and the plural', async () => {
      const once = fakeTime();
      const error = await withRetries(jest.fn().mockRejectedValue(api(-1)), { deadlineAt: 249, attemptTimeoutMs: 1000, ...once }).catch((caught: unknown) => caught);
      expect((error as Error).message).toMatch(/; gave up after 1 attempt: no time left in the call's time limit for another\)$/);
      const twice = fakeTime();
      const attempt = jest.fn(async () => {
        twice.advance(twice.clock() === 0 ? 10 : 500);
        throw api(-1);
      });
      const second = await withRetries(attempt, { deadlineAt: 800, attemptTimeoutMs: 1000, ...twice }).catch((caught: unknown) => caught);
      expect(attempt).toHaveBeenCalledTimes(2);
      expect((second as Error).message).toMatch(/; gave up after 2 attempts: no time left in the call's time limit for another\)$/);
    });
  });

  describe('under a budget, with every attempt hanging until its timeout', () => {
    afterEach(() => jest.restoreAllMocks());

    /** Plays attempts that each hang for their whole timeout (or answer after `answerMs`). */
    async function play(budgetMs: number, attemptTimeoutMs: number, answers: (number | 'hang')[] = []) {
      const time = fakeTime();
      const timeouts: number[] = [];
      const attempt = jest.fn(async (timeoutMs: number) => {
        timeouts.push(timeoutMs);
        const answer = answers[timeouts.length - 1] ?? 'hang';
        if (answer !== 'hang' && answer <= timeoutMs) {
          time.advance(answer);
          return 'ok';
        }
        time.advance(timeoutMs);
        throw new TransportError(ErrorCode.TIMEOUT, `no answer within ${timeoutMs} ms`, true);
      });
      const outcome = await withRetries(attempt, { deadlineAt: budgetMs, attemptTimeoutMs, ...time }).catch((error: Error) => error);
      return { outcome, timeouts, elapsed: time.clock() };
    }

    it.each([
      // budget, attemptTimeoutMs, jitter, timeouts: attempt, (backoff), attempt, (backoff), the rest
      ['3 s limit (budget 2700), longest backoffs', 2700, 5000, 1, [1350, 625, 425]],
      ['3 s limit (budget 2700), shortest backoffs', 2700, 5000, 0, [1350, 650, 550]],
      ['10 s limit (budget 9000)', 9000, 5000, 1, [4500, 2200, 2000]],
      ['the library default timeoutMs (10000): attemptTimeoutMs binds', 10_000, 5000, 1, [5000, 2450, 2250]],
      ['the fault matrix (budget 1300): no room for a third, the second gets the rest', 1300, 5000, 1, [650, 550]],
    ])('%s', async (_name, budgetMs, attemptTimeoutMs, jitter, expected) => {
      jest.spyOn(Math, 'random').mockReturnValue(jitter);
      const { outcome, timeouts, elapsed } = await play(budgetMs, attemptTimeoutMs);
      expect(timeouts).toEqual(expected);
      expect(outcome).toMatchObject({ errCode: ErrorCode.TIMEOUT, message: expect.stringMatching(/gave up after/) });
      expect(elapsed).toBeLessThanOrEqual(budgetMs);
    });

    it('retries a first attempt that hangs, and the second succeeds within the budget', async () => {
      jest.spyOn(Math, 'random').mockReturnValue(1);
      const { outcome, timeouts, elapsed } = await play(2700, 5000, ['hang', 300]);
      expect(outcome).toBe('ok');
      expect(timeouts).toEqual([1350, 625]);
      expect(elapsed).toBe(1350 + 100 + 300);
    });

    it('shares one budget between the token request and the datacube request', async () => {
      jest.spyOn(Math, 'random').mockReturnValue(1);
      const time = fakeTime();
      const timeouts: number[] = [];
      let hangs = 1;
      const attempt = async (timeoutMs: number) => {
        timeouts.push(timeoutMs);
        time.advance(hangs > 0 ? timeoutMs : 50);
        if (hangs-- > 0) throw new TransportError(ErrorCode.TIMEOUT, 'x', true);
        return 'ok';
      };
      const context = { deadlineAt: 2700, attemptTimeoutMs: 5000, ...time };
      await withRetries(attempt, context); // the token: hangs once, then answers in 50 ms
      await withRetries(attempt, context); // the datacube, with what the token left
      expect(timeouts).toEqual([1350, 625, 600]);
      expect(time.clock()).toBe(1350 + 100 + 50 + 50);
    });
  });
});

describe('attemptTimeout', () => {
  it.each([
    // remaining, retry, attemptTimeoutMs, expected
    ['half the time left for the first attempt', 2700, 0, 5000, 1350],
    ['half the time left for the second attempt', 1250, 1, 5000, 625],
    ['all the time left for the last allowed attempt', 425, 2, 5000, 425],
    ['never more than attemptTimeoutMs', 12_000, 0, 5000, 5000],
    ['never more than attemptTimeoutMs, for the last attempt too', 12_000, 2, 5000, 5000],
    ['all the time left when half would leave no room for the backoff and a minimal attempt', 480, 0, 5000, 480],
    ['half when it leaves just enough room (100 ms backoff + 150 ms)', 500, 0, 5000, 250],
    ['all the time left, when even that is less than minAttemptMs', 100, 0, 5000, 100],
  ])('%s: %i ms left, retry %i, attemptTimeoutMs %i → %i', (_name, remaining, retry, attemptTimeoutMs, expected) => {
    expect(attemptTimeout(remaining, retry, attemptTimeoutMs)).toBe(expected);
  });

  it('never gives less than minAttemptMs, and leaves room for a retry whenever it gives less than all', () => {
    const wrong: unknown[] = [];
    for (const policy of [RETRY_DEFAULTS, { ...RETRY_DEFAULTS, baseDelayMs: 0, minAttemptMs: 401 }]) {
      for (let remaining = 1; remaining <= 3000; remaining++) {
        for (let retry = 0; retry <= policy.maxRetries; retry++) {
          const given = attemptTimeout(remaining, retry, 5000, policy);
          const roomAfter = remaining - given;
          const tooShort = given < Math.min(remaining, policy.minAttemptMs);
          const noRetryRoom = roomAfter > 0 && roomAfter < backoffDelay(retry, policy, () => 1) + policy.minAttemptMs;
          if (tooShort || roomAfter < 0 || noRetryRoom) wrong.push({ policy, remaining, retry, given });
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

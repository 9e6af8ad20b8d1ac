import { DeadlineError, ErrorCode, TransportError, ValidationError, WeChatApiError } from '../src/errors';
import { backoffDelay, isRetryable, isTokenRejected, RETRY_DEFAULTS, withRetries } from '../src/retry';

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

  it('gives each attempt the smaller of its own timeout and the time left', async () => {
    const time = fakeTime();
    const attempt = jest.fn().mockResolvedValue('ok');
    await withRetries(attempt, { deadlineAt: 700, attemptTimeoutMs: 1000, ...time });
    expect(attempt).toHaveBeenCalledWith(700);
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
});

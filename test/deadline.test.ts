import { sleep, systemClock, withinDeadline } from '../src/deadline';
import { DeadlineError, ErrorCode } from '../src/errors';

const never = () => new Promise<never>(() => undefined);

describe('withinDeadline', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('hands back what the promise gives, or how it fails, when it settles in time', async () => {
    await expect(withinDeadline(Promise.resolve('value'), 1000, () => 0, 'the store')).resolves.toBe('value');
    await expect(withinDeadline(Promise.reject(new Error('store down')), 1000, () => 0, 'the store')).rejects.toThrow('store down');
  });

  it('gives up at the deadline with a DeadlineError that names what it waited for', async () => {
    jest.useFakeTimers();
    const waiting = withinDeadline(never(), 250, () => 0, 'the token store read');
    let settled = false;
    waiting.catch(() => {
      settled = true;
    });
    const outcome = expect(waiting).rejects.toThrow(new DeadlineError('the token store read did not finish within 250 ms'));
    // The async variant lets every promise callback run after the timers it fires.
    await jest.advanceTimersByTimeAsync(249);
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await outcome;
    await expect(waiting).rejects.toMatchObject({ errCode: ErrorCode.TIMEOUT, name: 'DeadlineError' });
  });

  it('measures the time left from the clock, not from zero', async () => {
    jest.useFakeTimers();
    const waiting = withinDeadline(never(), 10_250, () => 10_000, 'the store');
    const outcome = expect(waiting).rejects.toThrow('the store did not finish within 250 ms');
    jest.advanceTimersByTime(250);
    await outcome;
  });

  it('refuses at once, without a timer, when no time is left', async () => {
    jest.useFakeTimers();
    for (const deadlineAt of [100, 99]) {
      await expect(withinDeadline(Promise.resolve('late'), deadlineAt, () => 100, 'the store')).rejects.toThrow(new DeadlineError('no time left for the store'));
    }
    expect(jest.getTimerCount()).toBe(0);
  });

  it('leaves no timer behind once the promise settles (an idle timer would keep a process alive)', async () => {
    jest.useFakeTimers();
    await withinDeadline(Promise.resolve(1), 60_000, () => 0, 'the store');
    await withinDeadline(Promise.reject(new Error('x')), 60_000, () => 0, 'the store').catch(() => undefined);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('waits out a deadline beyond what setTimeout takes (2^31 − 1 ms) instead of firing at once', async () => {
    jest.useFakeTimers();
    let settled = false;
    void withinDeadline(never(), 2 ** 33, () => 0, 'the store').catch(() => {
      settled = true;
    });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(settled).toBe(false);
    jest.clearAllTimers();
  });
});

describe('sleep and systemClock', () => {
  it('sleeps at least the time asked', async () => {
    const started = Date.now();
    await sleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(29);
  });

  it('reads the system time', () => {
    const before = Date.now();
    const now = systemClock();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

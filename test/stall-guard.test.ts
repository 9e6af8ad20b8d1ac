import { stallGuard } from '../src/stall-guard';

// The guard around every cloud-database operation (token store, retain cache): it must never
// hold a call up, must say once why the store was not used, and must not pile up on a store
// that hangs. A clock that stands still makes every limit exactly what the test says.

const STILL = () => 1_000;

/** An operation that stays pending until `settle` resolves (or rejects) it. */
function pending<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('stallGuard', () => {
  it('hands back what the store answers, and reports nothing', async () => {
    const guard = stallGuard(50, STILL);
    const failures: string[] = [];
    expect(await guard(async () => 'token', (reason) => failures.push(reason))).toBe('token');
    expect(failures).toEqual([]);
  });

  it('turns a failure into undefined, reporting its message', async () => {
    const guard = stallGuard(50, STILL);
    const failures: string[] = [];
    expect(await guard(() => Promise.reject(new Error('document.get:fail -501001')), (reason) => failures.push(reason))).toBeUndefined();
    expect(await guard(() => Promise.reject('a plain string'), (reason) => failures.push(reason))).toBeUndefined();
    expect(failures).toEqual(['document.get:fail -501001', 'a plain string']);
  });

  it('turns an operation that throws before it returns a promise into undefined too', async () => {
    const guard = stallGuard(50, STILL);
    const failures: string[] = [];
    const operation = (): Promise<string> => {
      throw new TypeError('db.collection is not a function');
    };
    expect(await guard(operation, (reason) => failures.push(reason))).toBeUndefined();
    expect(failures).toEqual(['db.collection is not a function']);
    // Not a stall: the store is asked again at once.
    expect(await guard(async () => 'next', () => undefined)).toBe('next');
  });

  it('gives up after its own timeout, reporting it as the store\'s fault', async () => {
    const guard = stallGuard(30, STILL);
    const failures: string[] = [];
    const started = Date.now();
    expect(await guard(() => pending<string>().promise, (reason) => failures.push(reason))).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(failures).toEqual(['no answer within 30 ms']);
  });

  it("stops at the caller's deadline when it comes first, without blaming the store", async () => {
    const guard = stallGuard(60_000, STILL);
    const failures: string[] = [];
    const started = Date.now();
    expect(await guard(() => pending<string>().promise, (reason) => failures.push(reason), STILL() + 30)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(failures).toEqual([]);
  });

  it('blames the store when its own timeout and the deadline fall together', async () => {
    const guard = stallGuard(30, STILL);
    const failures: string[] = [];
    expect(await guard(() => pending<string>().promise, (reason) => failures.push(reason), STILL() + 30)).toBeUndefined();
    expect(failures).toEqual(['no answer within 30 ms']);
  });

  it('does not ask the store at all with no time left', async () => {
    const guard = stallGuard(50, STILL);
    const operation = jest.fn(async () => 'x');
    for (const deadlineAt of [STILL(), STILL() - 1]) expect(await guard(operation, () => undefined, deadlineAt)).toBeUndefined();
    expect(operation).not.toHaveBeenCalled();
    expect(await guard(operation, () => undefined, STILL() + 1)).toBe('x');
  });

  it('asks no more while a timed-out operation is unanswered, then asks again once it answers', async () => {
    const guard = stallGuard(20, STILL);
    const failures: string[] = [];
    const hung = pending<string>();
    expect(await guard(() => hung.promise, (reason) => failures.push(reason))).toBeUndefined();
    const operation = jest.fn(async () => 'fresh');
    expect(await guard(operation, (reason) => failures.push(reason))).toBeUndefined();
    expect(operation).not.toHaveBeenCalled();
    hung.resolve('late');
    await tick();
    expect(await guard(operation, (reason) => failures.push(reason))).toBe('fresh');
    // One report for the stall, none for the calls it skipped.
    expect(failures).toEqual(['no answer within 20 ms']);
  });

  it('asks again once a timed-out operation fails', async () => {
    const guard = stallGuard(20, STILL);
    const hung = pending<string>();
    await guard(() => hung.promise, () => undefined);
    hung.reject(new Error('finally failed'));
    await tick();
    expect(await guard(async () => 'fresh', () => undefined)).toBe('fresh');
  });

  it('treats a store as stalled until the last of two concurrent hung operations answers', async () => {
    const guard = stallGuard(20, STILL);
    const first = pending<string>();
    const second = pending<string>();
    await Promise.all([guard(() => first.promise, () => undefined), guard(() => second.promise, () => undefined)]);
    first.resolve('late');
    await tick();
    const operation = jest.fn(async () => 'fresh');
    expect(await guard(operation, () => undefined)).toBeUndefined();
    expect(operation).not.toHaveBeenCalled();
    second.resolve('late');
    await tick();
    expect(await guard(operation, () => undefined)).toBe('fresh');
  });

});

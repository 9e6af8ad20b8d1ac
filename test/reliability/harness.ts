import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../../src/emulator/wechat-emulator';
import { type BuiltMain, clearFunctionEnv, emulatorEnv, loadBuiltFunction } from '../helpers/built-function';
import { captureLogs } from '../helpers/log-capture';
import { findSecrets } from '../helpers/secret-scan';

/** What the reliability tests require of every failure the function returns. */
export const FAIL_MESSAGE = /^openapi\.analysis\.getDailyRetain:fail \S/;
export const OK_MESSAGE = 'openapi.analysis.getDailyRetain:ok';
export const RESULT_KEYS = ['refDate', 'visitUvNew', 'visitUv', 'errMsg', 'errCode'];

export interface Harness {
  readonly emulator: WeChatEmulator;
  /** Every result and error of the current test (tests may add more), for the secret scan. */
  readonly seen: unknown[];
  /** What the current test wrote to the console so far (the secret scan reads it too). */
  logLines(): readonly string[];
  /** A cold instance of the built function on the emulator; its results and errors are recorded. */
  load(env?: Record<string, string | undefined>): BuiltMain;
  /** The token stable_token hands out now (normal mode: the same one the function receives). */
  liveToken(): Promise<string>;
}

/**
 * Per test: a fresh emulator, console capture, and after the test a scan of everything the
 * function returned, threw or logged for the AppSecret, every token the emulator issued and
 * PEM material. A hit fails the test that produced it.
 */
export function useHarness(): Harness {
  let emulator: WeChatEmulator | undefined;
  let logs: ReturnType<typeof captureLogs> | undefined;
  const seen: unknown[] = [];

  beforeEach(async () => {
    seen.length = 0;
    emulator = await startEmulator();
    logs = captureLogs();
  });

  afterEach(async () => {
    logs?.restore();
    clearFunctionEnv();
    const current = emulator;
    if (!current) return;
    await current.close();
    const hits = findSecrets([...seen, ...(logs?.lines ?? [])], [EMULATOR_SECRET, ...current.issuedTokens()]);
    expect(hits).toEqual([]);
  });

  const current = (): WeChatEmulator => {
    if (!emulator) throw new Error('the harness emulator exists only inside a test');
    return emulator;
  };

  return {
    get emulator() {
      return current();
    },
    seen,
    logLines: () => logs?.lines ?? [],
    load(env = {}) {
      const main = loadBuiltFunction(emulatorEnv(current(), env));
      return async (event, context) => {
        try {
          const result = await main(event, context);
          seen.push(result);
          return result;
        } catch (error) {
          seen.push(error);
          throw error;
        }
      };
    },
    async liveToken() {
      const response = await fetch(`${current().url}/cgi-bin/stable_token`, {
        method: 'POST',
        body: JSON.stringify({ grant_type: 'client_credential', appid: EMULATOR_APPID, secret: EMULATOR_SECRET }),
      });
      return ((await response.json()) as { access_token: string }).access_token;
    },
  };
}

/** Asserts the failure shape: exactly `{errCode, errMsg}`, a non-zero code, the cloud.openapi prefix. */
export function expectFailure(result: Record<string, unknown>, errCode?: number): void {
  expect(Object.keys(result).sort()).toEqual(['errCode', 'errMsg']);
  expect(result.errCode).toEqual(errCode ?? expect.any(Number));
  expect(result.errCode).not.toBe(0);
  expect(result.errMsg).toMatch(FAIL_MESSAGE);
}

/** Waits (without timers that could outlive the test) until `condition` holds; fails after `ms`. */
export async function until(condition: () => boolean, ms = 2000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

import type { Fault } from '../../src/emulator/faults';
import { ErrorCode } from '../../src/errors';

/**
 * What the built function does under every fault the emulator can inject, as data: the
 * fault, where it happens, how often, and the outcome (errCode 0 when the call recovers) with
 * the exact number of requests each endpoint received. `fault-matrix.test.ts` plays every
 * row against a cold instance; `reliability-table.ts` renders the same rows for docs/reliability.md.
 */

/**
 * Every row runs with this platform time limit. The call's budget is the limit less its
 * reserve (10 %, at least 200 ms): 1300 ms. Small, so that a silent WeChat costs little.
 */
export const TIME_LIMIT_MS = 1500;
export const BUDGET_MS = TIME_LIMIT_MS - Math.max(200, TIME_LIMIT_MS * 0.1);

/**
 * A slow answer that lands inside the first attempt's share of the budget (half of it,
 * 650 ms), with some room for a loaded machine: waited for.
 */
export const SLOW_ANSWER_MS = 400;
/**
 * A slower answer, inside the budget but past the first attempt's share: that attempt is cut
 * off at 650 ms and retried with the rest of the budget (about 550 ms, too short for 900).
 */
export const SLOWER_ANSWER_MS = 900;

export type Where = 'stable_token' | 'datacube';
export type When = 'once' | 'every time';

export interface FaultCase {
  /** As docs/reliability.md shows it. */
  label: string;
  fault: Fault;
}

export const FAULTS = {
  busy: { label: 'errcode -1 (system busy)', fault: { kind: 'errcode', errcode: -1 } },
  dailyQuota: { label: 'errcode 45009 (daily quota)', fault: { kind: 'errcode', errcode: 45009 } },
  minuteQuota: { label: 'errcode 45011 (minute quota)', fault: { kind: 'errcode', errcode: 45011 } },
  notReady: { label: 'errcode 61503 (data not ready)', fault: { kind: 'errcode', errcode: 61503 } },
  http500: { label: 'HTTP 500 HTML page', fault: { kind: 'http', status: 500 } },
  http502: { label: 'HTTP 502 HTML page', fault: { kind: 'http', status: 502 } },
  brokenJson: { label: 'broken JSON', fault: { kind: 'broken-json' } },
  reset: { label: 'connection reset', fault: { kind: 'reset' } },
  hang: { label: 'no answer', fault: { kind: 'hang' } },
  slow: { label: `slow answer (${SLOW_ANSWER_MS} ms)`, fault: { kind: 'delay', ms: SLOW_ANSWER_MS } },
  slower: { label: `slow answer (${SLOWER_ANSWER_MS} ms)`, fault: { kind: 'delay', ms: SLOWER_ANSWER_MS } },
  expired: {
    label: 'token expired (errcode 42001)',
    fault: { kind: 'errcode', errcode: 42001, errmsg: 'access_token expired' },
  },
  invalidated: {
    label: 'token invalidated (errcode 40001)',
    fault: { kind: 'errcode', errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' },
  },
  /** Issue 11, point 11: WeChat (or a proxy) says no token came, though we sent one. */
  missingToken: {
    label: 'token missing (errcode 41001)',
    fault: { kind: 'errcode', errcode: 41001, errmsg: 'access_token missing' },
  },
  /** Issue 11, point 8: no WeChat answer is near 64 KiB (a daily-retain answer is under 2 KB). */
  oversized: {
    label: 'answer over 64 KiB',
    fault: { kind: 'body', body: `{"padding":"${'x'.repeat(64 * 1024)}"}` },
  },
} as const satisfies Record<string, FaultCase>;

/**
 * Fault kinds played elsewhere: `body` (odd answers, odd-responses.test.ts; only the
 * oversized answer is played here) and `security` (how sealed answers are sealed; it
 * changes nothing for the plain requests played here).
 */
type PlayedElsewhere = 'body' | 'security';
type Unplayed = Exclude<Fault['kind'], (typeof FAULTS)[keyof typeof FAULTS]['fault']['kind'] | PlayedElsewhere>;
/** Stops compiling when the emulator gains a fault kind that the matrix does not play. */
export const EVERY_FAULT_KIND_PLAYED: [Unplayed] extends [never] ? true : Unplayed = true;

export interface Requests {
  stable_token: number;
  datacube: number;
}

export interface MatrixRow {
  fault: FaultCase;
  where: Where;
  when: When;
  /** 0: the call recovered and returned the data; otherwise the errCode it returned. */
  errCode: number;
  /** Exactly how many requests each endpoint received during the call. */
  requests: Requests;
}

/** How many times the emulator plays the fault. */
export const TIMES: Record<When, number> = { once: 1, 'every time': Number.POSITIVE_INFINITY };

const row = (fault: FaultCase, where: Where, when: When, errCode: number, stableToken: number, datacube: number): MatrixRow => ({
  fault,
  where,
  when,
  errCode,
  requests: { stable_token: stableToken, datacube },
});

const F = FAULTS;
const { TIMEOUT, NETWORK, HTTP_STATUS, BAD_RESPONSE } = ErrorCode;

/**
 * Transient faults (errcode -1, 5xx, broken JSON, resets) are retried twice: once → recovered
 * with one extra request; every time → the last error after three attempts. Quota and
 * data-not-ready errcodes are final at once. An attempt that may be retried gets half the
 * budget left (650 ms of 1300 here) and the last one the rest, so a silent WeChat costs one
 * cut-off attempt and is retried: once → recovered with one extra request; every time → a
 * timeout after two attempts (after the first, no room is left for a third). An answer
 * slower than the first attempt's share is treated the same way; a slow answer within it is
 * simply waited for. A token rejected by the datacube (42001, 40001, or 41001 for the token
 * we sent) costs one token refresh and one more call, never more; the same errcodes from the
 * token endpoint itself (a wrong AppSecret, for 40001) are final. An answer over 64 KiB is
 * refused at once and never retried: no WeChat answer comes near it.
 */
export const FAULT_MATRIX: readonly MatrixRow[] = [
  //  fault            where           when          errCode       stable_token datacube
  row(F.busy, 'stable_token', 'once', 0, 2, 1),
  row(F.busy, 'stable_token', 'every time', -1, 3, 0),
  row(F.busy, 'datacube', 'once', 0, 1, 2),
  row(F.busy, 'datacube', 'every time', -1, 1, 3),
  row(F.dailyQuota, 'stable_token', 'once', 45009, 1, 0),
  row(F.dailyQuota, 'stable_token', 'every time', 45009, 1, 0),
  row(F.dailyQuota, 'datacube', 'once', 45009, 1, 1),
  row(F.dailyQuota, 'datacube', 'every time', 45009, 1, 1),
  row(F.minuteQuota, 'stable_token', 'once', 45011, 1, 0),
  row(F.minuteQuota, 'stable_token', 'every time', 45011, 1, 0),
  row(F.minuteQuota, 'datacube', 'once', 45011, 1, 1),
  row(F.minuteQuota, 'datacube', 'every time', 45011, 1, 1),
  row(F.notReady, 'stable_token', 'once', 61503, 1, 0),
  row(F.notReady, 'stable_token', 'every time', 61503, 1, 0),
  row(F.notReady, 'datacube', 'once', 61503, 1, 1),
  row(F.notReady, 'datacube', 'every time', 61503, 1, 1),
  row(F.http500, 'stable_token', 'once', 0, 2, 1),
  row(F.http500, 'stable_token', 'every time', HTTP_STATUS, 3, 0),
  row(F.http500, 'datacube', 'once', 0, 1, 2),
  row(F.http500, 'datacube', 'every time', HTTP_STATUS, 1, 3),
  row(F.http502, 'stable_token', 'once', 0, 2, 1),
  row(F.http502, 'stable_token', 'every time', HTTP_STATUS, 3, 0),
  row(F.http502, 'datacube', 'once', 0, 1, 2),
  row(F.http502, 'datacube', 'every time', HTTP_STATUS, 1, 3),
  row(F.brokenJson, 'stable_token', 'once', 0, 2, 1),
  row(F.brokenJson, 'stable_token', 'every time', BAD_RESPONSE, 3, 0),
  row(F.brokenJson, 'datacube', 'once', 0, 1, 2),
  row(F.brokenJson, 'datacube', 'every time', BAD_RESPONSE, 1, 3),
  row(F.reset, 'stable_token', 'once', 0, 2, 1),
  row(F.reset, 'stable_token', 'every time', NETWORK, 3, 0),
  row(F.reset, 'datacube', 'once', 0, 1, 2),
  row(F.reset, 'datacube', 'every time', NETWORK, 1, 3),
  row(F.hang, 'stable_token', 'once', 0, 2, 1),
  row(F.hang, 'stable_token', 'every time', TIMEOUT, 2, 0),
  row(F.hang, 'datacube', 'once', 0, 1, 2),
  row(F.hang, 'datacube', 'every time', TIMEOUT, 1, 2),
  row(F.slow, 'stable_token', 'once', 0, 1, 1),
  row(F.slow, 'stable_token', 'every time', 0, 1, 1),
  row(F.slow, 'datacube', 'once', 0, 1, 1),
  row(F.slow, 'datacube', 'every time', 0, 1, 1),
  row(F.slower, 'stable_token', 'once', 0, 2, 1),
  row(F.slower, 'stable_token', 'every time', TIMEOUT, 2, 0),
  row(F.slower, 'datacube', 'once', 0, 1, 2),
  row(F.slower, 'datacube', 'every time', TIMEOUT, 1, 2),
  row(F.expired, 'stable_token', 'once', 42001, 1, 0),
  row(F.expired, 'stable_token', 'every time', 42001, 1, 0),
  row(F.expired, 'datacube', 'once', 0, 2, 2),
  row(F.expired, 'datacube', 'every time', 42001, 2, 2),
  row(F.invalidated, 'stable_token', 'once', 40001, 1, 0),
  row(F.invalidated, 'stable_token', 'every time', 40001, 1, 0),
  row(F.invalidated, 'datacube', 'once', 0, 2, 2),
  row(F.invalidated, 'datacube', 'every time', 40001, 2, 2),
  row(F.missingToken, 'stable_token', 'once', 41001, 1, 0),
  row(F.missingToken, 'stable_token', 'every time', 41001, 1, 0),
  row(F.missingToken, 'datacube', 'once', 0, 2, 2),
  row(F.missingToken, 'datacube', 'every time', 41001, 2, 2),
  row(F.oversized, 'stable_token', 'once', BAD_RESPONSE, 1, 0),
  row(F.oversized, 'stable_token', 'every time', BAD_RESPONSE, 1, 0),
  row(F.oversized, 'datacube', 'once', BAD_RESPONSE, 1, 1),
  row(F.oversized, 'datacube', 'every time', BAD_RESPONSE, 1, 1),
];

/** Short names of the codes the matrix shows, for docs/reliability.md. */
export const OUTCOME_NAMES: Readonly<Record<number, string>> = {
  [-1]: 'system busy',
  40001: 'token invalid',
  41001: 'token missing',
  42001: 'token expired',
  45009: 'daily quota',
  45011: 'minute quota',
  61503: 'data not ready',
  [TIMEOUT]: 'timeout',
  [NETWORK]: 'network error',
  [HTTP_STATUS]: 'HTTP error',
  [BAD_RESPONSE]: 'unusable answer',
};

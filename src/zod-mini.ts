import * as z from 'zod/mini';
import { en } from 'zod/locales';

/**
 * zod/mini: the same checks as zod's classic API and the same core that runs them, as
 * functions instead of methods, so a bundle keeps only the ones it uses. It loads in a
 * fraction of the time (issue 10: the classic API was most of the cloud function's `require`;
 * https://zod.dev/packages/mini). Unlike classic, it sets no locale, and every issue without a
 * message of ours would read "Invalid input": English is set here, once, so messages stay
 * zod's own ("Too small: expected number to be >0"). Only where no locale is set yet, as
 * classic does: the library shares zod with the app that uses it, whose choice stands.
 */
if (!z.config().localeError) z.config(en());

export * from 'zod/mini';

/** What a transform gets as its context: the value and the issues raised so far. */
export type Payload = z.core.ParsePayload;

/**
 * Raises an issue from inside a transform (zod/mini's transforms have no `ctx.addIssue`):
 * `code: 'custom'` with our message, and `params` for the caller (the errCode of a date rule).
 */
export function addIssue(payload: Payload, message: string, params?: Record<string, unknown>): void {
  payload.issues.push({ code: 'custom', message, input: payload.value, ...(params ? { params } : {}) });
}

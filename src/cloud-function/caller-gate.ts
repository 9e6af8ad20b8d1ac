import { ErrorCode, RetainError } from '../errors';

/**
 * Retention data is confidential. Calls with no OPENID (the cloud console, a timer, another
 * function, a server) come from the developer's own side and pass. A mini-program user
 * passes only if listed in RETAIN_ALLOWED_OPENIDS. The OPENID comes from getWXContext(),
 * which the platform fills in; anything in the event (such as userInfo) is not evidence.
 */
export function checkCaller(openid: unknown, allowed: '*' | ReadonlySet<string>): void {
  if (openid === undefined || openid === null || openid === '') return;
  if (allowed === '*' || allowed.has(String(openid))) return;
  throw new RetainError(
    ErrorCode.FORBIDDEN,
    `caller OPENID "${String(openid)}" may not read retention data: add it to RETAIN_ALLOWED_OPENIDS (comma-separated OPENIDs, or * for every user) in the function's environment variables`,
  );
}

/** RETAIN_ALLOWED_OPENIDS: comma-separated OPENIDs, entries trimmed; `*` lets every user in. */
export function allowListFrom(value: string | undefined): '*' | ReadonlySet<string> {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.includes('*') ? '*' : new Set(entries);
}

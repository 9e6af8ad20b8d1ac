import { ErrorCode, RetainError } from '../errors';
import type { CallerContext } from './platform';

/** RETAIN_ALLOWED_OPENIDS, parsed. */
export interface AllowList {
  /** `*`: every user of this mini program (OPENID). */
  everyUser: boolean;
  /** OPENIDs of users of this mini program. */
  openids: ReadonlySet<string>;
  /** `FROM_APPID/FROM_OPENID`: users of other mini programs, through resource sharing. */
  sharedUsers: ReadonlySet<string>;
  /** `FROM_APPID/*`: every user of those mini programs. */
  sharingApps: ReadonlySet<string>;
}

const HOW_TO =
  'RETAIN_ALLOWED_OPENIDS (comma-separated: OPENIDs of your users, * for all of them, FROM_APPID/FROM_OPENID for a user of another mini program through resource sharing, FROM_APPID/* for all of its users) in the function\'s environment variables';

/**
 * Retention data is confidential. A call carrying a non-empty OPENID or FROM_OPENID comes
 * from a mini-program user, and passes only when RETAIN_ALLOWED_OPENIDS lets that user in;
 * a call carrying both must be allowed as both. Calls with neither (the cloud console, a
 * timer, another function, a server) come from the developer's own side and pass. A
 * FROM_OPENID caller is a user of another mini program sharing this one's cloud resources
 * (跨账号资源复用): `*` does not cover them, only an entry naming their FROM_APPID does.
 * The identity comes from getWXContext(), which the platform fills in; anything in the event
 * (such as userInfo) is not evidence.
 */
export function checkCaller(caller: CallerContext, allowed: AllowList): void {
  const openid = identity(caller.OPENID);
  const fromOpenid = identity(caller.FROM_OPENID);
  if (openid !== undefined && !allowed.everyUser && !allowed.openids.has(openid)) {
    throw new RetainError(ErrorCode.FORBIDDEN, `caller OPENID "${openid}" may not read retention data: add it to ${HOW_TO}`);
  }
  if (fromOpenid !== undefined) {
    const fromAppid = identity(caller.FROM_APPID) ?? '(no FROM_APPID)';
    const entry = `${fromAppid}/${fromOpenid}`;
    if (!allowed.sharedUsers.has(entry) && !allowed.sharingApps.has(fromAppid)) {
      throw new RetainError(ErrorCode.FORBIDDEN, `caller FROM_APPID/FROM_OPENID "${entry}" may not read retention data: add "${entry}" to ${HOW_TO}`);
    }
  }
}

/** RETAIN_ALLOWED_OPENIDS: comma-separated entries, trimmed, empty ones ignored. */
export function allowListFrom(value: string | undefined): AllowList {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const shared = entries.filter((entry) => entry.includes('/'));
  return {
    everyUser: entries.includes('*'),
    openids: new Set(entries.filter((entry) => !entry.includes('/') && entry !== '*')),
    sharedUsers: new Set(shared.filter((entry) => !entry.endsWith('/*'))),
    sharingApps: new Set(shared.filter((entry) => entry.endsWith('/*')).map((entry) => entry.slice(0, -2))),
  };
}

/** A caller's OPENID or APPID as text; undefined when absent or empty (no user). */
function identity(value: unknown): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

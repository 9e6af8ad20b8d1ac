import { randomBytes } from 'node:crypto';

/** WeChat's error body: the errcode, and an errmsg that ends with ` rid: …` (a request id). */
export function fail(errcode: number, errmsg: string) {
  return { errcode, errmsg: `${errmsg} rid: ${rid()}` };
}

/** WeChat's usual errmsg for the errcodes that faults inject. */
export function defaultErrmsg(errcode: number): string {
  const known: Record<number, string> = {
    [-1]: 'system error',
    45009: 'reach max api daily quota limit',
    45011: 'api minute-quota reach limit mustslower retry next minute',
    61503: 'data not ready, please try later',
  };
  return known[errcode] ?? `emulated error ${errcode}`;
}

function rid(): string {
  const part = () => randomBytes(4).toString('hex');
  return `${part()}-${part()}-${part()}`;
}

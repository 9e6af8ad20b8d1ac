import type { ResponseMode } from './security-server';

/** The endpoints of the emulator that faults can target. */
export type Endpoint = 'token' | 'stable_token' | 'datacube';

/** What the emulator can do instead of answering normally. */
export type Fault =
  /** Answer `{errcode, errmsg}` on HTTP 200, as WeChat does (-1, 45009, 61503, …). */
  | { kind: 'errcode'; errcode: number; errmsg?: string }
  /** Answer an HTML gateway page with this status (500, 502, 503, …). */
  | { kind: 'http'; status: number }
  /** Answer HTTP 200 with JSON cut off in the middle. */
  | { kind: 'broken-json' }
  /** Answer this body verbatim (odd or oversized responses). */
  | { kind: 'body'; body: string }
  /** Reset the connection without answering. */
  | { kind: 'reset' }
  /** Never answer (until the client gives up or the emulator closes). */
  | { kind: 'hang' }
  /** Answer normally, but only after `ms`. */
  | { kind: 'delay'; ms: number }
  /** With API security: seal the answer to a sealed request in this mode (rotation, a tampering). */
  | { kind: 'security'; mode: ResponseMode };

export interface ScheduledFault {
  endpoint: Endpoint;
  fault: Fault;
  /** How many requests it affects; Infinity for every one. */
  remaining: number;
}

/** Faults to inject, in order: the first one scheduled for an endpoint fires first. */
export class FaultSchedule {
  private readonly faults: ScheduledFault[] = [];

  add(endpoint: Endpoint, fault: Fault, times = 1): void {
    this.faults.push({ endpoint, fault, remaining: times });
  }

  /** The fault for the next request to `endpoint`, if any, used up by this call. */
  take(endpoint: Endpoint): Fault | undefined {
    const index = this.faults.findIndex((f) => f.endpoint === endpoint);
    const scheduled = this.faults[index];
    if (!scheduled) return undefined;
    scheduled.remaining -= 1;
    if (scheduled.remaining <= 0) this.faults.splice(index, 1);
    return scheduled.fault;
  }

  clear(): void {
    this.faults.length = 0;
  }
}

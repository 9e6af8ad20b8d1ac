import type * as Cloud from 'wx-server-sdk';
import { DAY } from '../../src/period/day-period';
import type { Period } from '../../src/period/period';

/**
 * wx-server-sdk 4.0.2 itself, run offline, as the judge of what `cloud.openapi` returns.
 *
 * `cloud.openapi.analysis.getDailyRetain(data)` (or any other API: `openapi` is a generic
 * proxy, so `getWeeklyRetain` and `getMonthlyRetain` run the same code under their own
 * names) ends in `callGeneralOpenAPI`, which calls
 * `instance.callCompatibleWxOpenApi(...)` on the instance that `require('@cloudbase/node-sdk')
 * .init(...)` made, and expects a protobuf `CommOpenApiResp` buffer back: field 1
 * `respData` (bytes: WeChat's raw body), field 2 `contentType`. We wrap the real `init` so
 * that the real instance it returns answers that one method with WeChat's body; everything
 * after it is the SDK's own code: the protobuf decode, json-bigint's parse, the
 * `if (result.errcode)` check, `convertCase`, `apiFailMsg` and `CloudSDKError`.
 * `@cloudbase/node-sdk` is an external require of wx-server-sdk, so the module patched here
 * is the one the SDK loads (jest gives each test file its own module registry).
 */

/** What the SDK did with a body: resolved with a result, or rejected with errCode and errMsg. */
export type SdkOutcome = { resolved: Record<string, unknown> } | { rejected: { errCode: unknown; errMsg: string } };

/** The day the oracle asks for (the SDK never looks at it; our side checks ref_date against it). */
export const ORACLE_DAY = '20170313';

/** The period the oracle asks for: WeChat's documented example of each (20170313, 20170306–20170312, 201702). */
export function oracleQuery(period: Period): { beginDate: string; endDate: string } {
  return { beginDate: period.example, endDate: period.end(period.example) };
}

// Loaded lazily, in the test's registry, after the patch below.
let cloud: typeof Cloud | undefined;
const bodies: Buffer[] = [];

function sdk(): typeof Cloud {
  if (cloud) return cloud;
  const tcb = require('@cloudbase/node-sdk') as { init: (config: unknown) => Record<string, unknown> };
  const { Writer } = require('protobufjs/minimal') as typeof import('protobufjs/minimal');
  const realInit = tcb.init;
  tcb.init = (config) => {
    const instance = realInit(config);
    // One body per instance: each oracle call makes its own instance (createNewInstance).
    const body = bodies.shift();
    instance.callCompatibleWxOpenApi = async () => {
      if (!body) throw new Error('sdk-oracle: no body queued');
      // CommOpenApiResp: field 1 respData (bytes, wire type 2 → tag 10), field 2 contentType (string → tag 18).
      return Buffer.from(Writer.create().uint32(10).bytes(body).uint32(18).string('application/json').finish());
    };
    return instance;
  };
  cloud = require('wx-server-sdk') as typeof Cloud;
  return cloud;
}

/** What `cloud.openapi.analysis.<period's API>` resolves or rejects with when WeChat answers `body`. */
export async function sdkOutcome(body: string, period: Period = DAY): Promise<SdkOutcome> {
  const sdkCloud = sdk() as typeof Cloud & { createNewInstance(config: { env: string }): typeof Cloud };
  bodies.push(Buffer.from(body, 'utf8'));
  // A fresh SDK instance: init() runs the (patched) tcb.init, which takes the body queued above.
  const instance = sdkCloud.createNewInstance({ env: 'sdk-oracle' });
  try {
    const analysis = instance.openapi.analysis as unknown as Record<string, (data: object) => Promise<unknown>>;
    const resolved = await analysis[period.api]?.(oracleQuery(period));
    return { resolved: resolved as unknown as Record<string, unknown> };
  } catch (error) {
    const { errCode, errMsg } = error as { errCode: unknown; errMsg: string };
    return { rejected: { errCode, errMsg } };
  }
}

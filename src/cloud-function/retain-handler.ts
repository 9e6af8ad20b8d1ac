import type { CallOptions } from '../client';
import type { RetainInput } from '../daily-retain/query';
import type { RetainResult } from '../daily-retain/response';
import type { Period, RetainApi } from '../period/period';
import { createFunctionRuntime, type InvocationContext, type RuntimeDeps } from './function-runtime';

/**
 * A retain function (getDailyRetain, getWeeklyRetain, getMonthlyRetain): one period, exactly
 * as `cloud.openapi.analysis.<api>`, with the runtime every function of this package shares.
 */
export function createRetainHandler<Api extends RetainApi>(deps: RuntimeDeps, period: Period<Api>) {
  const runtime = createFunctionRuntime(deps, { name: period.api, api: `openapi.analysis.${period.api}` });
  return {
    main: (event: unknown, context?: InvocationContext) =>
      runtime.invoke(context, (client, deadlineAt) => {
        // The client's method for this period's API; TypeScript cannot narrow an indexed union by `Api`.
        const api = client.openapi.analysis[period.api] as (query: RetainInput, call: CallOptions) => Promise<RetainResult<Api>>;
        return api(event as RetainInput, { deadlineAt });
      }),
  };
}

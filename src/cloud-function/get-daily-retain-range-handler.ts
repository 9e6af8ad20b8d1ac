import { OpenApiError, reasonOf } from '../errors';
import type { RangeResult } from '../range/fetch-range';
import { createFunctionRuntime, type FailureResult, type InvocationContext, type RuntimeDeps } from './function-runtime';

/**
 * The getDailyRetainRange function: `{ period, beginDate, endDate, list, missing, errMsg:
 * 'getDailyRetainRange:ok', errCode: 0 }`, by day, week or month (the event's `period`).
 * Within the time limit it returns what it has; `missing` lists the periods it could not
 * fetch, and the cache of final periods makes the next call finish the job. When no period
 * at all could be fetched, the result is the failure of the first one.
 */
export type RangeFunctionResult = RangeResult & { errMsg: 'getDailyRetainRange:ok'; errCode: 0 };

export function createGetDailyRetainRangeHandler(deps: RuntimeDeps) {
  const runtime = createFunctionRuntime(deps, { name: 'getDailyRetainRange', api: 'getDailyRetainRange' });
  return {
    main: (event: unknown, context?: InvocationContext) =>
      runtime.invoke(context, async (client, deadlineAt): Promise<RangeFunctionResult | FailureResult> => {
        const range = await client.getDailyRetainRange(event as never, { deadlineAt });
        const [first] = range.missing;
        if (range.list.length === 0 && first) {
          return runtime.failure(new OpenApiError(first.errCode, `getDailyRetainRange:fail ${reasonOf(first.errMsg)}`), context);
        }
        return { ...range, errMsg: 'getDailyRetainRange:ok', errCode: 0 };
      }),
  };
}

import { OpenApiError } from '../errors';
import { createFunctionRuntime, type InvocationContext, type RuntimeDeps } from './function-runtime';

/**
 * The getDailyRetainRange function: `{ list, missing, errMsg: 'getDailyRetainRange:ok', errCode: 0 }`.
 * Within the time limit it returns what it has; `missing` lists the days it could not fetch,
 * and the cache of final days makes the next call finish the job. When no day at all could
 * be fetched, the result is the failure of the first day.
 */
export function createGetDailyRetainRangeHandler(deps: RuntimeDeps) {
  const runtime = createFunctionRuntime(deps, { name: 'getDailyRetainRange', api: 'getDailyRetainRange' });
  return {
    main: (event: unknown, context?: InvocationContext) =>
      runtime.invoke(context, async (client, deadlineAt) => {
        const { list, missing } = await client.getDailyRetainRange(event as never, { deadlineAt });
        const [first] = missing;
        if (list.length === 0 && first) {
          const reason = first.errMsg.replace(/^[\w.]+:fail /, '');
          return runtime.failure(new OpenApiError(first.errCode, `getDailyRetainRange:fail ${reason}`), context);
        }
        return { list, missing, errMsg: 'getDailyRetainRange:ok' as const, errCode: 0 as const };
      }),
  };
}

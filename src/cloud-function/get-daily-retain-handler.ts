import { createFunctionRuntime, type InvocationContext, type RuntimeDeps } from './function-runtime';

/** The getDailyRetain function: one day, exactly as `cloud.openapi.analysis.getDailyRetain`. */
export function createGetDailyRetainHandler(deps: RuntimeDeps) {
  const runtime = createFunctionRuntime(deps, { name: 'getDailyRetain', api: 'openapi.analysis.getDailyRetain' });
  return {
    main: (event: unknown, context?: InvocationContext) =>
      runtime.invoke(context, (client, deadlineAt) => client.openapi.analysis.getDailyRetain(event as never, { deadlineAt })),
  };
}

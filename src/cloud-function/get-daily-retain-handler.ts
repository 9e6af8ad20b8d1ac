import { DAY } from '../period/day-period';
import type { RuntimeDeps } from './function-runtime';
import { createRetainHandler } from './retain-handler';

/** The getDailyRetain function: one day, exactly as `cloud.openapi.analysis.getDailyRetain`. */
export function createGetDailyRetainHandler(deps: RuntimeDeps) {
  return createRetainHandler(deps, DAY);
}

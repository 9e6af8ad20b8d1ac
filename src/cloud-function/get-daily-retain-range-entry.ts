// The deployed function: bundled by scripts/build.mjs into cloudfunctions/getDailyRetainRange/index.js.
import { createGetDailyRetainRangeHandler } from './get-daily-retain-range-handler';
import { wxServerSdkPlatform } from './platform';

export const { main } = createGetDailyRetainRangeHandler({ env: process.env, platform: wxServerSdkPlatform(process.env) });

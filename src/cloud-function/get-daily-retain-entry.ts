// The deployed function: bundled by scripts/build.mjs into cloudfunctions/getDailyRetain/index.js.
import { createGetDailyRetainHandler } from './get-daily-retain-handler';
import { wxServerSdkPlatform } from './platform';

export const { main } = createGetDailyRetainHandler({ env: process.env, platform: wxServerSdkPlatform(process.env) });

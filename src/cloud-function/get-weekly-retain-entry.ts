// The deployed function: bundled by scripts/build.mjs into cloudfunctions/getWeeklyRetain/index.js.
import { WEEK } from '../period/week-period';
import { wxServerSdkPlatform } from './platform';
import { createRetainHandler } from './retain-handler';

export const { main } = createRetainHandler({ env: process.env, platform: wxServerSdkPlatform(process.env) }, WEEK);

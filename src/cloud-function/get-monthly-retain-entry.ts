// The deployed function: bundled by scripts/build.mjs into cloudfunctions/getMonthlyRetain/index.js.
import { MONTH } from '../period/month-period';
import { wxServerSdkPlatform } from './platform';
import { createRetainHandler } from './retain-handler';

export const { main } = createRetainHandler({ env: process.env, platform: wxServerSdkPlatform(process.env) }, MONTH);

// One cold call, as the cloud makes it: a fresh `node` process requires a function's index.js
// and calls `main(event, context)` once. Used for every side of the cold start benchmark, so
// they differ only in the function. Prints one line: `COLD <json>` with its own timings.
// With BENCH_LOAD_SDK_FIRST=1 it loads and initialises wx-server-sdk before the function, as
// a function that reads its token from the cloud database must on its first call.

// Milliseconds since performance.timeOrigin (the process start) that Node spent booting.
const bootMs = performance.now();
let sdkMs = 0;
if (process.env.BENCH_LOAD_SDK_FIRST === '1') {
  const cloud = require('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  sdkMs = performance.now() - bootMs;
}
const [functionPath, eventJson] = process.argv.slice(2);
const requiredAt = performance.now();
const fn = require(functionPath);
const loadedMs = performance.now();

Promise.resolve(fn.main(JSON.parse(eventJson), { time_limit_in_ms: 10000, function_name: 'getDailyRetain', memory_limit_in_mb: 256 })).then(
  (result) => {
    const doneMs = performance.now();
    const report = {
      refDate: result?.refDate || result?.ref_date,
      errCode: typeof result?.errCode === 'number' ? result.errCode : result?.errcode,
      bootMs,
      sdkMs,
      requireMs: loadedMs - requiredAt,
      callMs: doneMs - loadedMs,
      toResultMs: doneMs,
      maxRssKb: process.resourceUsage().maxRSS,
    };
    process.stdout.write(`COLD ${JSON.stringify(report)}\n`, () => process.exit(0));
  },
  (error) => {
    process.stderr.write(`${error?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);

// One cold call, as the cloud makes it: a fresh `node` process requires a function's index.js
// and calls `main(event, context)` once. Used for every side of the cold start benchmark, so
// they differ only in the function. Prints one line: `COLD <json>` with its own timings.

// Milliseconds since performance.timeOrigin (the process start) that Node spent booting.
const bootMs = performance.now();
const [functionPath, eventJson] = process.argv.slice(2);
const fn = require(functionPath);
const loadedMs = performance.now();

Promise.resolve(fn.main(JSON.parse(eventJson), { time_limit_in_ms: 10000, function_name: 'getDailyRetain', memory_limit_in_mb: 256 })).then(
  (result) => {
    const doneMs = performance.now();
    const report = {
      refDate: result?.refDate || result?.ref_date,
      errCode: typeof result?.errCode === 'number' ? result.errCode : result?.errcode,
      bootMs,
      requireMs: loadedMs - bootMs,
      callMs: doneMs - loadedMs,
      toResultMs: doneMs,
      maxRssKb: process.resourceUsage().maxRSS,
      sdkLoaded: Object.keys(require.cache).some((file) => file.includes(`${require('node:path').sep}wx-server-sdk${require('node:path').sep}`)),
    };
    process.stdout.write(`COLD ${JSON.stringify(report)}\n`, () => process.exit(0));
  },
  (error) => {
    process.stderr.write(`${error?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);

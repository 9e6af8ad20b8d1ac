// Issue 5, item 4: a year of days through getDailyRetainRange, with the emulator answering
// after a fixed latency, against the ideal ceil(days / concurrency) × latency; then the same
// range again, which the cache of final days must serve without a datacube request.
// The emulator runs in its own process, as WeChat would: its work is not ours to count.
import { addDays, beijingYesterday } from '../src/beijing-date';
import { createClient } from '../src/client';
import { EMULATOR_APPID, EMULATOR_SECRET } from '../src/emulator/wechat-emulator';
import { DEFAULT_RANGE_CONCURRENCY } from '../src/range/fetch-range';
import { MemoryRetainCache } from '../src/range/retain-cache';
import * as http from 'node:http';
import * as path from 'node:path';
import { type Benchmark, childEnv, postJson, round, spawnForLine } from './harness';

export const benchmark: Benchmark = {
  id: 'range-throughput',
  order: 4,
  title: 'Range throughput',
  async run(ctx) {
    const smoke = ctx.options.smoke;
    const days = smoke ? 40 : 365;
    const latencyMs = 20;
    const concurrency = DEFAULT_RANGE_CONCURRENCY;
    const { value: emulator, child } = await spawnForLine<{ url: string }>(
      [path.join(ctx.root, 'dist', 'emulator.js'), '--latency', String(latencyMs)],
      { env: childEnv(), cwd: ctx.root },
    );
    const datacubeRequests = async () => {
      const log = (await (await fetch(`${emulator.url}/__emulator/requests`)).json()) as { endpoint: string }[];
      return log.filter((r) => r.endpoint === 'datacube').length;
    };
    // Every day final (ref_date + 30 has passed), so that the second run can be all cache.
    const endDate = addDays(beijingYesterday(Date.now()), -31);
    const beginDate = addDays(endDate, 1 - days);
    const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url, retainCache: new MemoryRetainCache() });
    // The token first, outside the measurement: the ideal counts datacube round trips only.
    await client.openapi.analysis.getDailyRetain({ beginDate: addDays(beginDate, -1) });
    const before = await datacubeRequests();
    const started = performance.now();
    const first = await client.getDailyRetainRange({ beginDate, endDate }, { concurrency });
    const wallMs = performance.now() - started;
    const requests = (await datacubeRequests()) - before;
    const second = await client.getDailyRetainRange({ beginDate, endDate }, { concurrency });
    const cachedRequests = (await datacubeRequests()) - before - requests;
    // The baseline: the least code that fetches the same days, raw POSTs from 8 workers.
    const baselineMs = await rawPool(emulator.url, beginDate, days, concurrency);
    child.kill();
    const idealMs = Math.ceil(days / concurrency) * latencyMs;
    return {
      metrics: [
        { id: 'range.ratio', label: `${days} days, concurrency ${concurrency}, latency ${latencyMs} ms: wall / ideal`, value: round(wallMs / idealMs, 3), unit: '×', target: { op: '<=', value: 1.1 } },
        { id: 'range.baseline-ratio', label: `wall / raw POSTs from ${concurrency} workers to the same emulator, same days`, value: round(wallMs / baselineMs, 3), unit: '×' },
        { id: 'range.wall-ms', label: 'wall time', value: round(wallMs, 0), unit: 'ms' },
        { id: 'range.baseline-ms', label: 'raw POSTs wall time', value: round(baselineMs, 0), unit: 'ms' },
        { id: 'range.ideal-ms', label: `ideal: ceil(${days} / ${concurrency}) × ${latencyMs} ms`, value: idealMs, unit: 'ms' },
        { id: 'range.days', label: 'days returned, first run', value: first.list.length, unit: '', target: { op: '===', value: days } },
        { id: 'range.requests', label: 'datacube requests, first run', value: requests, unit: '', target: { op: '===', value: days } },
        { id: 'range.cached-requests', label: 'datacube requests, second run (cache)', value: cachedRequests, unit: '', target: { op: '===', value: 0 } },
        { id: 'range.cached-days', label: 'days returned, second run', value: second.list.length, unit: '', target: { op: '===', value: days } },
      ],
    };
  },
};

/** `days` raw datacube POSTs from `workers` keep-alive workers: the floor for this emulator. */
async function rawPool(base: string, beginDate: string, days: number, workers: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true });
  const { access_token: token } = (await postJson(agent, new URL(`${base}/cgi-bin/stable_token`), {
    grant_type: 'client_credential',
    appid: EMULATOR_APPID,
    secret: EMULATOR_SECRET,
  })) as { access_token: string };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < days) {
        const day = addDays(beginDate, next++);
        await postJson(agent, new URL(`${base}/datacube/getweanalysisappiddailyretaininfo?access_token=${token}`), { begin_date: day, end_date: day });
      }
    }),
  );
  const wall = performance.now() - started;
  agent.destroy();
  return wall;
}

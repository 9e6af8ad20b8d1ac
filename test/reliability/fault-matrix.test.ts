import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ErrorCode } from '../../src/errors';
import { daysAgo } from '../helpers/yesterday';
import { FAULT_MATRIX, FAULTS, type MatrixRow, TIME_LIMIT_MS, TIMES } from './fault-matrix';
import { expectFailure, OK_MESSAGE, RESULT_KEYS, useHarness } from './harness';
import { renderReliabilityBlock, renderReliabilityTable, TABLE_END, TABLE_START, tableIn } from './reliability-table';

const harness = useHarness();

describe('fault matrix: the built function under every fault the emulator injects', () => {
  it.each(FAULT_MATRIX.map((row) => [row.fault.label, row.where, row.when, row] as const))(
    '%s at %s, %s',
    async (_label, where, when, row: MatrixRow) => {
      const main = harness.load();
      harness.emulator.inject(where, row.fault.fault, TIMES[when]);
      const day = daysAgo(10);
      const started = Date.now();
      const result = await main({ beginDate: day }, { time_limit_in_ms: TIME_LIMIT_MS });
      const elapsed = Date.now() - started;

      if (row.errCode === 0) {
        expect(Object.keys(result)).toEqual(RESULT_KEYS);
        expect(result).toMatchObject({ refDate: day, errCode: 0, errMsg: OK_MESSAGE });
      } else {
        expectFailure(result, row.errCode);
      }
      if (row.errCode === ErrorCode.TIMEOUT) expect(result.errMsg).toContain(`time limit is ${TIME_LIMIT_MS} ms: raise it to 10 s or more`);
      expect({ stable_token: harness.emulator.count('stable_token'), datacube: harness.emulator.count('datacube') }).toEqual(
        row.requests,
      );
      expect(elapsed).toBeLessThan(TIME_LIMIT_MS);
    },
  );

  it('covers every fault at both endpoints, once and every time, with no row twice', () => {
    const keys = FAULT_MATRIX.map((row) => `${row.fault.label}|${row.where}|${row.when}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(Object.keys(FAULTS).length * 2 * 2);
  });

});

describe('tokens that really expire or are revoked between warm calls', () => {
  it('refreshes once when the emulator expires the token the instance holds (42001)', async () => {
    const main = harness.load();
    expect((await main({})).errCode).toBe(0);
    harness.emulator.reset();
    harness.emulator.expireTokens();
    const result = await main({}, { time_limit_in_ms: TIME_LIMIT_MS });
    expect(result.errCode).toBe(0);
    expect({ stable_token: harness.emulator.count('stable_token'), datacube: harness.emulator.count('datacube') }).toEqual({
      stable_token: 1,
      datacube: 2,
    });
  });

  it('refreshes once when the emulator revokes the token the instance holds (40001)', async () => {
    const main = harness.load();
    expect((await main({})).errCode).toBe(0);
    harness.emulator.reset();
    harness.emulator.invalidateTokens();
    const result = await main({}, { time_limit_in_ms: TIME_LIMIT_MS });
    expect(result.errCode).toBe(0);
    const [first, , second] = harness.emulator.requests;
    expect(harness.emulator.requests.map((r) => r.endpoint)).toEqual(['datacube', 'stable_token', 'datacube']);
    expect(second?.accessToken).not.toBe(first?.accessToken);
  });
});

describe('the reliability table of docs/reliability.md', () => {
  const page = readFileSync(path.resolve(__dirname, '../../docs/reliability.md'), 'utf8').replace(/\r\n/g, '\n');

  it('finds the table between its markers, and nothing when a marker is missing or doubled', () => {
    const block = renderReliabilityBlock();
    expect(tableIn(`# Title\n\n${block}\n\nMore.`)).toBe(renderReliabilityTable());
    expect(tableIn(`${TABLE_START}\n| old |\n`)).toBeUndefined();
    expect(tableIn(`${block}\n${block}`)).toBeUndefined();
  });

  it('renders one line per matrix row, naming the outcome and the requests', () => {
    const table = renderReliabilityTable();
    expect(table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Fault · 故障'))).toHaveLength(
      FAULT_MATRIX.length,
    );
    expect(table).toContain('| no answer | `datacube` | every time | errCode -90003 (timeout) | stable_token 1, datacube 2 |');
    expect(table).toContain('| errcode -1 (system busy) | `datacube` | once | recovered (errCode 0) | stable_token 1, datacube 2 |');
  });

  it('shows exactly the table generated from the fault matrix', () => {
    const found = tableIn(page);
    const expected = renderReliabilityTable();
    if (found !== expected) {
      throw new Error(
        `docs/reliability.md must hold the reliability table generated from test/reliability/fault-matrix.ts, between ${TABLE_START} and ${TABLE_END}. ` +
          `${found === undefined ? 'The markers are missing (or doubled).' : 'The table there differs.'} Paste this block:\n\n${renderReliabilityBlock()}\n`,
      );
    }
    expect(found).toBe(expected);
  });
});

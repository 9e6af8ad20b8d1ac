import { FAULT_MATRIX, type MatrixRow, OUTCOME_NAMES, TIME_LIMIT_MS, BUDGET_MS } from './fault-matrix';

export const TABLE_START = '<!-- reliability-table:start -->';
export const TABLE_END = '<!-- reliability-table:end -->';

function outcome(row: MatrixRow): string {
  if (row.errCode === 0) return 'recovered (errCode 0)';
  const name = OUTCOME_NAMES[row.errCode];
  return `errCode ${row.errCode}${name ? ` (${name})` : ''}`;
}

/** The fault matrix as docs/reliability.md's Markdown table, with a line that says how it is checked. */
export function renderReliabilityTable(rows: readonly MatrixRow[] = FAULT_MATRIX): string {
  const lines = [
    `Each row is a cold instance of the built function on the emulator, with \`time_limit_in_ms: ${TIME_LIMIT_MS}\` (a budget of ${BUDGET_MS} ms); every call returns within the limit. Generated from \`test/reliability/fault-matrix.ts\`, which \`test/reliability/fault-matrix.test.ts\` checks row by row. ` +
      `每一行是模拟器上一个冷启动的已构建函数实例，\`time_limit_in_ms: ${TIME_LIMIT_MS}\`（可用预算 ${BUDGET_MS} ms），每次调用都在时限内返回。本表由 \`test/reliability/fault-matrix.ts\` 生成，\`test/reliability/fault-matrix.test.ts\` 逐行验证。`,
    '',
    '| Fault · 故障 | Where · 位置 | When · 次数 | Outcome · 结果 | Requests · 请求数 |',
    '|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.fault.label} | \`${row.where}\` | ${row.when} | ${outcome(row)} | stable_token ${row.requests.stable_token}, datacube ${row.requests.datacube} |`,
    ),
  ];
  return lines.join('\n');
}

/** The block to paste into docs/reliability.md: the table between its markers. */
export function renderReliabilityBlock(rows: readonly MatrixRow[] = FAULT_MATRIX): string {
  return `${TABLE_START}\n${renderReliabilityTable(rows)}\n${TABLE_END}`;
}

/** The text between the markers, or undefined when the page lacks them (or has them twice). */
export function tableIn(page: string): string | undefined {
  const start = page.indexOf(TABLE_START);
  const end = page.indexOf(TABLE_END);
  if (start < 0 || end < start || page.indexOf(TABLE_START, start + 1) >= 0) return undefined;
  return page.slice(start + TABLE_START.length, end).trim();
}

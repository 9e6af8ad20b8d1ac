// The mutation score of each module from Stryker's last report (reports/mutation/mutation.json,
// or the reports named on the command line, such as those of runs over a few modules each),
// as a Markdown table, and a failure when any module scores below the `break` threshold of
// stryker.config.mjs: Stryker applies it to the total only, and a well-tested module must not
// hide a poorly tested one. The score is Stryker's (killed and timed-out mutants over all
// mutants that compiled, covered by a test or not), less the survivors listed as equivalent in
// docs/mutation-testing.md; an entry there that matches no survivor fails the run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import config from '../stryker.config.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Only .json arguments: anything else (a flag typed after `npm run mutation --`) is not a report.
const named = process.argv.slice(2).filter((arg) => arg.endsWith('.json'));
const reportFiles = named.length > 0 ? named : [path.join(root, 'reports/mutation/mutation.json')];
const breakAt = config.thresholds.break;

/**
 * Every mutant of the reports. A mutant in several reports (the same place, mutator and
 * replacement) counts as in the last one, so that a run over a few lines (`--mutate
 * src/x.ts:10-20`) updates those mutants and leaves the module's others as they were.
 */
const files = {};
for (const reportFile of reportFiles) {
  let report;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8'));
  } catch (error) {
    console.error(`mutation scores: cannot read ${path.relative(root, path.resolve(reportFile))} (${error.message}): run npm run mutation first`);
    process.exit(1);
  }
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    // A module whose code changed since an earlier report starts afresh: its old mutants sit at old places.
    const earlier = files[file]?.source === source ? files[file].mutants : [];
    const byKey = new Map(earlier.map((mutant) => [keyOf(mutant), mutant]));
    for (const mutant of mutants) byKey.set(keyOf(mutant), mutant);
    files[file] = { source, mutants: [...byKey.values()] };
  }
}

function keyOf(mutant) {
  const { start, end } = mutant.location;
  return `${start.line}:${start.column}-${end.line}:${end.column} ${mutant.mutatorName} ${mutant.replacement}`;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/**
 * The equivalent mutants of docs/mutation-testing.md, from rows such as
 * | `src/x.ts:12:5` | ConditionalExpression → `true` | why |  (the replacement is optional).
 */
const EQUIVALENT_ROW = /^\|\s*`(src\/[^`:]+):(\d+):(\d+)`\s*\|\s*(\w+)(?:\s*→\s*`([^`]*)`)?\s*\|/;
const equivalents = readFileSync(path.join(root, 'docs/mutation-testing.md'), 'utf8')
  .split('\n')
  .map((text) => EQUIVALENT_ROW.exec(text))
  .filter((match) => match !== null)
  .map(([, file, line, column, mutator, replacement]) => ({ file, line: Number(line), column: Number(column), mutator, replacement, used: false }));

function isListedEquivalent(file, mutant) {
  const entry = equivalents.find(
    (e) =>
      e.file === file &&
      e.line === mutant.location.start.line &&
      e.column === mutant.location.start.column &&
      e.mutator === mutant.mutatorName &&
      (e.replacement === undefined || e.replacement === mutant.replacement),
  );
  if (entry && UNDETECTED.has(mutant.status)) entry.used = true;
  return entry !== undefined && UNDETECTED.has(mutant.status);
}

function scoreOf(mutants) {
  const count = (status) => mutants.filter((mutant) => mutant.status === status && !mutant.equivalent).length;
  const detected = mutants.filter((mutant) => DETECTED.has(mutant.status)).length;
  const valid = detected + mutants.filter((mutant) => UNDETECTED.has(mutant.status) && !mutant.equivalent).length;
  return {
    valid,
    killed: count('Killed'),
    timeout: count('Timeout'),
    survived: count('Survived'),
    noCoverage: count('NoCoverage'),
    equivalent: mutants.filter((mutant) => mutant.equivalent).length,
    // A module whose every mutant fails to compile has nothing to score: it passes.
    score: valid === 0 ? 100 : (100 * detected) / valid,
  };
}

const rows = Object.entries(files)
  .map(([file, { mutants }]) => {
    const relative = path.relative(root, path.resolve(root, file));
    const marked = mutants.map((mutant) => ({ ...mutant, equivalent: isListedEquivalent(relative, mutant) }));
    return { file: relative, mutants: marked, ...scoreOf(marked) };
  })
  .sort((a, b) => a.file.localeCompare(b.file));
const total = { file: 'all modules', ...scoreOf(rows.flatMap((row) => row.mutants)) };

const line = (cells) => `| ${cells.join(' | ')} |`;
console.log(line(['Module', 'Score', 'Killed', 'Timed out', 'Survived', 'No coverage', 'Equivalent']));
console.log(line(['---', '---:', '---:', '---:', '---:', '---:', '---:']));
for (const row of [...rows, total]) {
  const name = row === total ? `**${row.file}**` : `\`${row.file}\``;
  console.log(line([name, `${row.score.toFixed(1)} %`, row.killed, row.timeout, row.survived, row.noCoverage, row.equivalent]));
}

const stale = equivalents.filter((entry) => !entry.used && rows.some((row) => row.file === entry.file));
if (stale.length > 0) {
  console.error(`\nmutation scores: listed as equivalent in docs/mutation-testing.md, but no such mutant survived: ${stale.map((e) => `${e.file}:${e.line}:${e.column} ${e.mutator}`).join(', ')}`);
  console.error('A test kills it now, or the code moved: update the list.');
  process.exit(1);
}

const missing = config.mutate.filter((file) => !rows.some((row) => row.file === file));
if (missing.length > 0) console.log(`\nNot in this report (run without --mutate for all): ${missing.join(', ')}`);

const below = [...rows, total].filter((row) => row.score < breakAt);
if (below.length > 0) {
  console.error(`\nmutation scores: below the break threshold of ${breakAt} %: ${below.map((row) => `${row.file} (${row.score.toFixed(1)} %)`).join(', ')}`);
  console.error('Kill the survivors with tests that name the behaviour (see docs/mutation-testing.md), or list a truly equivalent mutant there.');
  process.exit(1);
}
console.log(`\nEvery module scores at least ${breakAt} %.`);

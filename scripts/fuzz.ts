/**
 * `npm run fuzz`: every file reader under fast-check for 100,000 cases each (scripts/fuzz/targets.ts),
 * reporting cases, time and any counterexample (shrunk, with the seed to replay it). Options:
 * `--runs N`, `--only name[,name]`, `--seed S`. Writes test-results/fuzz-report.json; exits 1 on a finding.
 */
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { FUZZ_TARGETS, outcomes } from './fuzz/targets';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};
const runs = Number(arg('runs') ?? 100_000);
const only = arg('only')?.split(',');
const seed = arg('seed') === undefined ? Date.now() | 0 : Number(arg('seed'));

interface Row {
  target: string;
  cases: number;
  seconds: number;
  casesPerSecond: number;
  /** reader calls that gave a result, and that ended in the reader's own error */
  accepted: number;
  refused: number;
  found: string | null;
}
const rows: Row[] = [];
for (const target of FUZZ_TARGETS.filter((t) => !only || only.includes(t.name))) {
  outcomes.accepted = outcomes.refused = 0;
  const start = performance.now();
  const details = fc.check(target.property(), { numRuns: runs, seed, endOnFailure: false });
  const seconds = (performance.now() - start) / 1000;
  const found = details.failed
    ? `after ${details.numRuns} cases (seed ${details.seed}, path ${details.counterexamplePath}): ${String((details.errorInstance as Error | undefined)?.stack ?? details.errorInstance)} on ${fc.stringify(details.counterexample)}`
    : null;
  const cases = details.numRuns;
  rows.push({
    target: target.name,
    cases,
    seconds: Number(seconds.toFixed(1)),
    casesPerSecond: Math.round(cases / seconds),
    ...outcomes,
    found,
  });
  console.log(
    `${target.name.padEnd(26)} ${String(cases).padStart(8)} cases ${seconds.toFixed(1).padStart(7)} s  ` +
      `${String(outcomes.accepted).padStart(7)} read, ${String(outcomes.refused).padStart(7)} refused  ${found ? `FOUND ${found}` : 'nothing found'}`,
  );
}
mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/fuzz-report.json', JSON.stringify({ seed, runs, date: new Date().toISOString(), rows }, null, 2));
if (rows.some((r) => r.found)) process.exit(1);

#!/usr/bin/env node
// Runs the named vitest suites (unit, browser, lan) one after another and closes with the plain
// line `N passed, N failed`, summed over all of them: CI reads that line, not vitest's summary.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const suites = process.argv.slice(2);
if (suites.length === 0) {
  console.error('usage: node test/run-tests.mjs unit|browser|lan ...');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'ricochet-tests-'));
let passed = 0;
let failed = 0;
let crashed = false;
// Named here and again by .ci/run just above its closing line: a CI log is often read from its tail.
const failures = [];
const firstLine = (text) => (text ?? '').split('\n')[0].slice(0, 300);
for (const suite of suites) {
  const out = join(dir, `${suite}.json`);
  const run = spawnSync(
    'npx',
    ['vitest', 'run', '--project', suite, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    { stdio: 'inherit' },
  );
  if (!existsSync(out)) {
    // No report at all means vitest itself failed (config error, crash): count it as a failure.
    console.error(`suite ${suite}: vitest wrote no report (exit ${run.status})`);
    failed += 1;
    crashed = true;
    continue;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A file that fails with no failed test (it failed to load, or a beforeAll hook failed and its
  // tests were skipped) is still a failure: one for each test it did not run, at least one.
  const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((t) => t.status === 'failed'));
  for (const f of brokenFiles) failed += Math.max(1, f.assertionResults.filter((t) => t.status !== 'passed').length);
  const file = (f) => f.name.replace(`${process.cwd()}/`, '');
  for (const f of report.testResults) {
    for (const t of f.assertionResults) if (t.status === 'failed') failures.push(`${suite}: ${file(f)} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
  }
  for (const f of brokenFiles) failures.push(`${suite}: ${file(f)} did not run: ${firstLine(f.message)}`);
  if (run.status !== 0 && report.numFailedTests === 0 && brokenFiles.length === 0) crashed = true;
}
for (const line of failures) console.log(`FAILED ${line}`);
console.log(`${passed} passed, ${failed} failed`);
// .ci/run calls several npm scripts and closes with their sum (and the failures' names, in a file beside).
if (process.env.RICOCHET_TOTALS) {
  appendFileSync(process.env.RICOCHET_TOTALS, `${passed} ${failed}\n`);
  if (failures.length > 0) appendFileSync(`${process.env.RICOCHET_TOTALS}.failed`, failures.map((line) => `FAILED ${line}\n`).join(''));
}
process.exit(failed > 0 || crashed ? 1 : 0);

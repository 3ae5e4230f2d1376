// The last line of ./test (and so of CI): `N passed, N failed`, from vitest's JSON report.
//   node scripts/test-summary.ts [reports/vitest.json]
// A missing or unreadable report counts as `0 passed, 1 failed`: vitest did not get to the end.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'reports/vitest.json';
let line = '0 passed, 1 failed';
try {
  const report = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests?: unknown; numFailedTests?: unknown };
  const passed = report.numPassedTests;
  const failed = report.numFailedTests;
  if (Number.isInteger(passed) && Number.isInteger(failed)) line = `${String(passed)} passed, ${String(failed)} failed`;
} catch {
  // Keep the failing line: no report means no result to trust.
}
process.stdout.write(`${line}\n`);

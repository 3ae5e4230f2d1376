// The last line of ./test (and so of CI): `N passed, N failed`, from vitest's JSON report.
//   node scripts/test-summary.ts [reports/vitest.json]
// A missing or unreadable report counts as `0 passed, 1 failed`: vitest did not get to the end.
import { readFileSync } from 'node:fs';
import { summarize, type VitestReport } from './lib/test-summary.ts';

const file = process.argv[2] ?? 'reports/vitest.json';
let report: VitestReport | undefined;
try {
  report = JSON.parse(readFileSync(file, 'utf8')) as VitestReport;
} catch {
  report = undefined;
}
process.stdout.write(`${summarize(report)}\n`);

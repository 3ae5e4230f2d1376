/**
 * The `N passed, N failed` line ./test ends with (and CI reads), from vitest's JSON report.
 *
 * `numFailedTests` alone undercounts: a file whose `beforeAll` fails (the system did not start) or
 * that does not import reports its tests as skipped, not failed, and the run "0 failed" while vitest
 * exits 1. Such a file counts as one failure here, and a report that says the run did not succeed
 * never reads as "0 failed".
 */
export interface VitestReport {
  numPassedTests?: unknown;
  numFailedTests?: unknown;
  success?: unknown;
  testResults?: Array<{ status?: unknown; assertionResults?: Array<{ status?: unknown }> }>;
}

export function summarize(report: VitestReport | undefined): string {
  const passed = report?.numPassedTests;
  const failedTests = report?.numFailedTests;
  if (!Number.isInteger(passed) || !Number.isInteger(failedTests)) return '0 passed, 1 failed';
  const failedOutsideTests = (report?.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  let failed = (failedTests as number) + failedOutsideTests;
  if (report?.success === false && failed === 0) failed = 1;
  return `${String(passed)} passed, ${String(failed)} failed`;
}

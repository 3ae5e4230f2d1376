import { describe, expect, it } from 'vitest';
import { summarize } from './test-summary.ts';

const file = (status: string, ...tests: string[]) => ({ status, assertionResults: tests.map((s) => ({ status: s })) });

describe("./test's last line", () => {
  it('counts passed and failed tests', () => {
    expect(summarize({ numPassedTests: 10, numFailedTests: 2, success: false, testResults: [file('failed', 'passed', 'failed', 'failed')] })).toBe('10 passed, 2 failed');
  });

  it('counts a file that failed outside its tests (a beforeAll, an import) as a failure', () => {
    const report = { numPassedTests: 512, numFailedTests: 0, success: false, testResults: [file('passed', 'passed'), file('failed', 'skipped', 'skipped')] };
    expect(summarize(report)).toBe('512 passed, 1 failed');
  });

  it('never reads "0 failed" for a run that did not succeed', () => {
    expect(summarize({ numPassedTests: 3, numFailedTests: 0, success: false, testResults: [] })).toBe('3 passed, 1 failed');
  });

  it('reads a clean run as it is', () => {
    expect(summarize({ numPassedTests: 516, numFailedTests: 0, success: true, testResults: [file('passed', 'passed')] })).toBe('516 passed, 0 failed');
  });

  it('counts a missing or unreadable report as one failure', () => {
    expect(summarize(undefined)).toBe('0 passed, 1 failed');
    expect(summarize({})).toBe('0 passed, 1 failed');
  });
});

import { describe, expect, it } from 'vitest';
import { median, medianByKey, ratio, round, steadyThroughput } from './bench-stats.ts';
import { LatencyHistogram } from './latency-histogram.ts';
import { parseProcStat } from './process-cpu.ts';
import { metricSamples } from './prometheus-text.ts';

describe('bench statistics', () => {
  it('takes the median of odd and even counts, ignoring what is not a number', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([Number.NaN, 5])).toBe(5);
    expect(median([])).toBeUndefined();
  });

  it('gives project/floor ratios only when both exist and the floor is not zero', () => {
    expect(ratio(6, 12)).toBe(0.5);
    expect(ratio(6, 0)).toBeUndefined();
    expect(ratio(undefined, 3)).toBeUndefined();
  });

  it('rounds to significant digits', () => {
    expect(round(0.123456)).toBe(0.123);
    expect(round(1234.5, 3)).toBe(1235);
    expect(round(88.04, 3)).toBe(88);
  });

  it('takes medians per key over rounds', () => {
    expect(medianByKey([{ a: 1, b: 10 }, { a: 3 }, { a: 2, b: 30 }])).toEqual({ a: 2, b: 20 });
  });

  it('measures closed-loop throughput while every slot was busy, not over the drain at the end', () => {
    // 10 sagas ended by t=1000 ms when the last one was started; the rest drained until 3000 ms.
    const ends = [...Array.from({ length: 10 }, (_, i) => 100 * (i + 1)), 2000, 3000];
    expect(steadyThroughput(ends, 0, 1000, 3000)).toBe(10);
    expect(steadyThroughput([500, 1000], 0, 0, 1000)).toBe(2);
  });
});

describe('the latency histogram', () => {
  it('reports percentiles within its precision', () => {
    const histogram = new LatencyHistogram();
    for (let ms = 1; ms <= 100; ms += 1) histogram.record(ms);
    const summary = histogram.summary();
    expect(summary.count).toBe(100);
    expect(summary.p50).toBeCloseTo(50, 0);
    expect(summary.p99).toBeCloseTo(99, 0);
    expect(summary.max).toBeCloseTo(100, 0);
  });
});

describe('readers', () => {
  it('reads utime and stime from /proc/<pid>/stat even when the command name has spaces and parentheses', () => {
    const line = '4242 (node (bench) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 731 52 0 0 20 0 11 0 5000 1000000 2000';
    expect(parseProcStat(line)).toEqual({ utime: 731, stime: 52 });
  });

  it('sums Prometheus samples by one label', () => {
    const text = [
      '# HELP saga_db_commands_total x',
      'saga_db_commands_total{command="update"} 12',
      'saga_db_commands_total{command="find"} 3',
      'saga_db_commands_total_other{command="find"} 99',
      'saga_finished_total{status="completed",instance="a"} 4',
      'saga_finished_total{instance="b",status="completed"} 1',
    ].join('\n');
    expect(Object.fromEntries(metricSamples(text, 'saga_db_commands_total', 'command'))).toEqual({ update: 12, find: 3 });
    expect(metricSamples(text, 'saga_finished_total', 'status').get('completed')).toBe(5);
  });
});

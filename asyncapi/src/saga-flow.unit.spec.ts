import { describe, expect, it } from 'vitest';
import { bookshop, checkout, checkoutV2 } from '../test/bookshop-system.ts';
import { buildAsyncApiDocument } from './document.ts';
import { sagaFlowchart, sagaStepTable } from './saga-flow.ts';

const description = (sagas: Parameters<typeof buildAsyncApiDocument>[0]['sagas']) =>
  String((buildAsyncApiDocument({ system: bookshop, sagas }).info as { description: string }).description);

describe('the saga flowchart', () => {
  const chart = sagaFlowchart(checkout);

  it('is a Mermaid flowchart that starts from StartSaga with the saga name', () => {
    expect(chart.split('\n')[0]).toBe('flowchart TD');
    expect(chart).toContain('start(["StartSaga<br/>sagaType: checkout"])');
    expect(chart).toContain('start --> s1');
  });

  it('draws every step with its kind, its command and the participant that handles it', () => {
    checkout.steps.forEach((step, i) => {
      expect(chart).toContain(`s${i + 1}["${i + 1}. ${step.name} (${step.kind})<br/>${step.action.command} → ${step.participant}"]`);
    });
  });

  it('moves to the next step on the success reply and completes after the last one', () => {
    expect(chart).toContain('s1 -->|Reserved| s2');
    expect(chart).toContain('s3 -->|Shipped| completed');
  });

  it('ends compensated when the first step fails, there being nothing to undo', () => {
    expect(chart).toContain('s1 -.->|ReserveRefused| compensated');
  });

  it('sends a failed step into the compensation of the step before it', () => {
    expect(chart).toContain('s2 -.->|ChargeDeclined| c1');
    expect(chart).toContain('s3 -.->|ShipFailed| c2');
  });

  it('undoes the completed steps in reverse order, each compensation reply leading to the one before', () => {
    expect(chart).toContain('c2{{"undo charge<br/>Refund → billing"}}');
    expect(chart).toContain('c2 -.->|Refunded| c1');
    expect(chart).toContain('c1 -.->|Released| compensated');
  });

  it('ends failed when a retriable step after the pivot fails, and undoes the steps before a failed pivot', () => {
    const other = sagaFlowchart(checkoutV2);
    expect(other).toContain('s3 -.->|ShipFailed| failed');
    expect(other).toContain('s2 -.->|ChargeDeclined| c1');
    expect(other).not.toContain('c2');
  });
});

describe('the saga step table', () => {
  it('has one row per step with its replies and its compensation, whose failure reply is retried', () => {
    const rows = sagaStepTable(checkout).split('\n').slice(2);
    expect(rows).toHaveLength(checkout.steps.length);
    expect(rows[0]).toBe('| 1 | reserve | compensatable | stock | Reserve | Reserved | ReserveRefused | Release → Released (ReleaseFailed: retried) |');
    expect(rows[2]).toContain('| pivot | courier | Ship | Shipped | ShipFailed | — |');
  });
});

describe('the document description', () => {
  it('shows every saga definition, each version, as a Mermaid flowchart and a step table', () => {
    const text = description([checkout, checkoutV2]);
    for (const definition of [checkout, checkoutV2]) {
      expect(text).toContain(`### Saga \`checkout\` (definition version ${definition.version})`);
      expect(text).toContain(['```mermaid', sagaFlowchart(definition), '```'].join('\n'));
      expect(text).toContain(sagaStepTable(definition));
    }
  });

  it('draws only the sagas handed to it', () => {
    const text = description([checkoutV2]);
    expect(text).toContain('(definition version 2)');
    expect(text).not.toContain('(definition version 1)');
  });
});

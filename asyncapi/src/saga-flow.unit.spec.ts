import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { sagaDefinitions, type AnySagaDefinition, type StepDefinition } from '@saga/orchestrator/domain';
import { buildAsyncApiDocument } from './document.ts';
import { sagaFlowchart, sagaStepTable } from './saga-flow.ts';

const orderFulfilment = sagaDefinitions.find((d) => d.name === 'order-fulfilment')!;
const build = () => ({}) as never;
const sagaOf = (steps: StepDefinition<unknown>[]): AnySagaDefinition => ({ name: 'test-saga', version: 1, description: 'A test saga.', input: z.object({}), steps });

/** Reserve (compensatable), pay (pivot), confirm (retriable): a pivot that is not the last step. */
const withRetriableStep = sagaOf([
  { name: 'reserve', participant: 'inventory', kind: 'compensatable', action: { command: 'ReserveInventory', build }, compensation: { command: 'ReleaseInventory', build } },
  { name: 'pay', participant: 'payment', kind: 'pivot', action: { command: 'ProcessPayment', build } },
  { name: 'confirm', participant: 'notification', kind: 'retriable', action: { command: 'SendConfirmation', build } },
]);

describe('the saga flowchart', () => {
  const chart = sagaFlowchart(orderFulfilment);

  it('is a Mermaid flowchart that starts from StartSaga with the saga name', () => {
    expect(chart.split('\n')[0]).toBe('flowchart TD');
    expect(chart).toContain('start(["StartSaga<br/>sagaType: order-fulfilment"])');
    expect(chart).toContain('start --> s1');
  });

  it('draws every step with its kind, its command and the participant that handles it', () => {
    orderFulfilment.steps.forEach((step, i) => {
      expect(chart).toContain(`s${i + 1}["${i + 1}. ${step.name} (${step.kind})<br/>${step.action.command} → ${step.participant}"]`);
    });
  });

  it('moves to the next step on the success reply and completes after the last one', () => {
    expect(chart).toContain('s1 -->|InventoryReserved| s2');
    expect(chart).toContain('s4 -->|ConfirmationSent| completed');
  });

  it('ends compensated when the first step fails, there being nothing to undo', () => {
    expect(chart).toContain('s1 -.->|InventoryReservationFailed| compensated');
  });

  it('sends a failed step into the compensation of the step before it', () => {
    expect(chart).toContain('s2 -.->|PaymentDeclined| c1');
    expect(chart).toContain('s4 -.->|ConfirmationFailed| c3');
  });

  it('undoes the completed steps in reverse order, each compensation reply leading to the one before', () => {
    expect(chart).toContain('c3{{"undo create-shipment<br/>CancelShipment → shipping"}}');
    expect(chart).toContain('c3 -.->|ShipmentCancelled| c2');
    expect(chart).toContain('c2 -.->|PaymentRefunded| c1');
    expect(chart).toContain('c1 -.->|InventoryReleased| compensated');
  });

  it('ends failed when a retriable step after the pivot fails, and undoes the steps before a failed pivot', () => {
    const other = sagaFlowchart(withRetriableStep);
    expect(other).toContain('s3 -.->|ConfirmationFailed| failed');
    expect(other).toContain('s2 -.->|PaymentDeclined| c1');
    expect(other).not.toContain('c2');
  });
});

describe('the saga step table', () => {
  it('has one row per step with its replies and its compensation, whose failure reply is retried', () => {
    const rows = sagaStepTable(orderFulfilment).split('\n').slice(2);
    expect(rows).toHaveLength(orderFulfilment.steps.length);
    expect(rows[0]).toBe('| 1 | reserve-inventory | compensatable | inventory | ReserveInventory | InventoryReserved | InventoryReservationFailed | ReleaseInventory → InventoryReleased (InventoryReleaseFailed: retried) |');
    expect(rows[3]).toContain('| pivot | notification | SendConfirmation | ConfirmationSent | ConfirmationFailed | — |');
  });
});

describe('the document description', () => {
  it('shows every saga definition as a Mermaid flowchart and a step table', () => {
    const description = String((buildAsyncApiDocument().info as { description: string }).description);
    for (const definition of sagaDefinitions) {
      expect(description).toContain(['```mermaid', sagaFlowchart(definition), '```'].join('\n'));
      expect(description).toContain(sagaStepTable(definition));
    }
  });

  it('draws a saga handed to it, not only the registered ones', () => {
    const description = String((buildAsyncApiDocument({ sagas: [withRetriableStep] }).info as { description: string }).description);
    expect(description).toContain('### Saga `test-saga`');
    expect(description).not.toContain('### Saga `order-fulfilment`');
  });
});

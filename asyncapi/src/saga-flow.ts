import type { AnySystem } from '@saga/contracts';
import { stepsOf, type AnySagaDefinition, type AnyStepDefinition } from '@saga/orchestrator/domain';

type Step = AnyStepDefinition;

const repliesNamed = (system: AnySystem, command: string, outcome: 'succeeded' | 'failed' | 'compensated'): string =>
  system.repliesTo(command)
    .filter((r) => r.outcome === outcome)
    .map((r) => r.type)
    .join(' / ');

/** Node id of the compensation to run when step `index` fails: the nearest compensatable step before it. */
function undoFrom(steps: readonly Step[], index: number): string {
  for (let i = index - 1; i >= 0; i -= 1) if (steps[i]!.compensation) return `c${i + 1}`;
  return 'compensated';
}

/**
 * The saga as a Mermaid flowchart, read from its definition: each step's command and participant,
 * the reply that moves it on, the reply that sends it into compensation, and the compensations in
 * reverse order. Mirrors the engine: a failed compensatable or pivot step undoes every step before
 * it (nothing before it: the saga ends `compensated`), a failed retriable step ends it `failed`.
 */
export function sagaFlowchart(definition: AnySagaDefinition): string {
  const steps = stepsOf(definition);
  const lines = ['flowchart TD', `  start(["StartSaga<br/>sagaType: ${definition.name}"])`];
  steps.forEach((step, i) => {
    lines.push(`  s${i + 1}["${i + 1}. ${step.name} (${step.kind})<br/>${step.action.command} → ${step.participant}"]`);
  });
  steps.forEach((step, i) => {
    if (step.compensation) lines.push(`  c${i + 1}{{"undo ${step.name}<br/>${step.compensation.command} → ${step.participant}"}}`);
  });
  lines.push('  completed(["completed"])', '  compensated(["compensated"])');
  if (steps.some((s) => s.kind === 'retriable')) lines.push('  failed(["failed"])');
  lines.push(`  start --> ${steps.length > 0 ? 's1' : 'completed'}`);
  steps.forEach((step, i) => {
    const succeeded = repliesNamed(definition.system, step.action.command, 'succeeded');
    const failed = repliesNamed(definition.system, step.action.command, 'failed');
    lines.push(`  s${i + 1} -->|${succeeded}| ${i + 1 < steps.length ? `s${i + 2}` : 'completed'}`);
    if (failed) lines.push(`  s${i + 1} -.->|${failed}| ${step.kind === 'retriable' ? 'failed' : undoFrom(steps, i)}`);
  });
  steps.forEach((step, i) => {
    if (!step.compensation) return;
    lines.push(`  c${i + 1} -.->|${repliesNamed(definition.system, step.compensation.command, 'compensated')}| ${undoFrom(steps, i)}`);
  });
  return lines.join('\n');
}

/** The same saga as a table: what a participant author or an operator looks up. */
export function sagaStepTable(definition: AnySagaDefinition): string {
  const steps = stepsOf(definition);
  const rows = steps.map((step, i) => {
    // A compensation that fails for now is retried by the orchestrator, so its failure reply is no branch of the flow, only a note.
    const compensationFailed = step.compensation ? repliesNamed(definition.system, step.compensation.command, 'failed') : '';
    const compensation = step.compensation
      ? `${step.compensation.command} → ${repliesNamed(definition.system, step.compensation.command, 'compensated')}${compensationFailed ? ` (${compensationFailed}: retried)` : ''}`
      : '—';
    return `| ${i + 1} | ${step.name} | ${step.kind} | ${step.participant} | ${step.action.command} | ${repliesNamed(definition.system, step.action.command, 'succeeded')} | ${repliesNamed(definition.system, step.action.command, 'failed') || '—'} | ${compensation} |`;
  });
  return [
    '| # | Step | Kind | Participant | Command | Success reply | Failure reply | Compensation → reply |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** A markdown section per saga: what it does, how to start it, its flowchart and its steps. */
export function sagaSection(definition: AnySagaDefinition, inputSchemaId: string): string {
  return [
    `### Saga \`${definition.name}\` (definition version ${definition.version})`,
    '',
    definition.description,
    '',
    `Start it with a StartSaga whose \`sagaType\` is \`${definition.name}\`; its \`input\` must match the schema **${inputSchemaId}** (in \`components.schemas\`).`,
    'Solid arrows are the forward path, dotted ones failure and compensation.',
    '',
    '```mermaid',
    sagaFlowchart(definition),
    '```',
    '',
    sagaStepTable(definition),
  ].join('\n');
}

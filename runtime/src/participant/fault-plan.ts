import { readFileSync } from 'node:fs';
import type { DocumentDatabase } from '../documents/document-collection.ts';
import { z } from 'zod';
import { SagaError } from '../errors.ts';

/**
 * Scripted faults for the chaos run and fault-injection tests — never set in production. With
 * `SAGA_FAULT_PLAN=<file.json>` a participant misbehaves on purpose for the sagas the plan names:
 *
 *   { "<sagaId>": { "<step>": { "failAction": 2, "failCompensation": 3, "loseAction": 1, "delayActionMs": 4000 } } }
 *
 * - failAction / failCompensation: the first N deliveries throw a transient fault (the runtime
 *   answers with a retryable failure reply, so the orchestrator's retry budget is exercised);
 * - loseAction: the first N deliveries of the action are acked and dropped (no effect, no reply),
 *   as if the command was lost; the orchestrator's step timeout must notice;
 * - delayActionMs: the first delivery of the action waits this long before it is handled (a slow
 *   participant whose reply may arrive after the step timed out).
 *
 * Counts are kept in the participant's own database (collection `fault_counts`), so a participant
 * killed and restarted in the middle of a plan does not start counting again.
 */
const StepFaults = z.object({
  failAction: z.number().int().min(0).optional(),
  failCompensation: z.number().int().min(0).optional(),
  loseAction: z.number().int().min(0).optional(),
  delayActionMs: z.number().int().min(0).max(600_000).optional(),
});
export const FaultPlanFile = z.record(z.string(), z.record(z.string(), StepFaults));
export type FaultPlanFile = z.infer<typeof FaultPlanFile>;

/** Where a fault plan keeps its counts, in the participant's own database. */
export const FAULT_COUNTS = 'fault_counts';

export type Fault = { kind: 'none' } | { kind: 'fail' } | { kind: 'lose' } | { kind: 'delay'; ms: number };

export class FaultPlan {
  readonly #plan: FaultPlanFile;
  readonly #db: DocumentDatabase;

  constructor(plan: FaultPlanFile, db: DocumentDatabase) {
    this.#plan = plan;
    this.#db = db;
  }

  /** Reads the plan named by SAGA_FAULT_PLAN; undefined when it is unset. */
  static fromEnv(db: DocumentDatabase, env: NodeJS.ProcessEnv = process.env): FaultPlan | undefined {
    const path = env['SAGA_FAULT_PLAN'];
    if (!path) return undefined;
    return new FaultPlan(FaultPlanFile.parse(JSON.parse(readFileSync(path, 'utf8'))), db);
  }

  /** What to do with this delivery of a saga step's action or compensation. */
  async next(sagaId: string, step: string, phase: 'action' | 'compensation'): Promise<Fault> {
    const faults = this.#plan[sagaId]?.[step];
    if (!faults) return { kind: 'none' };
    const limits: [string, number | undefined][] =
      phase === 'compensation'
        ? [['failCompensation', faults.failCompensation]]
        : [['loseAction', faults.loseAction], ['failAction', faults.failAction], ['delayActionMs', faults.delayActionMs === undefined ? undefined : 1]];
    for (const [kind, limit] of limits) {
      if (!limit) continue;
      const seen = await this.#count(`${sagaId}:${step}:${kind}`);
      if (seen > limit) continue;
      if (kind === 'loseAction') return { kind: 'lose' };
      if (kind === 'delayActionMs') return { kind: 'delay', ms: faults.delayActionMs! };
      return { kind: 'fail' };
    }
    return { kind: 'none' };
  }

  async #count(key: string): Promise<number> {
    const counts = this.#db.collection<{ _id: string; n: number }>(FAULT_COUNTS);
    const after = await counts.findOneAndUpdate({ _id: key }, { $inc: { n: 1 } }, { upsert: true, returnDocument: 'after' });
    return after?.n ?? 1;
  }
}

/** The error a scripted transient fault throws: retryable, like a database that did not answer. */
export function injectedFault(step: string, phase: string): SagaError {
  return new SagaError('ERR_INJECTED_FAULT', `injected transient fault in the ${phase} of ${step}`);
}

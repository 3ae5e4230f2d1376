import { z } from 'zod';

/** The shape every business-failure reply shares, so the engine can record why a step failed. */
export const FailureReason = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/).describe('Machine-readable reason, e.g. INSUFFICIENT_STOCK.'),
  reason: z.string().max(500).describe('Human-readable reason. Never contains personal data.'),
  retryable: z.boolean().default(false).describe('True when the failure is transient and the step may be retried.'),
  kind: z
    .enum(['refused', 'transient', 'error'])
    .optional()
    .describe(
      'refused: a business rule said no and nothing was done; transient: try again later; error: the participant failed on this command (a bug or bad data) — the effect may or may not have been applied, and retrying will not help. Defaults from retryable: transient when true, refused when false.',
    ),
});
export type FailureReason = z.infer<typeof FailureReason>;

/** The shape every compensation-completed reply shares. */
export const CompensationOutcome = z.object({
  outcome: z
    .enum(['compensated', 'nothing-to-compensate'])
    .describe('nothing-to-compensate: the action never ran (or was refused); the compensation was recorded as a no-op.'),
});
export type CompensationOutcome = z.infer<typeof CompensationOutcome>;

/**
 * A compensation that could not be done now. Compensations must eventually succeed, so every such
 * failure is retried by the orchestrator; after its budget the saga is parked for an operator.
 */
export const CompensationFailure = FailureReason.meta({ id: 'CompensationFailure' });
export type CompensationFailure = z.infer<typeof CompensationFailure>;

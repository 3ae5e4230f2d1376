/**
 * Labelled crash points for fault-injection tests and the chaos run: `SAGA_CRASH_AT=<label>` makes
 * the process kill itself with SIGKILL (no cleanup, no flush: what `kill -9` does) the first time it
 * reaches that point. `SAGA_CRASH_AT=<label>@<n>` crashes on the n-th time instead. Unset, a crash
 * point is one string comparison.
 *
 * Labels in use (see where each is called):
 * - orchestrator:after-commit         saga written, outbox not yet published
 * - orchestrator:after-publish        outbox published, not yet cleared, message not acked
 * - orchestrator:before-ack           message handled, not yet acked
 * - participant:after-effect          effect and marker written, reply not yet published
 * - participant:after-reply           reply published and confirmed, command not yet acked
 */
const spec = parse(process.env['SAGA_CRASH_AT']);
let seen = 0;

function parse(value: string | undefined): { label: string; nth: number } | undefined {
  if (!value) return undefined;
  const [label, nth] = value.split('@');
  return { label: label ?? '', nth: nth ? Math.max(1, Number.parseInt(nth, 10) || 1) : 1 };
}

export function crashPoint(label: string): void {
  if (!spec || spec.label !== label) return;
  seen += 1;
  if (seen !== spec.nth) return;
  process.stderr.write(`crash point ${label}: SIGKILL\n`);
  process.kill(process.pid, 'SIGKILL');
}

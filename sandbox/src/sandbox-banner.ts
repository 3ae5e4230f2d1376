import { NOTHING_IS_DURABLE } from './start-sandbox.ts';

/** What the sandbox prints when it is ready: what it is, that it keeps nothing, and what to try. */
export function sandboxBanner(apiUrl: string): string {
  const rule = '='.repeat(100);
  return `${rule}
  SANDBOX — ${NOTHING_IS_DURABLE.toUpperCase()}
  One process, all in memory: the real orchestrator (engine, sweeper, HTTP API) and the four real
  participants, over an in-memory broker with the real topology and in-memory databases. No RabbitMQ,
  no MongoDB. Stop it and every saga, stock count and account is gone.

  API: ${apiUrl}   (open it in a browser: it lists what is there)
  Try, in another terminal:
    pnpm saga start examples/order.json            # completes
    pnpm saga start examples/order-declined.json   # payment declined: stock released, compensated
    pnpm saga start examples/order-parks.json      # parks: this customer's refunds fail 3 times
                                                   # (a fault planted in the sandbox only)
    pnpm saga watch <saga id>                      # waits until it completes, compensates or parks
    curl -s -XPOST ${apiUrl}/sagas/<saga id>/actions?wait=true -H 'content-type: application/json' \\
      -d '{"action":"resume-compensation","reason":"refunds work again","operator":"me"}'
  Retries and timeouts are shortened here (5 s per attempt, 3 tries, then a compensation parks).
  LOG_LEVEL=info shows every message.
${rule}
`;
}

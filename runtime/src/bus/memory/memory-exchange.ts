import type { BindingDeclaration, ExchangeDeclaration } from '../bus-topology.ts';

/** An exchange and its bindings: which queues a routing key reaches, as RabbitMQ routes it. */
export class MemoryExchange {
  readonly name: string;
  readonly type: ExchangeDeclaration['type'];
  readonly #bindings = new Map<string, BindingDeclaration>();

  constructor(declaration: ExchangeDeclaration) {
    this.name = declaration.name;
    this.type = declaration.type;
  }

  bind(binding: BindingDeclaration): void {
    this.#bindings.set(`${binding.queue}\u0000${binding.routingKey}`, binding);
  }

  unbindQueue(queue: string): void {
    for (const [key, binding] of this.#bindings) if (binding.queue === queue) this.#bindings.delete(key);
  }

  /** The queues `routingKey` reaches, each once, in binding order. */
  route(routingKey: string): string[] {
    const queues = new Set<string>();
    for (const { queue, routingKey: key } of this.#bindings.values()) {
      if (this.type === 'fanout' || (this.type === 'direct' ? key === routingKey : topicMatches(key, routingKey))) queues.add(queue);
    }
    return [...queues];
  }
}

/**
 * AMQP topic matching: words separated by ".", `*` matches exactly one word, `#` zero or more.
 */
export function topicMatches(pattern: string, routingKey: string): boolean {
  const match = (p: readonly string[], k: readonly string[]): boolean => {
    if (p.length === 0) return k.length === 0;
    const [head, ...rest] = p;
    if (head === '#') return match(rest, k) || (k.length > 0 && match(p, k.slice(1)));
    if (k.length === 0) return false;
    return (head === '*' || head === k[0]) && match(rest, k.slice(1));
  };
  return match(pattern.split('.'), routingKey.split('.'));
}

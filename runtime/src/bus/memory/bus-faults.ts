import { SagaError } from '../../errors.ts';
import { realScheduler, type Scheduler } from '../../scheduler.ts';
import type { MessageProperties } from '../message-bus.ts';
import type { StoredMessage } from './memory-queue.ts';

/** Which messages a fault applies to: every field given must match. */
export interface MessageSelector {
  exchange?: string;
  routingKey?: string;
  /** A queue the message is routed to (for a failed publish: any of them). */
  queue?: string;
  /** The `type` property (publishEnvelope sets the envelope's type, e.g. `ProcessPayment`). */
  type?: string;
  messageId?: string;
  /** Anything else, e.g. a saga id: `(m) => m.properties.correlationId === sagaId`. */
  where?(message: SelectedMessage): boolean;
}

export interface SelectedMessage {
  exchange: string;
  routingKey: string;
  /** The queue it is about to enter; undefined when a whole publish is judged (failPublish). */
  queue?: string;
  properties: MessageProperties & { userId?: string };
  body: Buffer;
}

export interface FaultOptions {
  /** How many messages the fault hits before it is spent. @default 1 */
  times?: number;
}

/** One installed fault: how often it has fired, and a way to take it back. */
export interface InjectedFault {
  readonly kind: FaultKind;
  readonly fired: number;
  readonly spent: boolean;
  remove(): void;
}

export type FaultKind = 'drop' | 'duplicate' | 'delay' | 'reorder' | 'fail-publish';

interface Rule extends InjectedFault {
  selector: MessageSelector;
  remaining: number;
  fire(): void;
  delayMs?: number;
  copies?: number;
  maxHoldMs?: number;
}

interface Held {
  message: StoredMessage;
  timer: unknown;
}

/**
 * Faults for users' tests of the memory bus, each hitting the next `times` messages a selector
 * matches: lose a message after its publish was confirmed (`drop`), deliver it twice (`duplicate`),
 * let it arrive later (`delay`, on the bus's scheduler — give it the test's ManualClock), let the
 * next message to its queue overtake it (`reorder`), or refuse the publish with ERR_PUBLISH_FAILED
 * (`failPublish`, nothing delivered). A message meets at most one fault per queue: the first installed
 * one that matches. Dead-lettering inside the broker is never faulted.
 */
export class BusFaults {
  readonly #rules: Rule[] = [];
  readonly #held = new Map<string, Held[]>();
  readonly #scheduler: Scheduler;

  constructor(scheduler: Scheduler = realScheduler) {
    this.#scheduler = scheduler;
  }

  drop(selector: MessageSelector, options: FaultOptions = {}): InjectedFault {
    return this.#add('drop', selector, options);
  }

  duplicate(selector: MessageSelector, options: FaultOptions & { copies?: number } = {}): InjectedFault {
    return this.#add('duplicate', selector, options, { copies: options.copies ?? 1 });
  }

  delay(selector: MessageSelector, ms: number, options: FaultOptions = {}): InjectedFault {
    return this.#add('delay', selector, options, { delayMs: ms });
  }

  /** Holds the message until the next message enters its queue, or `maxHoldMs` passes (default 1000). */
  reorder(selector: MessageSelector, options: FaultOptions & { maxHoldMs?: number } = {}): InjectedFault {
    return this.#add('reorder', selector, options, { maxHoldMs: options.maxHoldMs ?? 1000 });
  }

  failPublish(selector: MessageSelector, options: FaultOptions = {}): InjectedFault {
    return this.#add('fail-publish', selector, options);
  }

  /** Removes every fault; messages held for a reorder or a delay still arrive. */
  clear(): void {
    this.#rules.splice(0);
  }

  /** The broker asks before routing a publish: an error to reject it with, or undefined. */
  refusePublish(message: SelectedMessage, queues: readonly string[]): SagaError | undefined {
    const rule = this.#first(['fail-publish'], message, queues);
    if (!rule) return undefined;
    rule.fire();
    return new SagaError('ERR_PUBLISH_FAILED', `publish to ${message.exchange} was not confirmed: injected fault (failPublish)`);
  }

  /** The broker hands every message on its way into a queue through here. */
  enter(queue: string, message: StoredMessage, enqueue: (message: StoredMessage) => void): void {
    const selected: SelectedMessage = { ...message, queue };
    const rule = this.#first(['drop', 'duplicate', 'delay', 'reorder'], selected, [queue]);
    rule?.fire();
    switch (rule?.kind) {
      case 'drop':
        return;
      case 'delay':
        this.#scheduler.setTimeout(() => this.#arrive(queue, message, enqueue), rule.delayMs ?? 0);
        return;
      case 'reorder': {
        const held: Held = { message, timer: undefined };
        held.timer = this.#scheduler.setTimeout(() => this.#release(queue, held, enqueue), rule.maxHoldMs ?? 1000);
        this.#held.set(queue, [...(this.#held.get(queue) ?? []), held]);
        return;
      }
      case 'duplicate':
        this.#arrive(queue, message, enqueue);
        for (let i = 0; i < (rule.copies ?? 1); i += 1) enqueue({ ...message, body: Buffer.from(message.body), properties: structuredClone(message.properties) });
        return;
      default:
        this.#arrive(queue, message, enqueue);
    }
  }

  /** A message enters its queue; whatever a reorder held for that queue comes in right after it. */
  #arrive(queue: string, message: StoredMessage, enqueue: (message: StoredMessage) => void): void {
    enqueue(message);
    const held = this.#held.get(queue) ?? [];
    this.#held.delete(queue);
    for (const h of held) {
      this.#scheduler.clearTimeout(h.timer);
      enqueue(h.message);
    }
  }

  #release(queue: string, held: Held, enqueue: (message: StoredMessage) => void): void {
    const list = this.#held.get(queue) ?? [];
    if (!list.includes(held)) return;
    this.#held.set(queue, list.filter((h) => h !== held));
    enqueue(held.message);
  }

  #first(kinds: readonly FaultKind[], message: SelectedMessage, queues: readonly string[]): Rule | undefined {
    return this.#rules.find((r) => kinds.includes(r.kind) && r.remaining > 0 && matches(r.selector, message, queues));
  }

  #add(kind: FaultKind, selector: MessageSelector, options: FaultOptions, extra: Partial<Rule> = {}): InjectedFault {
    const times = options.times ?? 1;
    if (!(times >= 1)) throw new RangeError('times must be at least 1 (Infinity for every matching message)');
    const rules = this.#rules;
    const rule: Rule = {
      kind,
      selector,
      remaining: times,
      fired: 0,
      ...extra,
      get spent() {
        return this.remaining <= 0;
      },
      fire() {
        this.remaining -= 1;
        (this as { fired: number }).fired += 1;
        if (this.remaining <= 0) rules.splice(rules.indexOf(this), 1);
      },
      remove() {
        const index = rules.indexOf(this);
        if (index >= 0) rules.splice(index, 1);
      },
    };
    rules.push(rule);
    return rule;
  }
}

function matches(selector: MessageSelector, message: SelectedMessage, queues: readonly string[]): boolean {
  if (selector.exchange !== undefined && selector.exchange !== message.exchange) return false;
  if (selector.routingKey !== undefined && selector.routingKey !== message.routingKey) return false;
  if (selector.queue !== undefined && !queues.includes(selector.queue)) return false;
  if (selector.type !== undefined && selector.type !== message.properties.type) return false;
  if (selector.messageId !== undefined && selector.messageId !== message.properties.messageId) return false;
  return selector.where ? selector.where(message) : true;
}

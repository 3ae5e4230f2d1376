import type { z } from 'zod';
import type { AnyContract, MessageContract } from './define-message.ts';
import { frameworkMessages, type FrameworkMessages } from './framework-messages.ts';

const KEBAB = /^[a-z][a-z0-9-]{0,30}$/;
/** Parties that are not a participant: the orchestrator, and the framework's wildcards. */
const NOT_PARTICIPANTS = new Set(['orchestrator', 'client', 'participant', 'subscriber', 'operator']);

export interface SystemSpec<P extends string, M extends Record<string, AnyContract>> {
  /** Kebab-case name of the system, e.g. `order-fulfilment`: the title of its docs, the default namespace of its demos. */
  name: string;
  /** One line for people. @default name */
  title?: string;
  description?: string;
  /** The participants, by name (kebab-case): each gets a command queue and a broker user. */
  participants: readonly P[];
  /** One line per participant for people (docs, dashboards). */
  participantDescriptions?: Partial<Record<P, string>>;
  /** The system's own messages, by type; the framework's (StartSaga, …) are added to them. */
  messages: M;
}

/**
 * A team's system, described once: its participants and its messages. The topology, the broker
 * permissions, decoding, routing, the test harness and the AsyncAPI document are all derived from
 * it, and saga definitions and participants are typed by it.
 */
export interface System<P extends string = string, M extends Record<string, AnyContract> = Record<string, AnyContract>> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly participants: readonly P[];
  readonly participantDescriptions: Readonly<Record<string, string>>;
  /** Every service that connects to the broker: the orchestrator and each participant. */
  readonly services: readonly ('orchestrator' | P)[];
  /** Every message of the system by type, the framework's own included. */
  readonly messages: M & FrameworkMessages;
  /** The same, as a list, the framework's first. */
  readonly messageList: readonly AnyContract[];
  /** The contract of a type, or undefined for a type the system does not know. */
  message(type: string): AnyContract | undefined;
  /** The replies that answer a command, e.g. ReserveInventory → [InventoryReserved, InventoryReservationFailed]. */
  repliesTo(commandType: string): AnyContract[];
}

/** Any system, whatever its participants and messages. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySystem = System<string, any>;

/**
 * Describes a system and checks it, listing every problem at once: message keys must be their
 * types, commands go from the orchestrator to one of its participants, replies come back from that
 * participant and answer a command of the system, every command has a reply saying it succeeded.
 *
 * @example
 *   export const shop = defineSystem({ name: 'shop', participants: ['inventory'], messages: { ReserveInventory, InventoryReserved } });
 */
export function defineSystem<const P extends string, const M extends Record<string, AnyContract>>(spec: SystemSpec<P, M>): System<P, M> {
  const problems = systemProblems(spec);
  if (problems.length > 0) throw Object.assign(new Error(`system ${spec.name}: ${problems.join('; ')}`), { code: 'ERR_INVALID_SYSTEM', retryable: false });
  const messages = { ...frameworkMessages, ...spec.messages } as M & FrameworkMessages;
  const messageList: readonly AnyContract[] = Object.values(messages);
  const replies = new Map<string, AnyContract[]>();
  for (const contract of messageList) {
    if (contract.answers) replies.set(contract.answers, [...(replies.get(contract.answers) ?? []), contract]);
  }
  return {
    name: spec.name,
    title: spec.title ?? spec.name,
    description: spec.description ?? '',
    participants: spec.participants,
    participantDescriptions: { ...spec.participantDescriptions } as Record<string, string>,
    services: ['orchestrator', ...spec.participants],
    messages,
    messageList,
    message: (type) => (Object.hasOwn(messages, type) ? (messages as Record<string, AnyContract>)[type] : undefined),
    repliesTo: (commandType) => replies.get(commandType) ?? [],
  };
}

function systemProblems(spec: SystemSpec<string, Record<string, AnyContract>>): string[] {
  const problems: string[] = [];
  if (!KEBAB.test(spec.name)) problems.push(`name "${spec.name}" must be kebab-case, at most 31 characters`);
  const participants = new Set<string>(spec.participants);
  if (participants.size === 0) problems.push('a system needs at least one participant');
  if (participants.size !== spec.participants.length) problems.push('participants must be named once each');
  for (const p of spec.participants) {
    if (!KEBAB.test(p)) problems.push(`participant "${p}" must be kebab-case, at most 31 characters`);
    if (NOT_PARTICIPANTS.has(p)) problems.push(`"${p}" cannot be a participant's name`);
  }
  const all = { ...frameworkMessages, ...spec.messages } as Record<string, AnyContract>;
  for (const [key, contract] of Object.entries(spec.messages)) {
    const at = `message ${key}`;
    if (Object.hasOwn(frameworkMessages, key)) problems.push(`${at}: the framework already defines ${key}`);
    if (contract.type !== key) problems.push(`${at}: registered under another name than its type ${contract.type}`);
    if (contract.kind === 'command') {
      if (contract.from !== 'orchestrator') problems.push(`${at}: a command is sent by the orchestrator, not ${contract.from}`);
      if (!participants.has(contract.to)) problems.push(`${at}: sent to ${contract.to}, which is not a participant`);
      if (!Object.values(all).some((r) => r.answers === key && (r.outcome === 'succeeded' || r.outcome === 'compensated'))) {
        problems.push(`${at}: no reply says it succeeded (outcome succeeded or compensated)`);
      }
    }
    if (contract.kind === 'reply') {
      if (contract.to !== 'orchestrator') problems.push(`${at}: a reply goes to the orchestrator, not ${contract.to}`);
      const command = contract.answers ? all[contract.answers] : undefined;
      if (!command || command.kind !== 'command') problems.push(`${at}: answers ${contract.answers ?? 'nothing'}, which is not a command of the system`);
      else if (command.to !== contract.from) problems.push(`${at}: sent by ${contract.from}, but ${command.type} is handled by ${command.to}`);
      if (!contract.outcome) problems.push(`${at}: a reply needs an outcome`);
    }
  }
  return problems;
}

/** The messages of a system, the framework's included, by type. */
export type MessagesOf<S extends AnySystem> = S['messages'];
/** Every message type of a system. */
export type MessageTypeOf<S extends AnySystem> = keyof MessagesOf<S> & string;
export type ContractOf<S extends AnySystem, T extends MessageTypeOf<S>> = MessagesOf<S>[T];
/** What a message's payload is once decoded. */
export type PayloadOf<S extends AnySystem, T extends MessageTypeOf<S>> = z.output<ContractOf<S, T>['payload']>;
/** What a sender may give as a message's payload (before defaults apply). */
export type PayloadInputOf<S extends AnySystem, T extends MessageTypeOf<S>> = z.input<ContractOf<S, T>['payload']>;
/** A whole decoded message of one type. */
export type MessageOf<S extends AnySystem, T extends MessageTypeOf<S>> = z.output<ContractOf<S, T>['envelope']>;
/** Any decoded message of the system, discriminated by `type`. */
export type AnyMessageOf<S extends AnySystem> = { [T in MessageTypeOf<S>]: MessageOf<S, T> }[MessageTypeOf<S>];
export type ParticipantOf<S extends AnySystem> = S['participants'][number];
/** The commands participant P handles. */
export type CommandsOf<S extends AnySystem, P extends string> = {
  [T in MessageTypeOf<S>]: ContractOf<S, T> extends MessageContract<string, z.ZodType, 'command', string, P> ? T : never;
}[MessageTypeOf<S>];
/** The replies that answer command C. */
export type RepliesOf<S extends AnySystem, C extends string> = {
  [T in MessageTypeOf<S>]: ContractOf<S, T>['answers'] extends C ? T : never;
}[MessageTypeOf<S>];
/** Every reply type of the system. */
export type ReplyTypeOf<S extends AnySystem> = {
  [T in MessageTypeOf<S>]: ContractOf<S, T>['kind'] extends 'reply' ? T : never;
}[MessageTypeOf<S>];

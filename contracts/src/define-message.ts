import { z } from 'zod';
import { EnvelopeHeader } from './envelope.ts';

/** What a reply says about the command it answers. */
export type ReplyOutcome = 'succeeded' | 'failed' | 'compensated';

/** A command asks a service to do something; a reply says how it went; an event says what happened. */
export type MessageKind = 'command' | 'reply' | 'event';

/**
 * Who sends or receives a message: the orchestrator, a participant of the system (by name), or
 * one of the framework's wildcards — `client` is anyone outside the system (StartSaga),
 * `participant` any participant (the runtime's own replies, such as CommandExpired), `subscriber`
 * anyone listening to saga events.
 */
export type Party = string;

export interface MessageContractSpec<
  TType extends string,
  TPayload extends z.ZodType,
  TKind extends MessageKind = MessageKind,
  TFrom extends Party = Party,
  TTo extends Party = Party,
  TAnswers extends string | undefined = string | undefined,
> {
  type: TType;
  version: number;
  /** Versions a consumer still accepts; defaults to `[version]`. */
  acceptedVersions?: readonly number[];
  description: string;
  payload: TPayload;
  from: TFrom;
  to: TTo;
  kind: TKind;
  /** For replies: the command type answered and what the reply means. */
  answers?: TAnswers;
  outcome?: ReplyOutcome;
  /** StartSaga may omit the correlation id; every other message must carry it. */
  correlationRequired?: boolean;
  example: z.input<TPayload>;
}

export interface MessageContract<
  TType extends string = string,
  TPayload extends z.ZodType = z.ZodType,
  TKind extends MessageKind = MessageKind,
  TFrom extends Party = Party,
  TTo extends Party = Party,
  TAnswers extends string | undefined = string | undefined,
> extends Required<Omit<MessageContractSpec<TType, TPayload, TKind, TFrom, TTo, TAnswers>, 'answers' | 'outcome'>> {
  answers: TAnswers;
  outcome: ReplyOutcome | undefined;
  /** The whole wire message: envelope header plus this payload. */
  envelope: z.ZodType<EnvelopeHeader & { type: TType; payload: z.output<TPayload> }>;
}

/** A message contract whatever its types: how registries hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyContract = MessageContract<string, any, MessageKind, Party, Party, string | undefined>;

/**
 * One message: its zod payload, who sends it to whom, its kind, and for a reply the command it
 * answers and what it means. A value and a type of the same name, registered once in its system.
 *
 * @example
 *   export const ReserveInventory = z.object({ orderId: OrderId, items: z.array(OrderLine) });
 *   defineMessage({ type: 'ReserveInventory', version: 1, kind: 'command', from: 'orchestrator', to: 'inventory',
 *     payload: ReserveInventory, description: 'Reserve stock for an order.', example: { orderId: 'o-1', items: [] } });
 */
export function defineMessage<
  const TType extends string,
  TPayload extends z.ZodType,
  const TKind extends MessageKind,
  const TFrom extends Party,
  const TTo extends Party,
  const TAnswers extends string | undefined = undefined,
>(spec: MessageContractSpec<TType, TPayload, TKind, TFrom, TTo, TAnswers>): MessageContract<TType, TPayload, TKind, TFrom, TTo, TAnswers> {
  const correlationRequired = spec.correlationRequired ?? true;
  const header = correlationRequired
    ? EnvelopeHeader.extend({ correlationId: EnvelopeHeader.shape.correlationId.unwrap() })
    : EnvelopeHeader;
  const envelope = header.extend({
    type: z.literal(spec.type),
    schemaVersion: z.int(),
    payload: spec.payload,
  }) as unknown as MessageContract<TType, TPayload, TKind, TFrom, TTo, TAnswers>['envelope'];
  return {
    ...spec,
    acceptedVersions: spec.acceptedVersions ?? [spec.version],
    answers: spec.answers as TAnswers,
    outcome: spec.outcome,
    correlationRequired,
    envelope,
  };
}

import { z } from 'zod';
import { EnvelopeHeader } from './envelope.ts';

export const SERVICES = ['orchestrator', 'inventory', 'payment', 'shipping', 'notification'] as const;
export type Service = (typeof SERVICES)[number];
export type Participant = Exclude<Service, 'orchestrator'>;
export const PARTICIPANTS = SERVICES.filter((s): s is Participant => s !== 'orchestrator');

/** What a reply says about the command it answers. */
export type ReplyOutcome = 'succeeded' | 'failed' | 'compensated';

export type MessageKind = 'command' | 'reply';

export interface MessageContractSpec<
  TType extends string,
  TPayload extends z.ZodType,
  TKind extends MessageKind = MessageKind,
  TTo extends Service = Service,
  TAnswers extends string | undefined = string | undefined,
> {
  type: TType;
  version: number;
  /** Versions a consumer still accepts; defaults to `[version]`. */
  acceptedVersions?: readonly number[];
  description: string;
  payload: TPayload;
  /**
   * Who publishes it: `client` is anyone outside the system (StartSaga); `participant` is any
   * participant (the runtime's own replies, such as CommandExpired).
   */
  from: Service | 'client' | 'participant';
  /** Who consumes it. */
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
  TTo extends Service = Service,
  TAnswers extends string | undefined = string | undefined,
> extends Required<Omit<MessageContractSpec<TType, TPayload, TKind, TTo, TAnswers>, 'answers' | 'outcome'>> {
  answers: TAnswers;
  outcome: ReplyOutcome | undefined;
  /** The whole wire message: envelope header plus this payload. */
  envelope: z.ZodType<EnvelopeHeader & { type: TType; payload: z.output<TPayload> }>;
}

export function defineMessage<
  TType extends string,
  TPayload extends z.ZodType,
  TKind extends MessageKind,
  TTo extends Service,
  TAnswers extends string | undefined = undefined,
>(spec: MessageContractSpec<TType, TPayload, TKind, TTo, TAnswers>): MessageContract<TType, TPayload, TKind, TTo, TAnswers> {
  const correlationRequired = spec.correlationRequired ?? true;
  const header = correlationRequired
    ? EnvelopeHeader.extend({ correlationId: EnvelopeHeader.shape.correlationId.unwrap() })
    : EnvelopeHeader;
  const envelope = header.extend({
    type: z.literal(spec.type),
    schemaVersion: z.int(),
    payload: spec.payload,
  }) as unknown as MessageContract<TType, TPayload, TKind, TTo, TAnswers>['envelope'];
  return {
    ...spec,
    acceptedVersions: spec.acceptedVersions ?? [spec.version],
    answers: spec.answers as TAnswers,
    outcome: spec.outcome,
    correlationRequired,
    envelope,
  };
}

import { isMessageType, messages, serviceUsername, SERVICES, type Service } from '@saga/contracts';

/** The broker user each service publishes as. A consumer with one refuses forged senders. */
export type SenderMap = ReadonlyMap<Service, string>;

export interface SenderProblem {
  code: 'ERR_WRONG_SENDER';
  reason: string;
}

/**
 * Who may have sent a message of this type, checked against the `userId` the broker vouches for
 * (RabbitMQ refuses a publish whose user-id is not the connection's user). The registry names the
 * sender of every type; `client` means anyone outside the system (StartSaga), so it is not checked.
 * A type or sender service the map does not know fails closed.
 */
export function checkSender(type: string, userId: unknown, senders: SenderMap): SenderProblem | undefined {
  if (!isMessageType(type)) return { code: 'ERR_WRONG_SENDER', reason: `${type} has no known sender` };
  const from = messages[type].from;
  if (from === 'client') return undefined;
  if (from === 'participant') {
    const participants = [...senders].filter(([service]) => service !== 'orchestrator').map(([, user]) => user);
    if (typeof userId === 'string' && participants.includes(userId)) return undefined;
    return { code: 'ERR_WRONG_SENDER', reason: `${type} must be sent by a participant; it came with ${typeof userId === 'string' && userId !== '' ? `user-id ${userId}` : 'no user-id'}` };
  }
  const expected = senders.get(from);
  if (expected !== undefined && userId === expected) return undefined;
  const got = typeof userId === 'string' && userId !== '' ? `user-id ${userId}` : 'no user-id';
  return { code: 'ERR_WRONG_SENDER', reason: `${type} must be sent by ${from} (user ${expected ?? 'unknown'}); it came with ${got}` };
}

/** Every service's user under the `<namespace>-<service>` convention, with explicit overrides. */
export function conventionalSenders(namespace: string, overrides: ReadonlyMap<Service, string> = new Map()): SenderMap {
  return new Map(SERVICES.map((s) => [s, overrides.get(s) ?? serviceUsername(namespace, s)]));
}

/** Parses `inventory=u1,payment=u2`. Throws on an unknown service or a malformed entry. */
export function parseServiceUsers(text: string): Map<Service, string> {
  const users = new Map<Service, string>();
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const match = /^([a-z]+)=(\S+)$/.exec(entry);
    const service = match?.[1] as Service | undefined;
    if (!match || !service || !SERVICES.includes(service)) {
      throw new Error(`"${entry}" is not <service>=<user> with a service among ${SERVICES.join(', ')}`);
    }
    users.set(service, match[2]!);
  }
  return users;
}

import { serviceUsername, type AnyContract } from '@saga/contracts';

/** The broker user each service publishes as. A consumer with one refuses forged senders. */
export type SenderMap = ReadonlyMap<string, string>;

export interface SenderProblem {
  code: 'ERR_WRONG_SENDER';
  reason: string;
}

/**
 * Who may have sent a message of this type, checked against the `userId` the broker vouches for
 * (RabbitMQ refuses a publish whose user-id is not the connection's user). The system's contracts
 * name the sender of every type; `client` means anyone outside the system (StartSaga), so it is
 * not checked; `participant` means any participant. A type or sender the map does not know fails
 * closed.
 */
export function checkSender(type: string, userId: unknown, senders: SenderMap, message: (type: string) => AnyContract | undefined): SenderProblem | undefined {
  const contract = message(type);
  if (!contract) return { code: 'ERR_WRONG_SENDER', reason: `${type} has no known sender` };
  const from = contract.from;
  if (from === 'client') return undefined;
  const got = typeof userId === 'string' && userId !== '' ? `user-id ${userId}` : 'no user-id';
  if (from === 'participant') {
    const participants = [...senders].filter(([service]) => service !== 'orchestrator').map(([, user]) => user);
    if (typeof userId === 'string' && participants.includes(userId)) return undefined;
    return { code: 'ERR_WRONG_SENDER', reason: `${type} must be sent by a participant; it came with ${got}` };
  }
  const expected = senders.get(from);
  if (expected !== undefined && userId === expected) return undefined;
  return { code: 'ERR_WRONG_SENDER', reason: `${type} must be sent by ${from} (user ${expected ?? 'unknown'}); it came with ${got}` };
}

/** Every service's user under the `<namespace>-<service>` convention, with explicit overrides. */
export function conventionalSenders(namespace: string, services: readonly string[], overrides: ReadonlyMap<string, string> = new Map()): SenderMap {
  return new Map(services.map((s) => [s, overrides.get(s) ?? serviceUsername(namespace, s)]));
}

/** Parses `inventory=u1,payment=u2`. Throws on a malformed entry; the services are checked against the system later. */
export function parseServiceUsers(text: string): Map<string, string> {
  const users = new Map<string, string>();
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const match = /^([a-z][a-z0-9-]*)=(\S+)$/.exec(entry);
    if (!match) throw new Error(`"${entry}" is not <service>=<user>`);
    users.set(match[1]!, match[2]!);
  }
  return users;
}

/** The services a SERVICE_USERS map names that the system does not have: a typo, or the wrong system. */
export function unknownServices(users: ReadonlyMap<string, string>, services: readonly string[]): string[] {
  return [...users.keys()].filter((s) => !services.includes(s));
}

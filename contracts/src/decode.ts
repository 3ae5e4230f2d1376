import type { z } from 'zod';
import { EnvelopeHeader } from './envelope.ts';
import type { AnyContract } from './define-message.ts';
import type { WireMessage } from './wire-message.ts';

export type DecodeErrorCode =
  | 'ERR_MESSAGE_TOO_LARGE'
  | 'ERR_MALFORMED_JSON'
  | 'ERR_INVALID_ENVELOPE'
  | 'ERR_UNKNOWN_MESSAGE_TYPE'
  | 'ERR_UNSUPPORTED_SCHEMA_VERSION'
  | 'ERR_UNEXPECTED_MESSAGE_TYPE'
  | 'ERR_INVALID_PAYLOAD';

export interface DecodeError {
  code: DecodeErrorCode;
  /** Safe to log: names fields and rules, never values. */
  reason: string;
  type?: string;
  messageId?: string;
}

export type DecodeResult = { ok: true; message: WireMessage } | { ok: false; error: DecodeError };

export interface DecodeOptions {
  /** Bodies larger than this are refused before parsing. */
  maxBytes: number;
  /** Types this consumer handles; anything else is refused. */
  accept: ReadonlySet<string>;
  /** The contracts of the consumer's system, by type (System.message). */
  message(type: string): AnyContract | undefined;
}

/** Zod issues as text without the offending values (they may be personal data). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/**
 * Decodes one wire message, once, at the edge. Returns a typed message or a coded reason that
 * the caller dead-letters; it never throws.
 */
export function decodeMessage(body: Uint8Array, options: DecodeOptions): DecodeResult {
  const fail = (code: DecodeErrorCode, reason: string, extra: Partial<DecodeError> = {}): DecodeResult => ({
    ok: false,
    error: { code, reason, ...extra },
  });
  if (body.byteLength > options.maxBytes) {
    return fail('ERR_MESSAGE_TOO_LARGE', `body is ${body.byteLength} bytes; the limit is ${options.maxBytes}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return fail('ERR_MALFORMED_JSON', 'body is not UTF-8 JSON');
  }
  const header = EnvelopeHeader.safeParse(json);
  if (!header.success) return fail('ERR_INVALID_ENVELOPE', describeIssues(header.error));
  const { type, schemaVersion, messageId } = header.data;
  const contract = options.message(type);
  if (!contract) return fail('ERR_UNKNOWN_MESSAGE_TYPE', `unknown message type "${type.slice(0, 100)}"`, { messageId });
  if (!options.accept.has(type)) return fail('ERR_UNEXPECTED_MESSAGE_TYPE', `${type} is not handled here`, { type, messageId });
  if (!contract.acceptedVersions.includes(schemaVersion)) {
    return fail(
      'ERR_UNSUPPORTED_SCHEMA_VERSION',
      `${type} schema version ${schemaVersion} is not supported (accepted: ${contract.acceptedVersions.join(', ')})`,
      { type, messageId },
    );
  }
  const full = contract.envelope.safeParse(json);
  if (!full.success) return fail('ERR_INVALID_PAYLOAD', describeIssues(full.error), { type, messageId });
  return { ok: true, message: full.data as WireMessage };
}

import { describe, expect, it } from 'vitest';
import { decodeMessage } from './decode.ts';
import { messageList } from './registry.ts';

const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const options = { maxBytes: 4096, accept: new Set(['StartSaga', 'PaymentProcessed']) };
const envelope = (overrides: Record<string, unknown> = {}) => ({
  messageId: 'm-1',
  type: 'StartSaga',
  schemaVersion: 1,
  occurredAt: '2026-11-21T10:00:00.000Z',
  payload: { sagaType: 'order-fulfilment', input: {} },
  ...overrides,
});

describe('decodeMessage', () => {
  it('returns a typed message for a valid envelope', () => {
    const result = decodeMessage(encode(envelope()), options);
    expect(result.ok && result.message.type).toBe('StartSaga');
  });

  it.each([
    ['a body over the size limit', encode('x'.repeat(5000)), 'ERR_MESSAGE_TOO_LARGE'],
    ['bad JSON', encode('{"messageId":'), 'ERR_MALFORMED_JSON'],
    ['bytes that are not UTF-8', new Uint8Array([0xff, 0xfe, 0x7b]), 'ERR_MALFORMED_JSON'],
    ['an envelope without a messageId', encode(envelope({ messageId: undefined })), 'ERR_INVALID_ENVELOPE'],
    ['an unknown message type', encode(envelope({ type: 'LaunchRocket' })), 'ERR_UNKNOWN_MESSAGE_TYPE'],
    ['a type this consumer does not handle', encode(envelope({ type: 'ReserveInventory' })), 'ERR_UNEXPECTED_MESSAGE_TYPE'],
    ['a schema version nobody supports', encode(envelope({ schemaVersion: 99 })), 'ERR_UNSUPPORTED_SCHEMA_VERSION'],
    ['a payload that breaks the schema', encode(envelope({ payload: { sagaType: 'BAD TYPE', input: {} } })), 'ERR_INVALID_PAYLOAD'],
    ['a reply without its correlation id', encode(envelope({ type: 'PaymentProcessed', payload: { paymentId: 'p', amount: { cents: 1, currency: 'EUR' } } })), 'ERR_INVALID_PAYLOAD'],
  ])('refuses %s with a coded reason', (_label, body, code) => {
    const result = decodeMessage(body, options);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe(code);
    expect(!result.ok && result.error.reason.length).toBeGreaterThan(0);
  });

  it('never puts payload values into the reason', () => {
    const result = decodeMessage(encode(envelope({ payload: { sagaType: 'secret@example.com', input: {} } })), options);
    expect(!result.ok && result.error.reason).not.toContain('secret@example.com');
  });
});

describe('the message registry', () => {
  it.each(messageList.map((m) => [m.type, m] as const))('%s has an example that satisfies its own schema', (_type, contract) => {
    expect(contract.payload.safeParse(contract.example).success).toBe(true);
  });

  it('pairs every command with a reply that answers it', () => {
    const commands = messageList.filter((m) => m.kind === 'command' && m.to !== 'orchestrator');
    for (const command of commands) expect(messageList.some((r) => r.answers === command.type)).toBe(true);
  });
});

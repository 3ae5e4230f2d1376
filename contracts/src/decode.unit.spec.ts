import { describe, expect, it } from 'vitest';
import { shop } from '../test/shop-system.ts';
import { decodeMessage } from './decode.ts';

const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const options = { maxBytes: 4096, accept: new Set(['StartSaga', 'Charged']), message: shop.message };
const envelope = (overrides: Record<string, unknown> = {}) => ({
  messageId: 'm-1',
  type: 'StartSaga',
  schemaVersion: 1,
  occurredAt: '2026-11-21T10:00:00.000Z',
  payload: { sagaType: 'checkout', input: {} },
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
    ['a type the system does not know', encode(envelope({ type: 'LaunchRocket' })), 'ERR_UNKNOWN_MESSAGE_TYPE'],
    ['a type this consumer does not handle', encode(envelope({ type: 'Reserve' })), 'ERR_UNEXPECTED_MESSAGE_TYPE'],
    ['a schema version nobody supports', encode(envelope({ schemaVersion: 99 })), 'ERR_UNSUPPORTED_SCHEMA_VERSION'],
    ['a payload that breaks the schema', encode(envelope({ payload: { sagaType: 'BAD TYPE', input: {} } })), 'ERR_INVALID_PAYLOAD'],
    ['a reply without its correlation id', encode(envelope({ type: 'Charged', payload: { receipt: 'c-1' } })), 'ERR_INVALID_PAYLOAD'],
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

  it('knows only the types of the system it decodes for', () => {
    expect(decodeMessage(encode(envelope({ type: 'ReserveInventory' })), options)).toMatchObject({ ok: false, error: { code: 'ERR_UNKNOWN_MESSAGE_TYPE' } });
  });
});

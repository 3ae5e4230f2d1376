import { at, committedDocument, objectAt, schemaValidator } from '@saga/asyncapi/testing';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_PATH } from './order-document.ts';

const document = committedDocument(DOCUMENT_PATH);
const validator = schemaValidator(document);

// Every example is checked in asyncapi-checks.unit.spec.ts; these are the order system's own.
describe('the examples of the order AsyncAPI document', () => {
  it('start an order-fulfilment saga whose input is an OrderFulfilmentInput', () => {
    const payload = objectAt(document, 'components', 'messages', 'StartSaga', 'examples', 0, 'payload', 'payload');
    expect(payload['sagaType']).toBe('order-fulfilment');
    expect(validator({ $ref: '#/components/schemas/OrderFulfilmentInput' })(payload['input'])).toBe(true);
  });

  it('would catch an example that does not match: a ReserveInventory without its orderId fails', () => {
    const example = objectAt(document, 'components', 'messages', 'ReserveInventory', 'examples', 0, 'payload');
    const { orderId: _dropped, ...payload } = objectAt(example, 'payload');
    expect(validator(at(document, 'components', 'messages', 'ReserveInventory', 'payload'))({ ...example, payload })).toBe(false);
  });
});

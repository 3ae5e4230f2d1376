import { describe, expect, it } from 'vitest';
import { SagaError, errorSummary, isRetryable } from './errors.ts';

describe('which errors are retried', () => {
  it('treats programmer errors as not retryable: they fail the same way every time', () => {
    for (const error of [new TypeError('x is undefined'), new RangeError('bad index'), new SyntaxError('bad json'), new ReferenceError('y')]) {
      expect(isRetryable(error)).toBe(false);
    }
  });

  it('treats a document too large and other permanent database errors as not retryable', () => {
    expect(isRetryable(Object.assign(new Error('object to insert too large'), { name: 'MongoServerError', code: 10334 }))).toBe(false);
    expect(isRetryable(Object.assign(new Error('document is larger than the maximum size'), { name: 'BSONError' }))).toBe(false);
  });

  it('retries what may pass: a dropped connection, a timeout, an unknown error', () => {
    expect(isRetryable(Object.assign(new Error('connection reset'), { name: 'MongoNetworkError' }))).toBe(true);
    expect(isRetryable(Object.assign(new Error('waiting for replication timed out'), { name: 'MongoWriteConcernError', code: 64 }))).toBe(true);
    expect(isRetryable(new Error('something odd'))).toBe(true);
  });

  it('lets an error of our family say so itself', () => {
    expect(isRetryable(new SagaError('ERR_PUBLISH_FAILED', 'x'))).toBe(true);
    expect(isRetryable(new SagaError('ERR_INVALID_REPLY', 'x'))).toBe(false);
  });
});

describe('errorSummary', () => {
  it('names a JavaScript error by its kind, so a park reason says it was a TypeError', () => {
    expect(errorSummary(new TypeError("Cannot read properties of undefined (reading 'cents')"))).toEqual({ code: 'ERR_UNEXPECTED', message: "TypeError: Cannot read properties of undefined (reading 'cents')" });
  });

  it('keeps our codes and turns a database error number into a code', () => {
    expect(errorSummary(new SagaError('ERR_INCONSISTENT_DATA', 'shipment without its marker'))).toEqual({ code: 'ERR_INCONSISTENT_DATA', message: 'shipment without its marker' });
    expect(errorSummary(Object.assign(new Error('too large'), { name: 'MongoServerError', code: 10334 }))).toEqual({ code: 'ERR_MONGO_10334', message: 'MongoServerError: too large' });
  });
});

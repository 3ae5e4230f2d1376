/**
 * The error family. Every error the system raises on purpose carries a string `code` and a
 * `retryable` bit; callers branch on `code` (see `hasCode`), never on `instanceof`, because errors
 * cross package and realm boundaries. Unknown errors are treated as retryable.
 */
export const ERROR_CODES = {
  ERR_INVALID_MESSAGE: { retryable: false, meaning: 'A message failed decoding or validation.' },
  ERR_UNKNOWN_SAGA_TYPE: { retryable: false, meaning: 'StartSaga named a saga type that no definition has.' },
  ERR_INVALID_SAGA_INPUT: { retryable: false, meaning: 'StartSaga input does not match the saga definition\'s input schema.' },
  ERR_INVALID_DEFINITION: { retryable: false, meaning: 'A saga definition breaks a rule checked at load time.' },
  ERR_CONCURRENCY_CONFLICT: { retryable: true, meaning: 'The saga document changed since it was read (version check).' },
  ERR_SAGA_NOT_FOUND: { retryable: false, meaning: 'A reply names a saga that does not exist.' },
  ERR_BROKER_UNAVAILABLE: { retryable: false, meaning: 'No usable broker connection (with its topology) at start-up; the service exits.' },
  ERR_PUBLISH_FAILED: { retryable: true, meaning: 'The broker did not confirm a publish; the outbox re-sends it.' },
  ERR_INVALID_CONFIG: { retryable: false, meaning: 'Environment configuration is invalid.' },
  ERR_INCONSISTENT_DATA: { retryable: false, meaning: 'A participant found its data in a state it never writes; the command is dead-lettered for an operator.' },
  ERR_MESSAGE_TOO_LARGE: { retryable: false, meaning: 'A message is larger than MAX_MESSAGE_BYTES: refused when received, and never published.' },
  ERR_INJECTED_FAULT: { retryable: true, meaning: 'A transient fault injected by a fault plan (chaos runs and tests only).' },
  ERR_INVALID_REPLY: { retryable: false, meaning: 'A handler returned a reply that breaks the contracts (a bug); the command is dead-lettered.' },
  ERR_WRONG_SENDER: { retryable: false, meaning: 'A message was published by a broker user other than the service its contract names as sender; it is dead-lettered.' },
  ERR_TOPOLOGY_MISSING: { retryable: false, meaning: 'In verify mode an exchange or queue the service needs does not exist; someone with configure permission must declare it.' },
  ERR_DEFINITION_MISSING: { retryable: false, meaning: 'Sagas still run on a saga definition version this orchestrator does not deploy; it refuses to start.' },
  ERR_HANDLER_FAILED: { retryable: false, meaning: 'A participant handler failed with an error that is not transient (a bug or bad data); the step fails with it.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class SagaError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SagaError';
    this.code = code;
    this.retryable = ERROR_CODES[code].retryable;
    this.details = details;
  }
}

export function hasCode(error: unknown, code: ErrorCode): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/**
 * JavaScript's own errors are programmer errors: a TypeError, RangeError or SyntaxError fails the
 * same way on every retry, so retrying it only holds a prefetch slot for minutes.
 */
const PROGRAMMER_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'URIError']);

/**
 * MongoDB server errors that no retry fixes: a document over the size limit, a bad value or
 * update, a validation failure. Everything else from the database (network, elections, timeouts,
 * write-concern failures) is transient.
 */
const PERMANENT_MONGO_CODES = new Set([2, 9, 10334, 14, 17419, 121, 52, 40, 66]);

/**
 * Whether an error is worth retrying. An error of our family says so itself; programmer errors and
 * permanent database errors are not; anything else — a dropped connection, a timeout — is.
 */
export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return true;
  const { retryable, name, code } = error as { retryable?: unknown; name?: unknown; code?: unknown };
  if (typeof retryable === 'boolean') return retryable;
  if (typeof name === 'string' && PROGRAMMER_ERRORS.has(name)) return false;
  if (typeof name === 'string' && name === 'BSONError') return false;
  if (typeof code === 'number' && typeof name === 'string' && name.startsWith('Mongo') && PERMANENT_MONGO_CODES.has(code)) return false;
  return true;
}

/**
 * A safe one-line description of any thrown value, for logs, failure replies and park reasons: our
 * code when the error has one, `ERR_MONGO_<n>` for a database error, else ERR_UNEXPECTED — and the
 * message with the error's name, so a TypeError says it is one.
 */
export function errorSummary(error: unknown): { code: string; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const named = error.name && error.name !== 'Error' && error.name !== 'SagaError' ? `${error.name}: ${error.message}` : error.message;
    if (typeof code === 'string') return { code, message: named.slice(0, 300) };
    if (typeof code === 'number') return { code: `ERR_MONGO_${code}`, message: named.slice(0, 300) };
    return { code: 'ERR_UNEXPECTED', message: named.slice(0, 300) };
  }
  return { code: 'ERR_UNEXPECTED', message: String(error).slice(0, 300) };
}

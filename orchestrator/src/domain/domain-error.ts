/** Errors the pure domain raises. Same shape as the runtime's error family: a code and a retry bit. */
export type DomainErrorCode = 'ERR_INVALID_DEFINITION' | 'ERR_INVALID_COMMAND_PAYLOAD' | 'ERR_UNKNOWN_SAGA_TYPE';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly retryable = false;
  /** The saga step concerned, when there is one. */
  readonly step: string | undefined;

  constructor(code: DomainErrorCode, message: string, step?: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.step = step;
  }
}

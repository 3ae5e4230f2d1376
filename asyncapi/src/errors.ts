/**
 * The generator's own errors: a tool's, so not part of the services' error family in
 * @saga/runtime, but shaped like it (a string `code`, `retryable: false`) so that callers branch on
 * the code. None is worth retrying: each needs a change to the command line, the system module or
 * the published snapshots.
 *
 * | Code | Meaning | How to fix |
 * | --- | --- | --- |
 * | ERR_ASYNCAPI_USAGE | The command line is wrong. | Follow the usage text printed with it. |
 * | ERR_ASYNCAPI_SYSTEM_MODULE | The `--system` module does not export `system` and `sagas`. | Export them (see cli.ts). |
 * | ERR_ASYNCAPI_UNROUTABLE | A message has no route in the topology (an event: there is no events exchange yet). | Make it a command or reply, or leave it out of the system. |
 * | ERR_ASYNCAPI_PUBLISHED | A published snapshot would be overwritten with other schemas. | Raise the document version, then publish. |
 */
export type AsyncApiErrorCode = 'ERR_ASYNCAPI_USAGE' | 'ERR_ASYNCAPI_SYSTEM_MODULE' | 'ERR_ASYNCAPI_UNROUTABLE' | 'ERR_ASYNCAPI_PUBLISHED';

export class AsyncApiError extends Error {
  readonly code: AsyncApiErrorCode;
  readonly retryable = false;

  constructor(code: AsyncApiErrorCode, message: string) {
    super(message);
    this.name = 'AsyncApiError';
    this.code = code;
  }
}

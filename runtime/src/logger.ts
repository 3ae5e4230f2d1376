import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/** Keys whose values are personal data, or may contain it (bodies, payloads, saga input). */
export const REDACT_KEYS = [
  'email',
  'customer',
  'customerId',
  'address',
  'shippingAddress',
  'line1',
  'postalCode',
  'card',
  'payload',
  'input',
  'body',
  'content',
];

/** How deep below a log call's fields a redacted key is still found: `{ saga: { input: { email } } }` is depth 2. */
const REDACT_DEPTH = 3;

/**
 * Personal data never reaches the logs. Bodies are not logged at all; these static paths are the
 * safety net for structured fields that carry parts of a payload: every key above, at the top and
 * up to REDACT_DEPTH objects down (`email`, `*.email`, `*.*.email`, …).
 */
export const REDACT_PATHS = REDACT_KEYS.flatMap((key) => Array.from({ length: REDACT_DEPTH + 1 }, (_, depth) => [...Array<string>(depth).fill('*'), key].join('.')));

export interface LoggerOptions {
  /** Service name, on every line. */
  name: string;
  /** @default 'info' */
  level?: string;
  /** @default stdout */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: options.name },
    },
    options.destination,
  );
}

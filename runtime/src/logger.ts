import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Personal data never reaches the logs. Bodies are not logged at all; these static paths are the
 * safety net for structured fields that carry parts of a payload.
 */
export const REDACT_PATHS = [
  'email',
  '*.email',
  'address',
  '*.address',
  'shippingAddress',
  '*.shippingAddress',
  'customerId',
  '*.customerId',
  'payload',
  '*.payload',
  'input',
  '*.input',
  'card',
  '*.card',
];

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

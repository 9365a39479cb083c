import pino, { type Logger } from 'pino';

/**
 * Paths pino blanks in every log line of every service, should any code ever log them: credentials,
 * the emergency justification, GraphQL variables (they hold personal values), and what
 * database errors carry of the values they were given (`detail`, typeorm's `parameters`).
 */
export const REDACTED_PATHS = [
  'authorization',
  'token',
  'assertion',
  'justification',
  'variables',
  'headers',
  'body',
  'parameters',
  'detail',
  '*.authorization',
  '*.token',
  '*.assertion',
  '*.justification',
  '*.variables',
  '*.headers',
  '*.body',
  '*.parameters',
  '*.detail',
  'req.headers',
  'err.driverError.detail',
  'err.driverError.parameters',
  'err.parameters',
];

/** Structured JSON logs on stdout; `LOG_LEVEL` sets the level. Never log a personal value. */
export function createLogger(service: string): Logger {
  return pino({
    name: service,
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  });
}

export type { Logger };

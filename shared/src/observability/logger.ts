import pino, { type Logger } from 'pino';

/** Structured JSON logs on stdout; `LOG_LEVEL` sets the level. Never log a personal value. */
export function createLogger(service: string): Logger {
  return pino({ name: service, level: process.env.LOG_LEVEL ?? 'info', base: { service } });
}

export type { Logger };

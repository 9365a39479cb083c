import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { nodeArguments } from '../process/node-arguments';

export interface ServiceProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** The demo caseload this service loaded before it listened (none when its database held data already). */
  demoSeeded?: { victims: number; ms: number };
  stop: () => Promise<void>;
}

/** A log line from a service: pino JSON where possible, the raw text otherwise. */
export interface ServiceLogLine {
  service: string;
  level: string;
  message: string;
  raw: string;
}

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

const parse = (service: string, raw: string): ServiceLogLine & { json?: Record<string, unknown> } => {
  try {
    const json = JSON.parse(raw) as Record<string, unknown>;
    return { service, level: LEVELS[Number(json.level)] ?? 'info', message: String(json.msg ?? ''), raw, json };
  } catch {
    return { service, level: 'info', message: raw, raw };
  }
};

/**
 * Starts one service as a child process running its entry — a service's compiled JavaScript
 * (`serviceEntry`), or a test helper's TypeScript through the loader (`nodeArguments`) — and resolves when it
 * logs `listening`. The child is tied to this process through an IPC channel: when the parent dies, so does it.
 */
export function startServiceProcess(options: {
  name: string;
  entry: string;
  env: Record<string, string>;
  onLog: (line: ServiceLogLine) => void;
  startTimeoutMs?: number;
}): Promise<ServiceProcess> {
  const child = spawn(process.execPath, nodeArguments(options.entry), {
    env: { ...process.env, ...options.env, HUB_EXIT_WITH_PARENT: '1' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    // A service drains first (requests in flight are answered and logged): SIGKILL only if it hangs.
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      void stop();
      reject(new Error(`${options.name} did not start within ${(options.startTimeoutMs ?? 180_000) / 1000} s`));
    }, options.startTimeoutMs ?? 180_000);
    const onLine = (raw: string) => options.onLog(parse(options.name, raw));
    // Readiness comes over the IPC channel, whatever the log level.
    child.on('message', (message: { type?: string; url?: string; port?: number; demoSeeded?: { victims: number; ms: number } }) => {
      if (message?.type === 'listening' && typeof message.port === 'number') {
        clearTimeout(timeout);
        const seeded = message.demoSeeded ? { demoSeeded: message.demoSeeded } : {};
        resolve({ name: options.name, port: message.port, url: String(message.url), child, ...seeded, stop });
      }
    });
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code, signal) => {
      clearTimeout(timeout);
      reject(new Error(`${options.name} exited during start (code ${code}, signal ${signal})`));
    });
  });
}

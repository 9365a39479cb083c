import { spawn, spawnSync } from 'node:child_process';
import { processCpuAvailable, processTreeCpuMs } from './process-cpu';

/** The benchmark's CPU times: a process's own, its live children's, and those of children it has reaped. */

/** A script that spins until it has used `ms` of CPU (by CPU time, not the clock: the machine may be busy). */
const busy = (ms: number) => `for (;;) { const u = process.cpuUsage(); if (u.user + u.system >= ${ms * 1000}) break; }`;

(processCpuAvailable() ? describe : describe.skip)('processTreeCpuMs', () => {
  test('counts a child that ran and was reaped between two readings', () => {
    const before = processTreeCpuMs(process.pid);
    const run = spawnSync(process.execPath, ['-e', busy(400)]);
    expect(run.status).toBe(0);
    expect(processTreeCpuMs(process.pid) - before).toBeGreaterThanOrEqual(380);
  });

  test('counts a live child, and keeps counting it once it has exited', async () => {
    const before = processTreeCpuMs(process.pid);
    const child = spawn(process.execPath, ['-e', `${busy(400)} console.log('done'); setTimeout(() => {}, 60000);`]);
    await new Promise((resolve) => child.stdout.once('data', resolve));
    const live = processTreeCpuMs(process.pid);
    child.kill();
    await new Promise((resolve) => child.once('exit', resolve));
    expect(live - before).toBeGreaterThanOrEqual(380);
    expect(processTreeCpuMs(process.pid)).toBeGreaterThanOrEqual(live);
  });

  test('is 0 for a process that does not exist', () => {
    expect(processTreeCpuMs(2 ** 22 + 1)).toBe(0);
  });
});

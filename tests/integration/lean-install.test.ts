/**
 * A production install, as an operator makes one on a fresh machine: the project's files
 * copied alone, `npm ci --omit=dev` (npm on the system's own Node, 20 on these machines), then
 * `npm start`: it brings its own Node 24, builds with only run-time dependencies, and serves.
 * Slow (an install and a build), so it runs once, in its own copy.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { freePort } from '../free-port';
import { tmpdir } from 'node:os';
import { join } from 'node:path';


describe('npm ci --omit=dev && npm start', () => {
  it('serves the portal with run-time dependencies only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tx-lean-'));
    // The files a clone has (tracked, or new and not ignored), without node_modules, dist or data.
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { encoding: 'utf8' }).split('\0').filter((f) => f && existsSync(f));
    execFileSync('tar', ['-cf', join(dir, 'src.tar'), '--null', '-T', '-'], { input: files.join('\0') });
    execFileSync('tar', ['-xf', 'src.tar'], { cwd: dir });
    // The system's npm, not the project's Node: what a newcomer runs. --prefer-offline uses the
    // packages this machine has already fetched.
    const env = { ...process.env, PATH: (process.env.PATH ?? '').split(':').filter((p) => !p.includes('node_modules')).join(':') };
    execFileSync('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, env, stdio: 'ignore', timeout: 240_000 });
    expect(existsSync(join(dir, 'node_modules/node/bin/node'))).toBe(true);
    for (const dev of ['vitest', 'typescript', 'playwright-core', 'lighthouse', 'fast-check']) expect(existsSync(join(dir, 'node_modules', dev)), dev).toBe(false);

    const port = await freePort();
    let out = '';
    const child = spawn('npm', ['start'], { cwd: dir, env: { ...env, PORT: String(port), METRICS_PORT: '0', ASTRO_TELEMETRY_DISABLED: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout!.on('data', (c) => (out += c));
    child.stderr!.on('data', (c) => (out += c));
    const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const deadline = Date.now() + 240_000;
      let status = 0;
      while (Date.now() < deadline && child.exitCode === null) {
        status = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.status, () => 0);
        if (status === 200) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(status, out.slice(-3000)).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/check/`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/api/eligibility`, { method: 'POST', body: '{"region":"jilin-city"}', headers: { 'content-type': 'application/json' } })).status).toBe(200);
      expect(out).not.toMatch(/Enabling sessions/);
    } finally {
      // npm, the primary and its workers: the whole process group drains and stops.
      process.kill(-child.pid!, 'SIGTERM');
    }
    await exit;
    // npm itself dies of the signal; the portal under it drains and says it has stopped.
    await new Promise((r) => setTimeout(r, 1000));
    expect(out).toContain('"msg":"stopped"');
  }, 600_000);
});

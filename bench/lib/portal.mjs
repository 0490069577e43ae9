/**
 * Starts the portal as `node scripts/start.mjs` (which builds first when sources are newer
 * than dist/) on a free port on 127.0.0.1, waits until it answers, and stops it again.
 */
import { spawn } from 'node:child_process';
import { progress } from './util.mjs';

/**
 * @param {string} cwd the project root
 * @param {number} port
 * @param {number} timeoutMs how long building + starting may take
 * @param {Record<string, string>} [env] more environment (the bench gives TX_SECRET)
 */
export async function startPortal(cwd, port, timeoutMs, env = {}) {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd,
    // METRICS_PORT=0: the primary's metrics port (default 9464) is off, so the bench never clashes
    // with a portal already running on this machine.
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_REQUESTS: '0', ASTRO_TELEMETRY_DISABLED: '1', METRICS_PORT: '0', SUBMIT_LIMIT_PER_HOUR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = [];
  const keep = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      if (/^Building \(/.test(line)) progress(`portal: ${line.trim()}`);
      tail.push(line);
      if (tail.length > 40) tail.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const r = await fetch(`${url}/sitemap-index.xml`, { signal: AbortSignal.timeout(2000) });
      await r.arrayBuffer();
      if (r.status === 200) {
        return {
          url,
          pid: child.pid,
          stop: () => stop(child),
        };
      }
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  stop(child);
  const why = exited ? `exited with ${exited.code ?? exited.signal}` : `did not answer within ${timeoutMs / 1000} s`;
  throw new Error(`the portal ${why}. Last output:\n${tail.join('\n')}`);
}

/** SIGTERM (the server closes and exits 0), SIGKILL after 3 s. */
function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

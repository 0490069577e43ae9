/**
 * A portal of a test's own: `server.mjs` on a free port with a fresh SQLite file, one worker, no
 * request log or metrics, and the settings a test needs (`over`: rate limits, say). Resolves when
 * /readyz answers; `stop` ends it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort } from './free-port';

export interface OwnPortal {
  base: string;
  /** The portal's TX_SECRET, for what a test seals as the portal would (a form's stamp). */
  secret: string;
  stop: () => void;
}

export async function ownPortal(over: Record<string, string> = {}): Promise<OwnPortal> {
  const port = await freePort();
  const secret = randomBytes(24).toString('hex');
  const child = spawn(process.execPath, ['server.mjs'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'tx-own-')),
      TX_SECRET: secret,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_REQUESTS: '0',
      METRICS_PORT: '0',
      WEB_CONCURRENCY: '1',
      ...over,
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = () => void child.kill('SIGTERM');
  for (let i = 0; i < 150; i++) {
    if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) return { base, secret, stop };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`the portal of the test's own did not start (exit code ${child.exitCode})`);
}

/**
 * The key that seals the self-check's cookie: `TX_SECRET` (at least 32 characters) when set,
 * otherwise 32 random bytes kept in DATA_DIR/check-session.key (mode 0600). The cluster
 * primary calls this before it starts any worker, so the file is made once and every worker
 * reads the same key (two workers racing to make it would seal with different keys, and a
 * visitor's next request, served by the other worker, would lose the answers).
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The raw 32-byte key for this environment, made (atomically) on first use. */
export function secretKey(env: Record<string, string | undefined> = process.env): Buffer {
  const fromEnv = env.TX_SECRET;
  if (fromEnv && fromEnv.length >= 32) return createHash('sha256').update(fromEnv).digest();
  const dir = env.DATA_DIR ?? './data';
  const file = join(dir, 'check-session.key');
  const stored = readKey(file);
  if (stored) return stored;
  mkdirSync(dir, { recursive: true });
  const key = randomBytes(32);
  // Written whole to a temporary file and renamed: a reader never sees half a key.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, key.toString('base64'), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  return key;
}

function readKey(file: string): Buffer | undefined {
  try {
    const stored = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    return stored.length === 32 ? stored : undefined;
  } catch {
    return undefined; // not made yet
  }
}

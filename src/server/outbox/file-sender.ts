/**
 * The development sender: each message becomes a file `<id>.json` in a spool directory, and a
 * line in `sent.log` there (the number masked), which `tail -f` shows as messages go out. Until a
 * gateway's adapter is written, this is where an SMS would have been handed over.
 *
 * A message is delivered at most once, whatever happens to the process: the file is written in
 * full under a temporary name, flushed, then linked to its final name, which the file system
 * refuses if the name exists. A message handed over again after a crash (the outbox claims it
 * again when its lease lapses) finds its file and is not delivered a second time.
 */
import { appendFileSync, closeSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { maskPhone } from '../../domain/applications/notices.ts';
import type { OutgoingMessage, Sender } from './outbox.ts';

const ID = /^[0-9a-f-]{36}$/;

export function fileSender(dir: string, options: { delayMs?: number } = {}): Sender {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const syncDir = () => {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  };
  return {
    name: 'file',
    async deliver(message: OutgoingMessage) {
      if (!ID.test(message.id)) throw new Error('a message id must be a UUID');
      const final = join(dir, `${message.id}.json`);
      const temporary = join(dir, `.${message.id}.${randomBytes(6).toString('hex')}.tmp`);
      const fd = openSync(temporary, 'wx', 0o600);
      try {
        writeSync(fd, `${JSON.stringify(message, null, 2)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      let delivered = true;
      try {
        linkSync(temporary, final);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        delivered = false; // handed over before: nothing more to do
      } finally {
        unlinkSync(temporary);
      }
      syncDir();
      if (delivered) appendFileSync(join(dir, 'sent.log'), `${new Date().toISOString()} ${message.id} ${message.channel} ${maskPhone(message.to)} ${message.kind} ${message.language}\n`);
      // A slow gateway, for trying the outbox's crash recovery: the message is out, the outbox not yet told.
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    },
  };
}

/**
 * Removes spooled messages older than `days` (they hold phone numbers), and temporary files a
 * killed sender left behind; `sent.log` holds masked numbers only and is kept.
 */
export function purgeSpool(dir: string, now: number, days: number): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.endsWith('.json') && !name.endsWith('.tmp')) continue;
    const path = join(dir, name);
    const age = now - statSync(path).mtimeMs;
    if (age > days * 24 * 60 * 60_000 || (name.endsWith('.tmp') && age > 60 * 60_000)) {
      unlinkSync(path);
      removed++;
    }
  }
  return removed;
}

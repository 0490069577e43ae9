/**
 * 通知发件箱 The notifications outbox (issue 13 point 7). A change to an application writes its
 * notices here in the change's own transaction (`enqueue`), so a notice exists exactly when the
 * change does. A sender, run by the cluster primary (server.mjs), then delivers them:
 *
 * - it claims due rows for a while (a lease; `FOR UPDATE SKIP LOCKED` on PostgreSQL, so two
 *   app servers never claim the same row), delivers each, and marks it sent;
 * - a failed delivery is tried again later, each wait twice the last (up to an hour), and after
 *   the last try the row is `failed`, which staff see on the case;
 * - a sender killed mid-delivery leaves its rows claimed; when the lease lapses they are claimed
 *   again and delivered again with the same message id. A `Sender` must therefore take its
 *   message id as an idempotency key (the file sender does; a gateway's adapter passes it as the
 *   gateway's own key), and then no notice is lost and none arrives twice.
 */
import type { Kysely, Transaction } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Language, Notice, NoticeKind, NoticeText } from '../../domain/applications/notices.ts';
import { engineOf } from '../db/database.ts';
import type { Database, OutboxTable } from '../db/schema.ts';

/** One message as a sender receives it: the words in the recipient's language. */
export interface OutgoingMessage {
  /** The idempotency key: the same id is the same message, however often it is handed over. */
  id: string;
  kind: NoticeKind;
  channel: 'sms';
  to: string;
  language: Language;
  sms: string;
  easyRead: string;
  email: { subject: string; body: string };
}

/** Delivers a message, or throws. Delivering an id already delivered must do nothing. */
export interface Sender {
  name: string;
  deliver(message: OutgoingMessage): Promise<void>;
}

export interface DeliveryPolicy {
  /** Rows claimed at a time. */
  batch: number;
  /** How long a claim holds: a delivery must finish within it. */
  leaseMs: number;
  /** Tries before a row is `failed`. */
  maxAttempts: number;
  /** The wait after the first failure; each later one doubles, up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_DELIVERY: DeliveryPolicy = { batch: 20, leaseMs: 60_000, maxAttempts: 8, backoffMs: 30_000, maxBackoffMs: 60 * 60_000 };

const iso = (ms: number) => new Date(ms).toISOString();

/** Writes the notices, one row per recipient, inside the transaction of the change they tell of. */
export async function enqueue(trx: Transaction<Database>, notices: readonly Notice[], now: number): Promise<void> {
  const rows = notices.flatMap((n) =>
    n.recipients.map(
      (r): OutboxTable => ({
        id: randomUUID(),
        application_id: n.applicationId,
        kind: n.kind,
        channel: r.channel,
        recipient: r.address,
        language: r.language,
        message: JSON.stringify(n.text),
        state: 'pending',
        attempts: 0,
        next_at: iso(now),
        claimed_until: null,
        last_error: null,
        sent_at: null,
        created_at: iso(now),
      }),
    ),
  );
  if (rows.length) await trx.insertInto('outbox').values(rows).execute();
}

/** The `notify` hook the applications feature takes (cases.ts `Notify`): this outbox, now. */
export const notifyNow = (trx: Transaction<Database>, notices: readonly Notice[]): Promise<void> => enqueue(trx, notices, Date.now());

/** The wait before try `attempt + 1`, after `attempt` tries failed. */
export const backoff = (attempt: number, policy: DeliveryPolicy): number => Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** Math.max(0, attempt - 1));

/** Claims the due rows (pending and due, or claimed by a sender whose lease lapsed) for this sender. */
async function claim(db: Kysely<Database>, now: number, policy: DeliveryPolicy): Promise<OutboxTable[]> {
  let pick = db
    .selectFrom('outbox')
    .select('id')
    .where((eb) => eb.or([eb.and([eb('state', '=', 'pending'), eb('next_at', '<=', iso(now))]), eb.and([eb('state', '=', 'sending'), eb('claimed_until', '<=', iso(now))])]))
    .orderBy('next_at')
    .limit(policy.batch);
  if (engineOf(db) === 'postgres') pick = pick.forUpdate().skipLocked();
  return db
    .updateTable('outbox')
    .set((eb) => ({ state: 'sending', claimed_until: iso(now + policy.leaseMs), attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', pick)
    .returningAll()
    .execute();
}

/** The message a row holds, in its recipient's language. */
function outgoing(row: OutboxTable): OutgoingMessage {
  const text = JSON.parse(row.message) as NoticeText;
  const language = row.language === 'en' ? 'en' : 'zh';
  return {
    id: row.id,
    kind: row.kind as NoticeKind,
    channel: 'sms',
    to: row.recipient,
    language,
    sms: text.sms[language],
    easyRead: text.easyRead[language],
    email: { subject: text.email.subject[language], body: text.email.body[language] },
  };
}

export interface Delivered {
  claimed: number;
  sent: number;
  /** Failed this time and due again later. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
}

/** Claims what is due and delivers it, one message after another. */
export async function deliverDue(db: Kysely<Database>, sender: Sender, now: () => number, policy: DeliveryPolicy = DEFAULT_DELIVERY): Promise<Delivered> {
  const rows = await claim(db, now(), policy);
  const done: Delivered = { claimed: rows.length, sent: 0, retrying: 0, failed: 0 };
  for (const row of rows) {
    try {
      await sender.deliver(outgoing(row));
      await db.updateTable('outbox').set({ state: 'sent', sent_at: iso(now()), claimed_until: null, last_error: null }).where('id', '=', row.id).where('state', '=', 'sending').execute();
      done.sent++;
    } catch (error) {
      const last = Number(row.attempts) >= policy.maxAttempts;
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 200);
      await db
        .updateTable('outbox')
        .set({ state: last ? 'failed' : 'pending', next_at: iso(now() + backoff(Number(row.attempts), policy)), claimed_until: null, last_error: reason })
        .where('id', '=', row.id)
        .where('state', '=', 'sending')
        .execute();
      if (last) done.failed++;
      else done.retrying++;
    }
  }
  return done;
}

/** A notice's delivery as staff see it on the case (the number masked by the page). */
export interface Delivery {
  kind: NoticeKind;
  channel: string;
  recipient: string;
  state: OutboxTable['state'];
  attempts: number;
  nextAt: string;
  sentAt: string | null;
  lastError: string | null;
  createdAt: string;
}

/** The notices of an application, oldest first. */
export async function deliveriesOf(db: Kysely<Database>, applicationId: string): Promise<Delivery[]> {
  const rows = await db
    .selectFrom('outbox')
    .select(['kind', 'channel', 'recipient', 'state', 'attempts', 'next_at', 'sent_at', 'last_error', 'created_at'])
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    kind: r.kind as NoticeKind,
    channel: r.channel,
    recipient: r.recipient,
    state: r.state,
    attempts: Number(r.attempts),
    nextAt: r.next_at,
    sentAt: r.sent_at,
    lastError: r.last_error,
    createdAt: r.created_at,
  }));
}

/** Removes delivered and failed notices older than `days` (their phone numbers with them). */
export async function purgeOutbox(db: Kysely<Database>, now: number, days: number): Promise<number> {
  const before = iso(now - days * 24 * 60 * 60_000);
  const result = await db.deleteFrom('outbox').where('state', 'in', ['sent', 'failed']).where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface SenderLoop {
  /** Stops after the delivery in hand; resolves when stopped. */
  stop(): Promise<void>;
}

/**
 * Delivers due notices until stopped: at once while there is work, then every `idleMs`. A
 * failure of the database is reported and tried again at the next turn.
 */
export function runSender(db: Kysely<Database>, sender: Sender, options: { idleMs: number; policy?: DeliveryPolicy; report?: (event: { delivered?: Delivered; error?: unknown }) => void }): SenderLoop {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      let busy = false;
      try {
        const delivered = await deliverDue(db, sender, Date.now, options.policy);
        busy = delivered.claimed > 0;
        if (busy) options.report?.({ delivered });
      } catch (error) {
        options.report?.({ error });
      }
      if (!busy && !stopped)
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, options.idleMs).unref();
        });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

/**
 * The sender's settings: `NOTIFY_SENDER` (`file`, the default, or `off`), `NOTIFY_DIR`,
 * `NOTIFY_LEASE_MS`, `NOTIFY_IDLE_MS` and `NOTIFY_RETENTION_DAYS`.
 */
export function readNotifyConfig(env: Record<string, string | undefined>): { sender: 'file' | 'off'; dir: string; idleMs: number; policy: DeliveryPolicy; retentionDays: number; delayMs: number } {
  const sender = env.NOTIFY_SENDER ?? 'file';
  if (sender !== 'file' && sender !== 'off') throw new Error(`NOTIFY_SENDER must be file or off (got ${sender})`);
  const whole = (name: string, fallback: number, min: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be a whole number, at least ${min} (got ${env[name]})`);
    return value;
  };
  return {
    sender,
    dir: env.NOTIFY_DIR ?? `${env.DATA_DIR ?? './data'}/notices`,
    idleMs: whole('NOTIFY_IDLE_MS', 2000, 100),
    policy: { ...DEFAULT_DELIVERY, leaseMs: whole('NOTIFY_LEASE_MS', DEFAULT_DELIVERY.leaseMs, 1000) },
    retentionDays: whole('NOTIFY_RETENTION_DAYS', 90, 1),
    delayMs: whole('NOTIFY_FILE_DELAY_MS', 0, 0),
  };
}

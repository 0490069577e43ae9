#!/usr/bin/env node
/**
 * The bare twin of `POST /api/applications` for the bench (issue 11 point 12): node:http, a
 * cluster of WEB_CONCURRENCY workers like the portal's, the same database (DATABASE_URL or
 * DATA_DIR, through the project's own src/server/db), and the same writes in one transaction
 * (the idempotency key claimed first, then the application, its first history step, two
 * consents and the key's response), with none of the portal's reading, checking, headers,
 * routing or rendering. What the portal costs beyond the writes is the difference.
 *
 * PORT, HOST as the portal. Run with the project's Node 24 (it imports .ts files).
 */
import cluster from 'node:cluster';
import http from 'node:http';
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';

const { openDatabase, readDatabaseConfig } = await import('../../src/server/db/database.ts');
const { migrateToLatest } = await import('../../src/server/db/migrate.ts');
const workers = Number(process.env.WEB_CONCURRENCY ?? 2);
const KEY = randomBytes(32);
const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
const code = (length) => [...randomBytes(length)].map((b) => ALPHABET[b % 30]).join('');
const keyed = (purpose, value) => createHmac('sha256', KEY).update(`${purpose}\0${value}`).digest('base64url');

if (cluster.isPrimary) {
  const db = openDatabase(readDatabaseConfig(process.env));
  await migrateToLatest(db);
  await db.destroy();
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.kill();
    process.exit(0);
  });
} else {
  const db = openDatabase(readDatabaseConfig(process.env));
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        const body = JSON.parse(text);
        const key = req.headers['idempotency-key'];
        const now = new Date().toISOString();
        const scope = 'POST /api/applications';
        await db.insertInto('idempotency_keys').values({ scope, key, body_hash: createHash('sha256').update(text).digest('base64url'), state: 'in-flight', response: null, created_at: now, updated_at: now }).execute();
        const reference = code(10);
        const accessCode = code(12);
        await db.transaction().execute(async (trx) => {
          const id = randomUUID();
          await trx
            .insertInto('applications')
            .values({
              id, reference, access_hash: keyed('access', accessCode), form: body.form, region: body.region, status: 'submitted', office: 'township',
              open_key: keyed('open', `${body.form}\0${body.applicant.idNumber}`), data: JSON.stringify(body), prescreen: '{}', created_at: now, updated_at: now,
            })
            .execute();
          await trx.insertInto('application_events').values({ application_id: id, seq: 1, status: 'submitted', office: 'township', actor: 'applicant', reason: null, at: now }).execute();
          await trx
            .insertInto('consents')
            .values(['sensitiveData', 'otherServices'].map((purpose) => ({ application_id: id, purpose, granted: purpose === 'sensitiveData' ? 1 : 0, version: 'bench', given_by: 'person', at: now })))
            .execute();
          await trx.updateTable('idempotency_keys').set({ state: 'done', response: JSON.stringify({ reference }), updated_at: now }).where('scope', '=', scope).where('key', '=', key).execute();
        });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ reference, accessCode, status: 'submitted' }));
      } catch (error) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error.message));
      }
    });
  });
  server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
}

/**
 * Section 12: the caseworkers' queue at scale (issue 13 point 12). For each engine (SQLite
 * always; PostgreSQL when DATABASE_URL names one, in a schema of its own), a portal of its own
 * (server.mjs over dist/, two workers) over a database holding 100,000 applications in two
 * regions, six forms and every status, a fifth of them assigned, and 100,000 audit rows (ten for
 * each of 10,000 applications) chained as the portal chains them. A township clerk of 吉林市 and
 * a supervisor of 吉林省 are signed in (sessions made in the database, as a sign-in makes them).
 * Measured, one request after another: the first page of the queue filtered by service and
 * status, the same by service only, a clerk's own cases, the unfiltered queue, a supervisor's
 * CSV export of one application's audit rows, and the supervisor's audit page before the first
 * full check of the chain (it walks all of it) and after (it checks the rows since). Seeding uses the portal's own modules (Node's type stripping).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { ownSchema, person, start } from './applications.mjs';
import { percentile } from './util.mjs';

export const GOALS = { queueP99Ms: 100 };
export const APPLICATIONS = 100_000;
const AUDITED = 10_000;
const ROWS_PER_CASE = 10;

const FORMS = ['two-subsidies', 'child-rehabilitation', 'student-aid', 'home-accessibility', 'autism-care-subsidy', 'other'];
const STATUSES = ['submitted', 'accepted', 'reviewed', 'approved', 'refused', 'withdrawn'];
const REGIONS = ['jilin-city', 'changsha-yuhua'];
/** The n-th reference, in the references' own alphabet (domain/applications/codes.ts), so the case routes read it. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
function referenceOf(n) {
  let out = '';
  for (let k = 0; k < 9; k++, n = Math.floor(n / ALPHABET.length)) out = ALPHABET[n % ALPHABET.length] + out;
  return `B${out}`;
}

export async function seed(root, databaseUrl, env, log) {
  const { openDatabase, readDatabaseConfig } = await import(join(root, 'src/server/db/database.ts'));
  const { addStaff } = await import(join(root, 'src/server/staff/accounts.ts'));
  const { startSession } = await import(join(root, 'src/server/staff/sessions.ts'));
  const { secretKey } = await import(join(root, 'src/server/http/secret-key.ts'));
  const { rowHash } = await import(join(root, 'src/server/audit/audit.ts'));
  const db = openDatabase(readDatabaseConfig({ ...env, DATABASE_URL: databaseUrl }));
  try {
    const now = Date.now();
    const staff = {};
    for (const [name, role, region] of [['clerk', 'townshipClerk', 'jilin-city'], ['supervisor', 'supervisor', 'jilin']]) {
      const added = await addStaff(db, { email: `${name}-${randomBytes(4).toString('hex')}@example.org`, name, role, region, password: `bench ${randomBytes(8).toString('hex')} passphrase` }, now);
      if (!added.ok) throw new Error(`addStaff: ${added.problem}`);
      staff[name] = added.member;
    }
    const t0 = Date.now();
    const references = [];
    for (let start = 0; start < APPLICATIONS; start += 500) {
      const rows = [];
      for (let i = start; i < Math.min(APPLICATIONS, start + 500); i++) {
        const at = new Date(now - (APPLICATIONS - i) * 60_000).toISOString();
        const reference = referenceOf(i);
        if (i < AUDITED) references.push(reference);
        const id = person(i, '220201');
        rows.push({
          id: randomUUID(),
          reference,
          access_hash: 'bench',
          form: FORMS[i % FORMS.length],
          region: REGIONS[i % REGIONS.length],
          status: STATUSES[Math.floor(i / 12) % STATUSES.length],
          office: 'township',
          open_key: null,
          data: JSON.stringify({ person: { name: '王建国', idNumber: id }, submitter: null, role: 'self', answers: {} }),
          prescreen: JSON.stringify({ asOf: at.slice(0, 10), results: [] }),
          created_at: at,
          updated_at: at,
          waiting: null,
          assignee: i % 5 === 0 ? staff.clerk.id : null,
        });
      }
      await db.insertInto('applications').values(rows).execute();
    }
    const seeded = Date.now() - t0;
    // The audit rows, chained as appendAudit chains them, in batches; then the head.
    const byReference = new Map();
    for (let i = 0; i < references.length; i += 1000) {
      for (const r of await db.selectFrom('applications').select(['id', 'reference']).where('reference', 'in', references.slice(i, i + 1000)).execute()) byReference.set(r.reference, r.id);
    }
    const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    let seq = Number(head.seq);
    let hash = head.hash;
    const a0 = Date.now();
    for (let round = 0; round < ROWS_PER_CASE; round++) {
      for (let i = 0; i < references.length; i += 500) {
        const rows = references.slice(i, i + 500).map((reference) => {
          seq += 1;
          const row = { seq, at: new Date(now - 3_600_000 + seq).toISOString(), actor: staff.clerk.id, role: 'townshipClerk', office: 'township', action: round === 0 ? 'view' : 'accept', application_id: byReference.get(reference), target: null, purpose: 'caseHandling', request_id: randomUUID() };
          const prev = hash;
          hash = rowHash(prev, row);
          return { ...row, prev_hash: prev, hash };
        });
        await db.insertInto('audit_log').values(rows).execute();
      }
    }
    await db.updateTable('audit_head').set({ seq, hash }).where('id', '=', 1).execute();
    const audited = Date.now() - a0;
    const key = secretKey(env);
    const cookies = {};
    for (const [name, member] of Object.entries(staff)) cookies[name] = `tx-staff=${(await startSession(db, key, member.id, 'signedIn', Date.now())).token}`;
    log(`queue: seeded ${APPLICATIONS.toLocaleString('en-US')} applications in ${(seeded / 1000).toFixed(1)} s and ${(seq - Number(head.seq)).toLocaleString('en-US')} audit rows in ${(audited / 1000).toFixed(1)} s`);
    return { cookies, reference: references[AUDITED / 2], seededMs: seeded, auditedMs: audited, auditRows: seq - Number(head.seq) };
  } finally {
    await db.destroy();
  }
}

/** The retention job's full check of the audit chain, timed. */
async function checkpoint(root, env) {
  const { openDatabase, readDatabaseConfig } = await import(join(root, 'src/server/db/database.ts'));
  const { checkpointAuditChain } = await import(join(root, 'src/server/audit/audit.ts'));
  const db = openDatabase(readDatabaseConfig(env));
  try {
    const t = performance.now();
    const check = await checkpointAuditChain(db, Date.now());
    if (!check.ok) throw new Error(`the seeded audit chain does not verify: ${JSON.stringify(check)}`);
    return performance.now() - t;
  } finally {
    await db.destroy();
  }
}

async function timed(url, cookie, rounds) {
  const times = [];
  const statuses = {};
  let bytes = 0;
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    // A kept-alive socket the server closed while the seeding ran (KEEP_ALIVE_TIMEOUT_MS) fails once: ask again.
    const ask = () => fetch(url, { headers: { cookie }, redirect: 'manual' });
    const res = await ask()
      .catch(ask)
      .catch((err) => {
        throw new Error(`${url}: ${err.cause?.message ?? err.message}`);
      });
    const body = await res.arrayBuffer();
    times.push(performance.now() - t);
    bytes = body.byteLength;
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  }
  times.sort((a, b) => a - b);
  return { rounds, p50: percentile(times, 50), p99: percentile(times, 99), statuses, bytes };
}

export async function measureQueue(root, { rounds = 200, log = () => {} } = {}) {
  const engines = [{ name: 'sqlite' }];
  const pgUrl = process.env.DATABASE_URL;
  if (pgUrl && /^postgres(ql)?:\/\//.test(pgUrl)) engines.push({ name: 'postgres', url: pgUrl });
  const out = { applications: APPLICATIONS, rounds, engines: {}, notes: [] };
  if (engines.length === 1) out.notes.push('PostgreSQL not measured: DATABASE_URL does not name one (.ci/run starts one; see TOOLCHAIN.md).');
  for (const engine of engines) {
    const schema = engine.name === 'postgres' ? await ownSchema(engine.url) : undefined;
    const dataDir = mkdtempSync(join(tmpdir(), 'tx-bench-queue-'));
    const env = { TX_SECRET: randomBytes(24).toString('hex'), DATA_DIR: dataDir, DATABASE_URL: schema ? schema.url : `file:${join(dataDir, 'tongxing.sqlite')}`, NOTIFY_SENDER: 'off' };
    log(`queue on ${engine.name}: starting the portal (migrations), then seeding…`);
    const server = await start(join(root, 'server.mjs'), env);
    try {
      const seeded = await seed(root, env.DATABASE_URL, env, log);
      const row = { seededMs: seeded.seededMs, auditedMs: seeded.auditedMs, auditRows: seeded.auditRows };
      for (const [label, path, who] of [
        ['filtered', '/staff/?form=two-subsidies&status=submitted', 'clerk'],
        ['byService', '/staff/?form=child-rehabilitation', 'clerk'],
        ['mine', '/staff/?assignee=me', 'clerk'],
        ['unfiltered', '/staff/', 'clerk'],
        ['auditExport', `/staff/audit/export?reference=${seeded.reference}`, 'supervisor'],
        ['auditPageFull', '/staff/audit/', 'supervisor'],
        ['auditPage', '/staff/audit/', 'supervisor'],
      ]) {
        if (label === 'auditPage') {
          // As the retention job does on its schedule: the whole chain checked once, its end recorded.
          log(`queue on ${engine.name}: the full chain check…`);
          row.checkpointMs = await checkpoint(root, env);
        }
        log(`queue on ${engine.name}: ${label}…`);
        const few = label === 'auditPageFull' ? 5 : label === 'auditExport' || label === 'auditPage' ? 50 : rounds;
        await timed(`${server.url}${path}`, seeded.cookies[who], Math.min(10, few)); // warm-up
        row[label] = { path, ...(await timed(`${server.url}${path}`, seeded.cookies[who], Math.min(rounds, few))) };
      }
      out.engines[engine.name] = row;
    } finally {
      await server.stop();
      await schema?.drop().catch(() => {});
    }
  }
  return out;
}

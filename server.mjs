/**
 * The production server. The primary (src/server/http/supervisor.ts) makes what the workers
 * share — the cookie key — once, then runs WEB_CONCURRENCY workers (default: the machine's
 * available parallelism), replaces one that dies, and drains on SIGTERM. Each worker serves
 * the built portal: a plain node:http server whose front door (src/server/http/front-door.ts)
 * answers what the adapter cannot take, sets the headers of every response, static or not, and
 * calls the @astrojs/node handler (middleware mode) inside a guard. HOST and PORT are honoured; README
 * "Running it" names every variable. The src/server/http modules run here through Node's type
 * stripping (Node 24: only erasable TypeScript, imports with their .ts extension).
 */
import cluster from 'node:cluster';
import http from 'node:http';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { LimitConfigError, readLimits } from './src/server/http/limits.ts';
import { installLogMasking, log } from './src/server/http/log.ts';

const env = process.env;
installLogMasking(cluster.isPrimary ? { role: 'primary' } : { worker: cluster.worker?.id });

let limits;
try {
  limits = readLimits(env);
} catch (error) {
  if (!(error instanceof LimitConfigError)) throw error;
  log({ level: 'error', msg: error.message });
  process.exit(2);
}

if (cluster.isPrimary) {
  const { secretKey } = await import('./src/server/http/secret-key.ts');
  const { supervise, workerCount } = await import('./src/server/http/supervisor.ts');
  secretKey(env); // made once here, read by every worker
  let workers;
  try {
    workers = workerCount(env.WEB_CONCURRENCY, availableParallelism());
  } catch (error) {
    log({ level: 'error', msg: String(error.message) });
    process.exit(2);
  }
  // The database is brought to the latest version before any worker serves (src/server/db).
  const { DatabaseConfigError, openDatabase, readDatabaseConfig } = await import('./src/server/db/database.ts');
  const { migrateToLatest } = await import('./src/server/db/migrate.ts');
  try {
    const config = readDatabaseConfig(env);
    const db = openDatabase(config);
    try {
      const ran = await migrateToLatest(db);
      log({ level: 'info', msg: 'database ready', engine: config.engine, migrated: ran.map((r) => r.migrationName) });
    } finally {
      await db.destroy();
    }
  } catch (error) {
    // The message names the setting or the migration; a DATABASE_URL is never printed.
    log({ level: 'error', msg: error instanceof DatabaseConfigError ? error.message : `database not ready: ${error.message}` });
    process.exit(error instanceof DatabaseConfigError ? 2 : 1);
  }
  // Retention: expired drafts, old idempotency keys and stale failure counters
  // (src/server/applications/retention.ts), staff sessions past their limits, audit rows past
  // AUDIT_RETENTION_DAYS (never under three years: src/server/audit/audit.ts) and notices handled
  // more than NOTIFY_RETENTION_DAYS ago (src/server/outbox) and reports of a problem closed a
  // year ago (src/server/feedback) are purged at start
  // and then on a schedule, each time on a connection of its own.
  const { purgeExpired, retentionInterval } = await import('./src/server/applications/retention.ts');
  const { purgeExpiredSessions } = await import('./src/server/staff/sessions.ts');
  const { auditRetentionDays, checkpointAuditChain, purgeAudit } = await import('./src/server/audit/audit.ts');
  const { purgeOutbox, readNotifyConfig, runSender } = await import('./src/server/outbox/outbox.ts');
  const { fileSender, purgeSpool } = await import('./src/server/outbox/file-sender.ts');
  const { purgeFeedback } = await import('./src/server/feedback/feedback.ts');
  let every;
  let auditDays;
  let notify;
  try {
    every = retentionInterval(env);
    auditDays = auditRetentionDays(env);
    notify = readNotifyConfig(env);
    // Read by the workers on each request; a wrong value stops the start here instead.
    (await import('./src/server/db/rate-limits.ts')).readRateLimits(env);
  } catch (error) {
    log({ level: 'error', msg: error.message });
    process.exit(2);
  }
  const purge = async () => {
    const db = openDatabase(readDatabaseConfig(env));
    try {
      const now = Date.now();
      const purged = { ...(await purgeExpired(db, now)), staffSessions: await purgeExpiredSessions(db, now), auditRows: await purgeAudit(db, now, auditDays), notices: await purgeOutbox(db, now, notify.retentionDays), spooled: notify.sender === 'file' ? purgeSpool(notify.dir, now, notify.retentionDays) : 0, feedback: await purgeFeedback(db, now) };
      log({ level: 'info', msg: 'retention', purged });
      // The whole audit chain, checked on the same schedule; the audit page checks only what came after.
      const chain = await checkpointAuditChain(db, now);
      if (!chain.ok) log({ level: 'error', msg: 'audit chain broken', ...chain });
    } catch (error) {
      log({ level: 'error', msg: `retention failed: ${error.message}` });
    } finally {
      await db.destroy();
    }
  };
  void purge();
  setInterval(purge, every).unref();
  // The notifications outbox is delivered from here, on a connection of its own
  // (src/server/outbox): to files in NOTIFY_DIR until a gateway's sender is configured.
  if (notify.sender === 'file') {
    runSender(openDatabase(readDatabaseConfig(env)), fileSender(notify.dir, { delayMs: notify.delayMs }), {
      idleMs: notify.idleMs,
      policy: notify.policy,
      report: ({ delivered, error }) => {
        if (error) log({ level: 'error', msg: `notices: ${error.message}` });
        else if (delivered.retrying || delivered.failed) log({ level: 'warn', msg: 'notices not delivered', ...delivered });
      },
    });
  }
  supervise({ workers, limits, metricsHost: env.METRICS_HOST ?? '127.0.0.1', metricsPort: Number(env.METRICS_PORT ?? 9464) });
} else {
  const { createFrontDoor } = await import('./src/server/http/front-door.ts');
  const { loadStaticCsp } = await import('./src/server/http/security-headers.ts');
  const { trustsProxy } = await import('./src/server/http/request-target.ts');
  const { workerMetrics } = await import('./src/server/http/metrics.ts');
  const { createPublicFiles, createStaticFiles } = await import('./src/server/http/static-files.ts');
  const { default: compression } = await import('compression');
  const { handler } = await import('./dist/server/entry.mjs');

  const host = env.HOST ?? '127.0.0.1';
  const port = Number(env.PORT ?? 4321);
  const metrics = workerMetrics();
  const staticCsp = loadStaticCsp(new URL('./dist/_headers.json', import.meta.url));
  const door = createFrontDoor({
    handler,
    limits,
    trustProxy: trustsProxy(env),
    staticCsp,
    // The prerendered pages are the ones _headers.json gives a CSP for.
    staticFiles: createStaticFiles(fileURLToPath(new URL('./dist/client', import.meta.url)), staticCsp.keys()),
    publicFiles: createPublicFiles(fileURLToPath(new URL('./dist/client', import.meta.url))),
    // A byte range is of the file as stored: never compress a 206 (or the video's ranges break).
    compress: compression({ filter: (req, res) => !req.headers.range && compression.filter(req, res) }),
    observe: metrics.observe,
    logRequests: env.LOG_REQUESTS !== '0',
    logFields: { worker: cluster.worker?.id },
  });

  const server = http.createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      // The longest any path may take; each path's own deadline is kept by the front door (body.ts).
      requestTimeout: Math.max(limits.requestTimeoutMs, limits.uploadTimeoutMs),
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: 1000,
    },
    door.handle,
  );
  server.maxConnections = limits.maxConnections;
  // What Node's parser refuses (bad framing, headers too large, too slow) gets a status and a
  // closed connection; the default handler does the same but says nothing in the log.
  server.on('clientError', (error, socket) => {
    const code = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    if (socket.writable && !socket.destroyed) {
      socket.end(`HTTP/1.1 ${code} ${http.STATUS_CODES[code]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    }
    socket.destroy();
  });
  // CONNECT (a proxy tunnel) is not a request Node hands to the listener: refuse it here.
  server.on('connect', (_req, socket) => {
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST, OPTIONS\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  server.listen(port, host, () => log({ level: 'info', msg: 'worker listening', url: `http://${host}:${port}`, worker: cluster.worker?.id }));

  let exiting = false;
  const drain = (code) => {
    if (exiting) return;
    exiting = true;
    door.drain();
    server.close(() => process.exit(code));
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(code);
    }, limits.shutdownGraceMs).unref();
  };
  process.on('message', (message) => {
    if (message && message.cmd === 'drain') drain(0);
  });
  // The primary is gone (killed): nobody would replace this worker or route to it.
  process.on('disconnect', () => drain(0));
  // A signal sent to the whole process group (Ctrl-C) reaches the workers too: drain, not die.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => drain(0));
  // A bug outside any request: logged (masked), then this worker drains and the primary
  // starts another, rather than serving on in an unknown state.
  process.on('uncaughtException', (error) => {
    console.error(error);
    drain(1);
  });
}

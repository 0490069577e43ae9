/**
 * The cluster primary: starts the workers, replaces one that dies (at once, and with a short
 * pause only when workers keep dying, so a broken build does not spin), logs why without
 * personal data, serves the metrics port, and on SIGTERM or SIGINT drains: every worker stops
 * accepting, finishes what is in flight (bounded by SHUTDOWN_GRACE_MS) and exits; then the
 * primary exits 0.
 */
import cluster, { type Worker } from 'node:cluster';
import http from 'node:http';
import type { Limits } from './limits.ts';
import { log } from './log.ts';
import { primaryMetrics } from './metrics.ts';

/** The primary's settings. */
export interface SupervisorOptions {
  workers: number;
  limits: Limits;
  /** Where the metrics are served; port 0 turns them off. */
  metricsHost: string;
  metricsPort: number;
}

/** Restarts in the last 10 s above which a replacement waits a second (workers dying at start). */
const RESTART_BURST = 10;

/** Why a worker ended, in words for the log and a label for the metrics. */
export function exitReason(code: number | null, signal: string | null): string {
  if (signal) return `signal-${signal}`;
  if (code === 0) return 'exit-0';
  return `exit-${code ?? 'unknown'}`;
}

/** The workers to run: WEB_CONCURRENCY when it is a whole number from 1 to 256, else `fallback`. */
export function workerCount(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new RangeError(`WEB_CONCURRENCY must be a whole number from 1 to 256; it is "${value}".`);
  return n;
}

export function supervise({ workers, limits, metricsHost, metricsPort }: SupervisorOptions) {
  const metrics = primaryMetrics();
  const restarts: number[] = [];
  let stopping = false;

  const fork = () => {
    const worker = cluster.fork();
    // A worker whose channel has closed (it has exited, and its exit is not yet handled) makes a
    // send fail; that is logged, never thrown, or it would take the primary down with it.
    worker.on('error', (error) => log({ level: 'warn', msg: 'worker channel error', worker: worker.id, error: String(error) }));
    metrics.setWorkers(Object.keys(cluster.workers ?? {}).length);
    return worker;
  };

  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    metrics.setWorkers(Object.keys(cluster.workers ?? {}).length);
    if (stopping) return;
    const reason = exitReason(code, signal);
    metrics.restarted(reason);
    log({ level: code === 0 ? 'warn' : 'error', msg: code === 0 ? 'worker exited; starting another' : 'worker died; starting another', worker: worker.id, pid: worker.process.pid, reason });
    const now = Date.now();
    restarts.push(now);
    while (restarts.length && restarts[0]! < now - 10_000) restarts.shift();
    if (restarts.length > RESTART_BURST) setTimeout(fork, 1000);
    else fork();
  });

  // Connections are accepted by the workers themselves (the kernel shares the listening socket)
  // rather than by the primary, which then hands each one to a worker: with the hand-off (Node's
  // default on Linux, SCHED_RR), a connection handed to a worker in the milliseconds after it is
  // SIGKILLed is never answered and never closed (Node 24.21; nodejs/node#3551). The bench's
  // robustness section found it (1 request in 160,000, 1 ms after the kill).
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  for (let i = 0; i < workers; i++) fork();
  log({ level: 'info', msg: 'primary started', pid: process.pid, workers });

  let metricsServer: http.Server | undefined;
  if (metricsPort > 0) {
    metricsServer = http.createServer(async (req, res) => {
      if ((req.url ?? '').split('?')[0] !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: the metrics are at /metrics\n');
        return;
      }
      try {
        const text = await metrics.text();
        res.writeHead(200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' }).end(req.method === 'HEAD' ? undefined : text);
      } catch (error) {
        console.error(error);
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Metrics unavailable\n');
      }
    });
    metricsServer.on('error', (error) => log({ level: 'error', msg: 'metrics port unavailable', error: String(error) }));
    metricsServer.listen(metricsPort, metricsHost, () => log({ level: 'info', msg: 'metrics listening', url: `http://${metricsHost}:${metricsPort}/metrics` }));
  }

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log({ level: 'info', msg: 'draining', signal });
    metricsServer?.close();
    const running = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    // A signal sent to the whole process group (npm stopped, Ctrl-C) reaches the workers too, and
    // one may already have drained and exited, its channel closed (EPIPE, or
    // ERR_IPC_CHANNEL_CLOSED), before its exit is handled here: it needs no message then.
    for (const w of running) {
      if (w.isConnected()) w.send({ cmd: 'drain' }, undefined, () => {});
    }
    const hardStop = setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
      process.exit(0);
    }, limits.shutdownGraceMs + 2000);
    hardStop.unref();
    // Stopped when every worker process has exited. Not "when cluster.workers is empty": a
    // worker leaves that list only once its channel has also disconnected, and a channel that
    // broke (the worker exited first) may never say so, leaving the primary to end silently.
    const check = () => {
      if (Object.values(cluster.workers ?? {}).every((w) => !w || w.isDead())) {
        log({ level: 'info', msg: 'stopped' });
        process.exit(0);
      }
    };
    cluster.on('exit', check);
    check();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/**
 * Request metrics in the Prometheus text format (prom-client): each worker counts its requests
 * by route, method and status and times them; the cluster primary adds them up over IPC
 * (prom-client's AggregatorRegistry) with its own count of worker restarts, and serves them on
 * METRICS_HOST:METRICS_PORT (default 127.0.0.1:9464), a port the public cannot reach unless the
 * operator opens it. Route names come from routes.ts, so the label set stays small.
 */
import client from 'prom-client';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']);

/** A worker's metrics: call `observe` once per finished (or abandoned) request. */
export function workerMetrics() {
  client.collectDefaultMetrics({ prefix: 'tx_' });
  // prom-client 15 answers the primary's requests for metrics only once an AggregatorRegistry
  // has been made in the process (its constructor adds the IPC listener), workers included.
  new client.AggregatorRegistry();
  const requests = new client.Counter({ name: 'tx_http_requests_total', help: 'HTTP requests answered, by route, method and status.', labelNames: ['route', 'method', 'status'] });
  const duration = new client.Histogram({
    name: 'tx_http_request_duration_seconds',
    help: 'Time from the request to the last byte of the answer, by route and method.',
    labelNames: ['route', 'method'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  return {
    observe(route: string, method: string | undefined, status: number, seconds: number) {
      const m = method && METHODS.has(method) ? method : 'other';
      requests.inc({ route, method: m, status: String(status) });
      duration.observe({ route, method: m }, seconds);
    },
  };
}

/** The primary's metrics: worker restarts, and the text of every worker's metrics added up. */
export function primaryMetrics() {
  const own = new client.Registry();
  const aggregator = new client.AggregatorRegistry();
  const restarts = new client.Counter({ name: 'tx_worker_restarts_total', help: 'Workers replaced after they died, by why.', labelNames: ['reason'], registers: [own] });
  const workers = new client.Gauge({ name: 'tx_workers', help: 'Workers running.', registers: [own] });
  return {
    restarted: (reason: string) => restarts.inc({ reason }),
    setWorkers: (n: number) => workers.set(n),
    contentType: client.register.contentType,
    /** All metrics as Prometheus text. */
    async text(): Promise<string> {
      const [cluster, primary] = await Promise.all([aggregator.clusterMetrics(), own.metrics()]);
      return `${cluster}\n${primary}`;
    },
  };
}

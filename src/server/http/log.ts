/**
 * The log: one JSON object per line on standard output, never personal data. A request line
 * has the method, the path without its query (the query can hold answers), the status and the
 * time; a path segment or any value shaped like a resident ID or disability certificate number
 * is masked wherever it appears, crash traces included (`installLogMasking` routes every
 * console and stream write of the process through `maskPersonalData`).
 */

/**
 * Digits shaped like an identity number, however written: the 18-character resident ID (17
 * digits and a check character, X in either case), the 20-character certificate number (ID
 * plus category and level), the old 15-digit ID, and any longer run of digits. Full-width
 * digits (the identity parser accepts them) and percent-encoded ones are caught too, because
 * masking runs on the text as written and again on its decoded form.
 */
const ID_SHAPED = /(?<![0-9０-９])[0-9０-９]{15,}[XxＸｘ]?[0-9０-９]*/g;
const MASK = '[masked]';
const HAS_ID_SHAPED = new RegExp(ID_SHAPED.source);

/** The text with every ID-shaped value replaced by `[masked]`. */
export function maskPersonalData(text: string): string {
  let out = text.replace(ID_SHAPED, MASK);
  if (out.includes('%')) {
    // Percent-encoded digits (%31%32…, or full-width digits as UTF-8 %EF%BC%91…): decode
    // each run, and mask the run whole when the decoded text holds an ID-shaped value.
    out = out.replace(/(?:%[0-9A-Fa-f]{2}|[0-9A-Za-z])+/g, (run) => {
      if (!run.includes('%')) return run;
      let decoded: string;
      try {
        decoded = decodeURIComponent(run);
      } catch {
        return run;
      }
      return HAS_ID_SHAPED.test(decoded) ? MASK : run;
    });
  }
  return out;
}

/** A path for the log: no query or fragment, identity-shaped values masked, at most 200 characters. */
export function logPath(url: string | undefined): string {
  const path = maskPersonalData(String(url ?? '/').split(/[?#]/)[0] ?? '/');
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/** One log entry: level, message and fields (already free of personal data). */
export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  msg: string;
  [field: string]: unknown;
}

/** One log line: a JSON object with the time first, masked again as a last guard. */
export function logLine(entry: LogEntry, now = new Date()): string {
  return `${maskPersonalData(JSON.stringify({ time: now.toISOString(), ...entry }))}\n`;
}

/** The request's log entry. `ms` is the time from the first byte read to the last byte sent. */
export function requestEntry(method: string | undefined, url: string | undefined, status: number, ms: number, aborted = false): LogEntry {
  return { level: status >= 500 ? 'error' : 'info', msg: 'request', method: String(method ?? '').slice(0, 20), path: logPath(url), status, ms: Math.round(ms * 10) / 10, ...(aborted ? { aborted: true } : {}) };
}

const LEVELS = { log: 'info', info: 'info', debug: 'info', warn: 'warn', error: 'error', trace: 'error' } as const;

/**
 * Makes every line this process writes a masked JSON object: console calls become entries
 * (an Error keeps its stack, masked), and text written straight to stdout or stderr (the
 * adapter's logger, Node's own crash report) is wrapped in one. `fields` are added to each
 * entry (e.g. the worker's id). Lines that are already our JSON pass through, masked.
 */
export function installLogMasking(fields: Record<string, unknown> = {}): void {
  for (const [method, level] of Object.entries(LEVELS)) {
    (console as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args: unknown[]) => {
      process.stdout.write(logLine({ level, msg: formatArgs(args), ...fields }));
    };
  }
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    const level = stream === process.stderr ? 'error' : 'info';
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk);
      const line = text.startsWith('{"time":') ? maskPersonalData(text) : logLine({ level, msg: text.replace(/\n+$/, ''), ...fields });
      return write(line, ...rest);
    }) as typeof stream.write;
  }
}

/** console-style arguments as one message: strings as they are, errors with their stack, the rest as JSON. */
function formatArgs(args: unknown[]): string {
  return args
    .map((a) => {
      if (typeof a === 'string') return a;
      if (a instanceof Error) return a.stack ?? `${a.name}: ${a.message}`;
      try {
        return JSON.stringify(a);
      } catch {
        return String(a);
      }
    })
    .join(' ');
}

/** Writes one entry to standard output. */
export const log = (entry: LogEntry): void => {
  process.stdout.write(logLine(entry));
};

/**
 * A browser without JavaScript going through the self-check over HTTP: a cookie jar, redirects
 * followed by hand, every URL recorded. Used by the journey tests and by the accessibility
 * crawl to reach each step's state.
 */
import { checkCharacter } from '../src/domain/identity';

export class Visitor {
  cookie = '';
  urls: string[] = [];
  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit = {}) {
    this.urls.push(path);
    const res = await fetch(`${this.base}${path}`, { redirect: 'manual', ...init, headers: { ...(init.headers as object), cookie: this.cookie } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const name = pair!.slice(0, pair!.indexOf('='));
      const value = pair!.slice(pair!.indexOf('=') + 1);
      const rest = this.cookie.split('; ').filter((x) => x && !x.startsWith(`${name}=`));
      if (value && !/max-age=0|expires=thu, 01 jan 1970/i.test(c)) rest.push(pair!);
      this.cookie = rest.join('; ');
    }
    return res;
  }

  get = (path: string) => this.request(path);

  /** A form POST; pairs (`[['answer', 'a'], ['answer', 'b']]`) send a field more than once, as checkboxes do. */
  post = (path: string, body: Record<string, string> | [string, string][]) =>
    this.request(path, {
      method: 'POST',
      body: new URLSearchParams(body),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.base },
    });

  /** POSTs an answer and returns the path it redirects to (throws when it does not redirect). */
  async answer(path: string, body: Record<string, string> | [string, string][]): Promise<string> {
    const res = await this.post(path, body);
    if (res.status !== 303) throw new Error(`${path} ${JSON.stringify(body)} answered ${res.status}, not 303`);
    return new URL(res.headers.get('location')!, this.base).pathname;
  }

  /** The value of the self-check cookie, or undefined. */
  get checkCookie(): string | undefined {
    return /(?:^|; )tx-check=([^;]*)/.exec(this.cookie)?.[1];
  }
}

/** A synthetic resident ID number (never a real one) born on `birth` (YYYYMMDD). */
export function idNumber(birth: string, seq = '123'): string {
  const first = `220201${birth}${seq}`;
  return first + checkCharacter(first);
}

/**
 * Walks the self-check from the start, answering each step from `answers` (by step name;
 * `dontKnow` for anything not listed), and returns each step's path with the cookie that
 * shows it, in the order reached, ending with the summary and the results.
 */
export async function walk(base: string, prefix: '' | '/en', answers: Record<string, Record<string, string>>) {
  const v = new Visitor(base);
  const seen: { path: string; cookie: string | undefined }[] = [];
  let next = await v.answer(`${prefix}/check/`, { action: 'start' });
  for (let i = 0; i < 20 && !next.endsWith('/check/summary'); i++) {
    seen.push({ path: next, cookie: v.checkCookie });
    const step = next.slice(next.lastIndexOf('/') + 1);
    next = await v.answer(next, answers[step] ?? { answer: 'dontKnow' });
  }
  seen.push({ path: next, cookie: v.checkCookie });
  seen.push({ path: `${prefix}/check/results`, cookie: v.checkCookie });
  return seen;
}

/**
 * A self-check cookie the server accepts as its own but past its 30-minute life: sealed with
 * the server's key (`secret`, from global-setup) a minute too long ago, after a region was chosen.
 */
export async function expiredCookie(secret: string): Promise<string> {
  process.env.TX_SECRET = secret;
  const { seal, emptyState, CHECK_TTL_SECONDS } = await import('../src/server/self-check/session');
  return seal({ ...emptyState(), region: 'jilin-city' }, Date.now() - (CHECK_TTL_SECONDS + 60) * 1000);
}

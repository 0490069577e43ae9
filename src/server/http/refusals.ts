/**
 * The answers the production server writes itself, before the portal sees a request: 400 for
 * a request it cannot read, 405 for a method the resource does not take, 413 for a body over
 * the limit, 500 when the adapter throws. On `/api/` they are problem documents (open to any
 * origin, like the rest of the API); elsewhere a short page in the visitor's language, with a
 * way back and the 12385 hotline, readable with no style or script at all.
 */
import zh from '../../i18n/zh-CN.json' with { type: 'json' };
import en from '../../i18n/en.json' with { type: 'json' };
import { formatBytes, HTTP_PROBLEMS, problemDocument, type Problem } from './problem.ts';

/** A response written by the server: status, headers and body. */
export interface Refusal {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Kind = 'badRequest' | 'methodNotAllowed' | 'tooLarge' | 'serverError';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The refusal for a path: `allow` for 405, `limitBytes` for 413. */
export function refusal(kind: Kind, path: string, { allow = [], limitBytes = 0 }: { allow?: readonly string[]; limitBytes?: number } = {}): Refusal {
  const status = ({ badRequest: 400, methodNotAllowed: 405, tooLarge: 413, serverError: 500 } as const)[kind];
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (kind === 'methodNotAllowed') headers.Allow = allow.join(', ');
  if (path === '/api' || path.startsWith('/api/')) {
    const problem: Problem =
      kind === 'methodNotAllowed' ? HTTP_PROBLEMS.methodNotAllowed(allow) : kind === 'tooLarge' ? HTTP_PROBLEMS.tooLarge(limitBytes) : HTTP_PROBLEMS[kind]();
    const body = JSON.stringify(problemDocument(status, [problem]));
    return {
      status,
      headers: { ...headers, 'Content-Type': 'application/problem+json; charset=utf-8', 'Access-Control-Allow-Origin': '*', 'Content-Length': String(Buffer.byteLength(body)) },
      body,
    };
  }
  const isEnglish = path === '/en' || path.startsWith('/en/');
  const t = (key: keyof typeof zh) => (isEnglish ? en : zh)[key];
  const lang = isEnglish ? 'en' : 'zh-CN';
  const body = t(`refusal.${kind}.body`).replace('{limit}', (isEnglish ? formatBytes(limitBytes).en : formatBytes(limitBytes).zh));
  // A link back to the page itself (GET) after a refused POST; the home page otherwise.
  const safePath = /^\/[\w\-./]*$/.test(path) && !path.startsWith('//') ? path : undefined;
  const back = kind === 'tooLarge' && safePath ? `<a href="${escape(safePath)}">${escape(t('refusal.back'))}</a>` : `<a href="${isEnglish ? '/en/' : '/'}">${escape(t('refusal.home'))}</a>`;
  const html = `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t(`refusal.${kind}.title`))} - ${escape(t('site.name'))}</title>
</head>
<body>
<main>
<h1>${escape(t(`refusal.${kind}.title`))}</h1>
<p>${escape(body)}</p>
<p>${back}</p>
<p>${escape(t('refusal.help'))}</p>
</main>
</body>
</html>
`;
  return { status, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(html)) }, body: html };
}

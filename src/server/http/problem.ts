/**
 * RFC 9457 problem documents: the API's answer to anything it does not take, and the
 * production server's, for API paths, when it refuses a request before the API sees it. One
 * shape and one set of words for both, so a client cannot tell (or care) which one answered.
 */
import { limits } from './limits.ts';
import type { ProblemDocument } from './problem-schema.ts';
import { PROBLEM_TITLES as TITLES, type ProblemStatus } from './problem-statuses.ts';

/** Words in both languages. */
export interface Text {
  zh: string;
  en: string;
}

/** One thing wrong with a request, at a path such as `answers.level` (`''` for the request as a whole), with its code `C`. */
export interface Problem<C extends string = string> {
  path: string;
  code: C;
  message: Text;
}

export { PROBLEM_STATUSES, type ProblemStatus } from './problem-statuses.ts';

/**
 * A problem document: the first `limits.maxProblems` problems, in order, and, when more were
 * found, how many more (`moreProblems`), so the answer stays small however bad the request.
 * Its type is its schema's (problem-schema.ts), which /api/openapi.json publishes.
 */
export function problemDocument<C extends string>(status: ProblemStatus, problems: readonly Problem<C>[], moreProblems = 0): ProblemDocument<C> {
  const listed = problems.slice(0, limits.maxProblems);
  const more = moreProblems + problems.length - listed.length;
  return { type: 'about:blank', title: TITLES[status], status, problems: listed, ...(more > 0 ? { moreProblems: more } : {}) };
}

const list = (values: readonly string[]) => values.join(', ');
/** `16384` → `16 KiB`; `65536` → `64 KiB`; `1000` → `1000 bytes`. */
/** A size for messages. */
export const formatBytes = (bytes: number): Text =>
  bytes % 1024 === 0 ? { zh: `${bytes / 1024} KiB`, en: `${bytes / 1024} KiB` } : { zh: `${bytes} 字节`, en: `${bytes} bytes` };

/** The codes of the problems any address can answer. */
export const HTTP_PROBLEM_CODES = ['methodNotAllowed', 'tooLarge', 'badRequest', 'serverError'] as const;
export type HttpProblemCode = (typeof HTTP_PROBLEM_CODES)[number];

/** The problems any address can answer, whatever it does, each under its own code. */
export const HTTP_PROBLEMS = {
  methodNotAllowed: (allow: readonly string[]) => ({
    path: '',
    code: 'methodNotAllowed',
    message: { zh: `这个地址只接受 ${list(allow)} 请求。`, en: `This address accepts only ${list(allow)} requests.` },
  }),
  tooLarge: (limitBytes: number) => ({
    path: '',
    code: 'tooLarge',
    message: { zh: `请求内容太大：不能超过 ${formatBytes(limitBytes).zh}。`, en: `The request body is too large: the limit is ${formatBytes(limitBytes).en}.` },
  }),
  badRequest: () => ({
    path: '',
    code: 'badRequest',
    message: { zh: '无法读取这个请求：网址、Host 或请求头的格式不正确。', en: 'The request could not be read: its address, Host or headers are malformed.' },
  }),
  serverError: () => ({
    path: '',
    code: 'serverError',
    message: { zh: '服务器出错了，请稍后再试。', en: 'The server failed; please try again later.' },
  }),
} satisfies { [C in HttpProblemCode]: (...args: never[]) => Problem<C> };

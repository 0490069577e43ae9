/**
 * The statuses problem documents are answered with, and their reason phrases (RFC 9110
 * section 15): shared by the documents (problem.ts) and their schema (problem-schema.ts).
 */
export const PROBLEM_TITLES = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
} as const;
export type ProblemStatus = keyof typeof PROBLEM_TITLES;
export const PROBLEM_STATUSES = Object.keys(PROBLEM_TITLES).map(Number) as ProblemStatus[];

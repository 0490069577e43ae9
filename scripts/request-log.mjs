/**
 * One line per request: method, path, status, time. Never the query string (it can carry
 * answers: the catalogue filters today, self-check answers tomorrow), never cookies, headers
 * or addresses: the log holds no personal data (privacy notice).
 */
export function requestLogLine(method, url, status, ms) {
  const path = String(url ?? '/').split(/[?#]/)[0];
  return `${method} ${path} ${status} ${ms.toFixed(1)}ms`;
}

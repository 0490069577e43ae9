/** Types for request-log.mjs. */
export declare function requestLogLine(method: string | undefined, url: string | undefined, status: number, ms: number): string;

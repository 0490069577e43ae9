/** Types for security-headers.mjs (used by server.mjs and the unit tests). */
import type { ServerResponse } from 'node:http';
type HeaderTarget = Pick<ServerResponse, 'getHeader' | 'setHeader'> | { getHeader(n: string): unknown; setHeader(n: string, v: string): unknown };
export declare const securityHeaders: Record<string, string>;
export declare function loadStaticCsp(headersFile: string | URL): Map<string, string>;
export declare function pagePath(url: string | undefined): string;
export declare function appendFrameAncestors(res: HeaderTarget, args: unknown[]): void;

/** pa11y ships no types (and @types/pa11y is years old): the part we use. */
declare module 'pa11y' {
  interface Issue { code: string; type: string; message: string; selector: string; context: string; runner: string }
  interface Results { documentTitle: string; pageUrl: string; issues: Issue[] }
  interface Options {
    browser?: unknown;
    page?: unknown;
    runners?: string[];
    standard?: 'WCAG2A' | 'WCAG2AA' | 'WCAG2AAA';
    headers?: Record<string, string>;
    /** The first request's method and body (a form sent back, say). */
    method?: 'GET' | 'POST';
    postData?: string;
    timeout?: number;
    includeWarnings?: boolean;
    includeNotices?: boolean;
    chromeLaunchConfig?: { executablePath?: string; args?: string[] };
  }
  function pa11y(url: string, options?: Options): Promise<Results>;
  export default pa11y;
}

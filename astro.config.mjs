// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import internalLinkCheck from './src/integrations/internal-links.ts';

// Reading pages are prerendered (static, cacheable, CDN-ready); forms and per-visitor
// responses (settings, the display stylesheet, 404/500 in the visitor's language) render
// on demand. See README "Display settings" for why preferences never make a page dynamic.
export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  output: 'server',
  integrations: [internalLinkCheck()],
  // staticHeaders: the CSP of prerendered pages goes to dist/_headers.json (not a <meta>), and
  // server.mjs sends it (see there for why it matches paths itself).
  // experimentalDisableStreaming: on-demand pages do all their work in the frontmatter, so a
  // stream sends nothing earlier; rendering to one string cut the self-check's per-request cost
  // (no-JS journey 1,145 → about 1,300-1,500 req/s in bench section 5).
  adapter: node({ mode: 'middleware', staticHeaders: true, experimentalDisableStreaming: true }),
  server: { host: '127.0.0.1', port: 4321 },
  // No Astro sessions: nothing about a visitor is kept on the server (the self-check's answers
  // live in its sealed cookie). Without this the adapter turns on file-backed sessions by itself.
  session: false,
  trailingSlash: 'ignore',
  i18n: {
    locales: ['zh-CN', 'en'],
    defaultLocale: 'zh-CN',
    routing: { prefixDefaultLocale: false },
  },
  // CSS inlined: one round trip per page on slow networks; Astro hashes it into the CSP.
  build: { inlineStylesheets: 'always', format: 'directory' },
  security: {
    // Cross-site form posts are refused by src/middleware.ts, which exempts the open JSON API.
    checkOrigin: false,
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-src 'none'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
      ],
    },
  },
  markdown: { syntaxHighlight: false },
  devToolbar: { enabled: false },
});

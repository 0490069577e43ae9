import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exists, internalLinks } from './internal-links';

describe('internal link check', () => {
  it('finds internal hrefs, srcs and posters, without fragments, queries or external links', () => {
    const html = '<a href="/a/#x">a</a><a href="/services/?region=x">s</a><img src="/i.png"><video poster="/p.jpg"></video><a href="https://x.example/">x</a><a href="//cdn.example/">y</a><a href="#top">t</a>';
    expect(internalLinks(html).sort()).toEqual(['/a/', '/i.png', '/p.jpg', '/services/']);
  });

  it('accepts built pages, files and on-demand routes in both languages, and refuses the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tx-links-'));
    mkdirSync(join(dir, 'policies', 'x'), { recursive: true });
    writeFileSync(join(dir, 'policies', 'x', 'index.html'), '');
    writeFileSync(join(dir, 'favicon.svg'), '');
    expect(exists(dir, '/policies/x/')).toBe(true);
    expect(exists(dir, '/favicon.svg')).toBe(true);
    expect(exists(dir, '/en/settings/')).toBe(true);
    expect(exists(dir, '/services/')).toBe(true);
    expect(exists(dir, '/policies/y/')).toBe(false);
    expect(exists(dir, '/services/no-such-service/')).toBe(false);
  });
});

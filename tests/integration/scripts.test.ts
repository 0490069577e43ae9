/** The project's own commands, run as a person runs them. */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

describe('npm run content:report', () => {
  it('prints a row for every service and the totals, in plain Node', () => {
    const out = execFileSync(process.execPath, ['scripts/content-report.mjs'], { encoding: 'utf8' });
    const services = readdirSync('content/services').filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
    for (const id of services) expect(out).toMatch(new RegExp(`^${id}\\s`, 'm'));
    expect(out).toContain(`${services.length} services;`);
  });
});

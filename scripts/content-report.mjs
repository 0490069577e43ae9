#!/usr/bin/env node
/**
 * `npm run content:report`: every service × {zh, en, easy-read zh, easy-read en, sign video,
 * sources, unknowns}, printed. The same table is the maintainers' page /content-report/.
 * Node 24 runs the shared TypeScript module directly (type stripping).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { requireProjectNode } from './node-version.mjs';
requireProjectNode();
const { reportRow, reportText } = await import('../src/catalogue/report.ts');

const dir = new URL('../content/services/', import.meta.url);
const rows = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => reportRow({ id: f.replace(/\.yaml$/, ''), data: parse(readFileSync(new URL(f, dir), 'utf8')) }));
console.log(reportText(rows));

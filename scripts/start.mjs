#!/usr/bin/env node
/**
 * `npm start`: builds when there is no build or any source is newer than it, then serves
 * the portal (server.mjs; README "Running it in production" names its variables). The cluster
 * workers run this file again: they go straight to server.mjs, so only the primary ever builds.
 */
import cluster from 'node:cluster';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { requireProjectNode } from './node-version.mjs';

requireProjectNode();
const BUILD = 'dist/server/entry.mjs';
const SOURCES = ['src', 'content', 'public', 'astro.config.mjs', 'package.json', 'server.mjs', 'tsconfig.json'];

/** Newest modification time under a path, in ms. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

export function needsBuild() {
  if (!existsSync(BUILD)) return 'no build yet';
  const built = statSync(BUILD).mtimeMs;
  const changed = SOURCES.find((s) => newest(s) > built);
  return changed ? `${changed} changed since the last build` : undefined;
}

const reason = cluster.isPrimary ? needsBuild() : undefined;
if (reason) {
  console.log(`Building (${reason})…`);
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
const dataDir = process.env.DATA_DIR ?? './data';
mkdirSync(dataDir, { recursive: true });
process.env.DATA_DIR = dataDir;
await import('../server.mjs');

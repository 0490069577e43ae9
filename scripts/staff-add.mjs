#!/usr/bin/env node
/**
 * `npm run staff:add -- --email <e> --name <n> --role <role> --region <region> [--password-stdin]`
 *
 * Adds a member of staff to the portal's database (DATABASE_URL, or the SQLite file under
 * DATA_DIR, as `npm start` uses), bringing it up to date first. Prints a one-time password, or
 * takes one from standard input with --password-stdin (for a password manager or a script); either
 * way the first sign-in sets the person's own password and authenticator. The region must be a
 * node of the region tree (content/regions): it covers every region below it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { requireProjectNode } from './node-version.mjs';

requireProjectNode();
const { openDatabase, readDatabaseConfig } = await import('../src/server/db/database.ts');
const { migrateToLatest } = await import('../src/server/db/migrate.ts');
const { addStaff } = await import('../src/server/staff/accounts.ts');
const { STAFF_ROLES } = await import('../src/domain/applications/decisions.ts');

const USAGE = `Usage: npm run staff:add -- --email <email> --name <name> --role <role> --region <region> [--password-stdin]
  roles:   ${STAFF_ROLES.join(', ')}
  regions: ${regionIds().join(', ')}`;

function regionIds() {
  const dir = new URL('../content/regions/', import.meta.url);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -5))
    .filter((id) => parse(readFileSync(new URL(`${id}.yaml`, dir), 'utf8'))?.name)
    .sort();
}

function fail(message) {
  console.error(`staff:add: ${message}\n${USAGE}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, region: { type: 'string' }, 'password-stdin': { type: 'boolean' } } }).values;
} catch (error) {
  fail(error.message);
}
for (const field of ['email', 'name', 'role', 'region']) if (!args[field]) fail(`--${field} is missing.`);
if (!STAFF_ROLES.includes(args.role)) fail(`"${args.role}" is not a role.`);
if (!regionIds().includes(args.region)) fail(`"${args.region}" is not a region of content/regions.`);

let password;
if (args['password-stdin']) {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const PROBLEMS = {
  email: 'the email address is not one.',
  emailTaken: 'someone already signs in with that email address.',
  name: 'the name is empty or longer than 200 characters.',
  role: 'that is not a role.',
  tooShort: 'the password is shorter than 8 characters.',
  tooLong: 'the password is longer than 256 characters.',
  common: 'the password is on the list of common passwords.',
};

const db = openDatabase(readDatabaseConfig(process.env));
try {
  await migrateToLatest(db);
  const made = await addStaff(db, { email: args.email, name: args.name, role: args.role, region: args.region, password }, Date.now());
  if (!made.ok) {
    console.error(`staff:add: ${PROBLEMS[made.problem] ?? made.problem}`);
    process.exitCode = 1;
  } else {
    console.log(`Added ${made.member.name} <${made.member.email}>, ${made.member.role}, ${made.member.region}.`);
    if (password === undefined) console.log(`One-time password (give it to them privately; the first sign-in replaces it):\n${made.password}`);
    else console.log('The password from standard input is set; the first sign-in replaces it.');
  }
} finally {
  await db.destroy();
}

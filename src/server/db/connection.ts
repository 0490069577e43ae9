/**
 * This process's database: opened on first use from the environment (database.ts), and brought
 * to the latest version once. Under `npm start` the cluster primary has migrated already and
 * the check finds nothing to run; under `astro dev` there is no primary, so this does it.
 */
import type { Kysely } from 'kysely';
import { openDatabase, readDatabaseConfig } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';

let ready: Promise<Kysely<Database>> | undefined;

export function database(): Promise<Kysely<Database>> {
  ready ??= (async () => {
    const db = openDatabase(readDatabaseConfig(process.env));
    await migrateToLatest(db);
    return db;
  })().catch((error: unknown) => {
    // A failure is not kept: the next request tries again.
    ready = undefined;
    throw error;
  });
  return ready;
}

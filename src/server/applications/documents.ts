/**
 * 材料文件 Documents uploaded with a draft (issue 11 point 5), kept in the database itself: app
 * servers stay stateless with no other service to run, a draft's files go when the draft goes
 * (a foreign key that cascades, so the retention purge takes them too), and a submit moves them
 * to the application in the same transaction. Files are never served publicly: nothing here
 * makes a URL; the applicant sees each file's name and size, and only staff (issue 13) will read
 * the bytes.
 *
 * Every upload is checked by content and stripped of metadata first (uploads.ts). A draft holds
 * at most `maxFiles` files (20 by default) and `maxTotalBytes` (50 MB by default) between them.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { engineOf } from '../db/database.ts';
import { checkUpload, type UploadProblem } from './uploads.ts';

export interface DocumentPolicy {
  maxBytes: number;
  maxFiles: number;
  maxTotalBytes: number;
}

export const DEFAULT_DOCUMENT_POLICY: DocumentPolicy = { maxBytes: 10 * 1024 * 1024, maxFiles: 20, maxTotalBytes: 50 * 1024 * 1024 };

/** A document as its owner sees it listed: never its bytes. */
export interface DocumentInfo {
  id: string;
  material: string;
  name: string;
  type: string;
  size: number;
}

export type Added = { ok: true; document: DocumentInfo } | { ok: false; problem: UploadProblem | 'tooMany' | 'draftGone' };

/** A file name to show back: no path, no control characters, at most 100 characters. */
export function tidyName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  const chars = [...base];
  return (chars.length > 100 ? [...chars.slice(0, 90), '…', ...chars.slice(-9)].join('') : base) || 'document';
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Adds a file to a draft for `material`; `replace` names a document of the draft it takes the
 * place of. The checks and the insert are one transaction, so two uploads at once cannot pass
 * the limits together.
 */
export async function addDocument(
  db: Kysely<Database>,
  draftId: string,
  input: { material: string; name: string; bytes: Uint8Array; replace?: string },
  now: number,
  policy: DocumentPolicy = DEFAULT_DOCUMENT_POLICY,
): Promise<Added> {
  const checked = checkUpload(input.bytes, policy.maxBytes);
  if (!checked.ok) return { ok: false, problem: checked.problem };
  // PostgreSQL: the draft's row is locked for the transaction, so uploads to one draft take turns
  // (SQLite's transactions take the write lock at once and need no more).
  const lock = engineOf(db) === 'postgres';
  return db.transaction().execute(async (trx) => {
    const find = trx.selectFrom('drafts').select('id').where('id', '=', draftId).where('expires_at', '>', iso(now));
    const draft = await (lock ? find.forUpdate() : find).executeTakeFirst();
    if (!draft) return { ok: false, problem: 'draftGone' } as const;
    // The limits count what the draft will hold: without the file this one replaces.
    let held = trx
      .selectFrom('documents')
      .select((eb) => [eb.fn.countAll<number>().as('files'), eb.fn.sum<number>('size').as('bytes')])
      .where('draft_id', '=', draftId);
    if (input.replace) held = held.where('id', '!=', input.replace);
    const { files, bytes } = await held.executeTakeFirstOrThrow();
    if (Number(files) >= policy.maxFiles || Number(bytes ?? 0) + checked.bytes.length > policy.maxTotalBytes) return { ok: false, problem: 'tooMany' } as const;
    if (input.replace) await trx.deleteFrom('documents').where('id', '=', input.replace).where('draft_id', '=', draftId).execute();
    const document: DocumentInfo = { id: randomUUID(), material: input.material, name: tidyName(input.name), type: checked.type, size: checked.bytes.length };
    await trx
      .insertInto('documents')
      .values({ ...document, draft_id: draftId, application_id: null, data: checked.bytes, created_at: iso(now) })
      .execute();
    return { ok: true, document } as const;
  });
}

/** The draft's documents, oldest first. */
export async function draftDocuments(db: Kysely<Database>, draftId: string): Promise<DocumentInfo[]> {
  return db.selectFrom('documents').select(['id', 'material', 'name', 'type', 'size']).where('draft_id', '=', draftId).orderBy('created_at').orderBy('id').execute();
}

/** Removes one of the draft's documents; false if it was not the draft's. */
export async function removeDocument(db: Kysely<Database>, draftId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('documents').where('id', '=', id).where('draft_id', '=', draftId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Moves a draft's documents to its application: in the submit's own transaction. */
export async function attachDocuments(trx: Transaction<Database> | Kysely<Database>, draftId: string, applicationId: string): Promise<number> {
  const result = await trx.updateTable('documents').set({ draft_id: null, application_id: applicationId }).where('draft_id', '=', draftId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A document's bytes, for staff who may see the application (issue 13 adds who may). */
export async function documentBytes(db: Kysely<Database>, applicationId: string, id: string): Promise<{ type: string; name: string; data: Uint8Array } | undefined> {
  return db.selectFrom('documents').select(['type', 'name', 'data']).where('id', '=', id).where('application_id', '=', applicationId).executeTakeFirst();
}

/**
 * Documents in the database, on both engines: a photo stored without its metadata and listed by
 * name and size, a file that lies about its type refused, replace and remove, the limits on files
 * and bytes (also for two uploads at once), moved to the application at submit, and gone with
 * a draft that is purged.
 */
import { describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createDraft, purgeExpiredDrafts } from '../../src/server/applications/drafts';
import { addDocument, attachDocuments, documentBytes, draftDocuments, removeDocument, tidyName } from '../../src/server/applications/documents';
import { ENGINES, migratedDatabase } from '../databases';

const KEY = randomBytes(32);
const T0 = Date.parse('2026-12-02T08:00:00Z');
const DAY = 24 * 60 * 60_000;
const JPEG = readFileSync(new URL('../../public/videos/sample.jpg', import.meta.url));
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n', 'latin1');
const policy = { maxBytes: 64 * 1024, maxFiles: 3, maxTotalBytes: 20 * 1024 };

describe.each(ENGINES)('documents on $name', (engine) => {
  const database = migratedDatabase(engine);
  const run = it.skipIf(!engine.available);
  const draft = async (at = T0) => (await createDraft(database.db, KEY, { form: 'two-subsidies', lang: 'zh-CN', birthDate: '1956-03-07', data: {} }, at)).id;

  run('keeps a photo without its comment, lists it by name and size, refuses a file that lies about its type', async () => {
    const id = await draft();
    const added = await addDocument(database.db, id, { material: 'certificate', name: 'C:\\Users\\王丽\\残疾人证.jpg', bytes: JPEG }, T0, policy);
    expect(added).toMatchObject({ ok: true, document: { material: 'certificate', name: '残疾人证.jpg', type: 'image/jpeg' } });
    if (!added.ok) return;
    expect(added.document.size).toBeLessThan(JPEG.length);
    const stored = await database.db.selectFrom('documents').select('data').where('id', '=', added.document.id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.data).includes(Buffer.from('Lavc'))).toBe(false);
    expect(await addDocument(database.db, id, { material: 'idCard', name: 'photo.jpg', bytes: Buffer.from('<html><script>alert(1)</script>') }, T0, policy)).toEqual({ ok: false, problem: 'type' });
    expect(await draftDocuments(database.db, id)).toEqual([added.document]);
  });

  run("replaces and removes only the draft's own files", async () => {
    const id = await draft();
    const other = await draft();
    const first = await addDocument(database.db, id, { material: 'idCard', name: 'a.pdf', bytes: PDF }, T0, policy);
    if (!first.ok) throw new Error(first.problem);
    const replaced = await addDocument(database.db, id, { material: 'idCard', name: 'b.pdf', bytes: PDF, replace: first.document.id }, T0 + 1, policy);
    expect((await draftDocuments(database.db, id)).map((d) => d.name)).toEqual(['b.pdf']);
    if (!replaced.ok) throw new Error(replaced.problem);
    expect(await removeDocument(database.db, other, replaced.document.id)).toBe(false);
    expect(await removeDocument(database.db, id, replaced.document.id)).toBe(true);
    expect(await draftDocuments(database.db, id)).toEqual([]);
  });

  run('holds the limits on files and bytes, also for uploads at once', async () => {
    const id = await draft();
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => addDocument(database.db, id, { material: 'other', name: `${i}.pdf`, bytes: PDF }, T0, policy)));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.problem)).toEqual(['tooMany', 'tooMany']);
    const big = await draft();
    expect(
      await addDocument(database.db, big, { material: 'other', name: 'big.pdf', bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(70 * 1024, 32), Buffer.from('%%EOF')]) }, T0, policy),
    ).toEqual({
      ok: false,
      problem: 'tooLarge',
    });
    const total = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(12 * 1024, 32), Buffer.from('%%EOF')]);
    expect((await addDocument(database.db, big, { material: 'other', name: '1.pdf', bytes: total }, T0, policy)).ok).toBe(true);
    expect(await addDocument(database.db, big, { material: 'other', name: '2.pdf', bytes: total }, T0, policy)).toEqual({ ok: false, problem: 'tooMany' });
  });

  run("moves the files to the application, and purges a draft's files with it", async () => {
    const id = await draft(T0 - 40 * DAY);
    expect((await addDocument(database.db, id, { material: 'other', name: 'gone.pdf', bytes: PDF }, T0 - 40 * DAY, policy)).ok).toBe(true);
    expect(await addDocument(database.db, id, { material: 'other', name: 'late.pdf', bytes: PDF }, T0, policy)).toEqual({ ok: false, problem: 'draftGone' });
    await purgeExpiredDrafts(database.db, T0);
    expect(await draftDocuments(database.db, id)).toEqual([]);
    expect(await database.db.selectFrom('documents').select('id').where('name', '=', 'gone.pdf').execute()).toEqual([]);

    const kept = await draft();
    const added = await addDocument(database.db, kept, { material: 'other', name: 'kept.pdf', bytes: PDF }, T0, policy);
    if (!added.ok) throw new Error(added.problem);
    const applicationId = randomUUID();
    const at = new Date(T0).toISOString();
    await database.db
      .insertInto('applications')
      .values({
        id: applicationId,
        reference: randomUUID().slice(0, 10),
        access_hash: 'x',
        form: 'two-subsidies',
        region: 'jilin-city',
        status: 'submitted',
        office: 'township',
        open_key: null,
        data: '{}',
        prescreen: '{}',
        created_at: at,
        updated_at: at,
      })
      .execute();
    expect(await attachDocuments(database.db, kept, applicationId)).toBe(1);
    await database.db.deleteFrom('drafts').where('id', '=', kept).execute();
    expect(await documentBytes(database.db, applicationId, added.document.id)).toMatchObject({ type: 'application/pdf', name: 'kept.pdf' });
    expect(Buffer.from((await documentBytes(database.db, applicationId, added.document.id))!.data).equals(PDF)).toBe(true);
  });

  it('tidies names: no path, no control characters, not too long', () => {
    expect(tidyName('/etc/passwd')).toBe('passwd');
    expect(tidyName('a\u0000b\nc.pdf')).toBe('abc.pdf');
    expect([...tidyName('长'.repeat(300) + '.pdf')].length).toBe(100);
    expect(tidyName('')).toBe('document');
  });
});

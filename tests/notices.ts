/** Notices and the application they hang on, for the outbox tests. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { noticeText, type Notice } from '../src/domain/applications/notices';
import type { Database } from '../src/server/db/schema';

const T0 = Date.parse('2026-12-03T08:00:00Z');

/** An application row to hang notices on (the outbox refers to it). */
export async function anApplication(db: Kysely<Database>, reference = `R${randomUUID().slice(0, 9)}`): Promise<string> {
  const id = randomUUID();
  const at = new Date(T0).toISOString();
  await db
    .insertInto('applications')
    .values({ id, reference, access_hash: 'x', form: 'living-subsidy', region: 'jilin-city', status: 'submitted', office: 'township', open_key: null, data: '{}', prescreen: '{}', created_at: at, updated_at: at })
    .execute();
  return id;
}

export const aNotice = (applicationId: string, phones = ['13800001111']): Notice => ({
  kind: 'accepted',
  applicationId,
  text: noticeText('accepted', { reference: 'K7M2Q9XH4P', office: 'countyDpf' }),
  recipients: phones.map((address) => ({ channel: 'sms', address, language: 'zh' })),
});


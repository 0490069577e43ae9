/**
 * Rate limits a deployment sets (issue 13 point 8), over HTTP on a portal of its own (SQLite):
 * applications per client and hour, on the API and on the pages (the draft kept, the page saying
 * when to send it); wrong tries per client on the status page; and a wrong setting stops the
 * start with its name; reports of a problem per client and hour, the text kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ownPortal, type OwnPortal } from '../own-portal';
import { exampleApplication, idFor } from '../people';
import { applyJourneys, applyWalk } from '../apply-visitor';
import { ApplyVisitor } from '../apply-visitor';
import { applicationProblemDocumentSchema } from '../../src/server/applications/api-request';
import { formStamp } from '../../src/server/feedback/feedback';
import { secretKey } from '../../src/server/http/secret-key';

let own: OwnPortal | undefined;
let base = '';
let key: Buffer;
beforeAll(async () => {
  own = await ownPortal({ SUBMIT_LIMIT_PER_HOUR: '2', TRACK_FAILURES_PER_CLIENT: '3', FEEDBACK_LIMIT_PER_HOUR: '2', NOTIFY_SENDER: 'off' });
  base = own.base;
  key = secretKey({ TX_SECRET: own.secret });
}, 60_000);
afterAll(() => own?.stop());

const submit = (n: number) =>
  fetch(`${base}/api/applications`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify(exampleApplication({}, idFor(`1940010${n}`))) });

describe('rate limits', () => {
  it('refuse a client’s applications past the hour’s limit, on the API and on the pages, keeping the draft', async () => {
    // The journey's draft is made first: only sending counts.
    const [twoSubsidies] = applyJourneys('521');
    const { visitor } = await applyWalk(base, '', twoSubsidies!);
    expect((await submit(1)).status).toBe(201);
    expect((await submit(2)).status).toBe(201);
    const third = await submit(3);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(third.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    const problem = await third.json();
    expect((problem as { problems: { code: string }[] }).problems.map((p) => p.code)).toEqual(['tooManySubmissions']);
    // As the API's document says (the contract test's portal has no limit, so this is its check).
    expect(applicationProblemDocumentSchema.safeParse(problem).success).toBe(true);
    expect(third.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const openapi = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(openapi.paths['/api/applications']!.post!.responses)).toContain('429');

    const page = await visitor.post('/apply/two-subsidies/consent', { 'consent-sensitiveData': 'yes', 'consent-otherServices': 'no', declaration: 'yes' });
    expect(page.status).toBe(429);
    const text = (await page.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('这个网络连接一小时内提交的申请太多了。你的申请已保存，还没有提交');
    // The draft is still there: its check page opens.
    expect((await visitor.get('/apply/two-subsidies/check')).status).toBe(200);
  });

  it('lock the status page for a client after its wrong tries', async () => {
    const v = new ApplyVisitor(base);
    // Three wrong pairs, each for another reference: the third reaches the client's limit.
    const wrong = ['ABCD EFGH JK', 'BCDE FGHJ KM'];
    for (const reference of wrong) expect((await v.post('/track/', { reference, accessCode: 'ABCD EFGH JKMN', action: 'find' })).status).toBe(400);
    expect((await v.post('/track/', { reference: 'CDEF GHJK MN', accessCode: 'ABCD EFGH JKMN', action: 'find' })).status).toBe(429);
    const locked = await v.post('/track/', { reference: 'DEFG HJKM NP', accessCode: 'ABCD EFGH JKMN', action: 'find' });
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('尝试次数太多，请 15 分钟后再试');
  });

  it('refuse a client’s reports of a problem past the hour’s limit, keeping what was written', async () => {
    const v = new ApplyVisitor(base);
    const report = (message: string) => v.post('/feedback/', { stamp: formStamp(key, Date.now() - 5_000), message });
    expect((await report('一')).status).toBe(303);
    expect((await report('二')).status).toBe(303);
    const third = await report('第三份报告');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(third.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    const html = await third.text();
    expect(html).toContain('>第三份报告</textarea>');
    expect(html.replace(/<[^>]+>/g, ' ')).toMatch(/这一个小时里从你的网络发来的报告太多了。请在 \d\d:\d\d 以后再发送，你写的内容还在/);
  });

  it('stop the start when a limit is set wrong, naming it', () => {
    const run = spawnSync(process.execPath, ['server.mjs'], { env: { ...process.env, DATABASE_URL: '', DATA_DIR: mkdtempSync(join(tmpdir(), 'tx-limits-')), TX_SECRET: own!.secret, PORT: '1', SUBMIT_LIMIT_PER_HOUR: 'many' }, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stdout + run.stderr).toContain('SUBMIT_LIMIT_PER_HOUR must be a whole number');
  });
});

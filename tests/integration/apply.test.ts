/**
 * Applying online without JavaScript, over HTTP (issue 11 points 3-8): for someone else (with a
 * photo uploaded) and for oneself, to the confirmation, then followed and withdrawn on /track;
 * every error of a page listed; a refused consent explained; a double press of Send giving one
 * application; save and come back with the resume code and the birth date; an open application
 * explained. On the run's own server (PostgreSQL when DATABASE_URL names one) and, when that is
 * PostgreSQL, also on a portal of its own on a SQLite file, so both engines take the journey.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ownPortal, type OwnPortal } from '../own-portal';
import { ApplyVisitor, afterSelfCheck, applyJourneys, applyWalk, send } from '../apply-visitor';
import { idNumber } from '../check-visitor';

const plain = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
const summary = (html: string) => [...(/<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '').matchAll(/<a href="#([^"]+)"[^>]*>([^<]+)</g)].map((m) => `${m[1]}: ${m[2]}`);

let own: OwnPortal | undefined;
async function sqlitePortal(): Promise<string> {
  own = await ownPortal({ SUBMIT_LIMIT_PER_HOUR: '0' });
  return own.base;
}
afterAll(() => own?.stop());

const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');
const SERVERS: [string, () => Promise<string>][] = [
  [onPostgres ? 'PostgreSQL' : 'SQLite', async () => inject('baseUrl')],
  ...(onPostgres ? ([['SQLite', sqlitePortal]] as [string, () => Promise<string>][]) : []),
];

describe.each(SERVERS)('applying online without JavaScript, on %s', (engine, server) => {
  let base = '';
  const seq = engine === 'SQLite' ? '311' : '312';

  it("applies for a father's two subsidies with a photo, then follows and withdraws the application", async () => {
    base = await server();
    const [twoSubsidies] = applyJourneys(seq);
    const { visitor, seen } = await applyWalk(base, '', twoSubsidies!);
    expect(seen.map((s) => s.path)).toEqual([
      '/apply/two-subsidies/region',
      '/apply/two-subsidies/who',
      '/apply/two-subsidies/person',
      '/apply/two-subsidies/submitter',
      '/apply/two-subsidies/page-subsidies',
      '/apply/two-subsidies/page-household',
      '/apply/two-subsidies/page-care',
      '/apply/two-subsidies/documents',
      '/apply/two-subsidies/check',
    ]);
    const check = plain(await (await visitor.get('/apply/two-subsidies/check')).text());
    for (const shown of ['吉林市', '王建国', '王丽', '13800001234', '困难残疾人生活补贴', '重度残疾人护理补贴', '残疾人证.jpg', '带到受理窗口']) expect(check).toContain(shown);
    const done = await send(visitor, '', 'two-subsidies');
    expect(done.status).toBe(200);
    expect(done.reference).toMatch(/^[A-Z2-9]{4} [A-Z2-9]{4} [A-Z2-9]{2}$/);
    expect(done.accessCode).toMatch(/^[A-Z2-9]{4} [A-Z2-9]{4} [A-Z2-9]{4}$/);
    expect(plain(done.html)).toContain('户籍所在地的乡镇（街道）受理窗口');
    // The draft is gone with the send: its pages go back to the start page.
    expect((await visitor.get('/apply/two-subsidies/check')).status).toBe(303);

    const tracker = new ApplyVisitor(base);
    const found = await tracker.post('/en/track/', { reference: done.reference.toLowerCase(), accessCode: done.accessCode, action: 'find' });
    expect(found.status).toBe(200);
    const status = plain(await found.text());
    expect(status).toContain('Sent, waiting to be accepted');
    expect(status).toContain('The township (sub-district) office');
    const ask = plain(await (await tracker.post('/en/track/', { reference: done.reference, accessCode: done.accessCode, action: 'withdraw' })).text());
    expect(ask).toContain('Are you sure you want to withdraw it?');
    const withdrawn = plain(await (await tracker.post('/en/track/', { reference: done.reference, accessCode: done.accessCode, action: 'withdrawConfirmed' })).text());
    expect(withdrawn).toContain('The application has been withdrawn.');
    expect(withdrawn).toContain('Withdrawn');
    const wrong = await tracker.post('/track/', { reference: done.reference, accessCode: 'ABCD EFGH JKMN', action: 'find' });
    expect(wrong.status).toBe(400);
    expect(summary(await wrong.text())).toEqual(['reference: 申请编号或查询码不对，请检查后再试']);
  });

  it('applies for oneself, in English, without a region page where the form is offered in one region', async () => {
    const [, , studentAid] = applyJourneys(seq);
    const { visitor, seen } = await applyWalk(base, '/en', studentAid!);
    expect(seen.map((s) => s.path.split('/').pop())).toEqual(['who', 'person', 'page-basis', 'page-school', 'documents', 'check']);
    // The language switch of an English page goes to the same page in Chinese (it once went to itself).
    expect(await (await visitor.get('/en/apply/student-aid/check')).text()).toMatch(/class="lang-switch" href="\/apply\/student-aid\/check"/);
    const done = await send(visitor, '/en', 'student-aid');
    expect(plain(done.html)).toContain('Application sent');
    expect(plain(done.html)).toContain('The local Disabled Persons’ Federation (DPF)');
  });

  it('does not ask again what the self-check answered, and shows each such answer to confirm (WCAG 3.3.7)', async () => {
    const v = await afterSelfCheck(base, '');
    const [twoSubsidies] = applyJourneys(engine === 'SQLite' ? '351' : '352');
    const { visitor, seen } = await applyWalk(base, '', twoSubsidies!, v);
    // No region page, no household page, no care page: the self-check answered them.
    expect(seen.map((s) => s.path.split('/').pop())).toEqual(['who', 'person', 'submitter', 'page-subsidies', 'documents', 'check']);
    const check = plain(await (await visitor.get('/apply/two-subsidies/check')).text());
    expect(check).toContain('标着“来自你的自查”或“来自残疾人证号码”的回答没有再问你');
    expect(check).toMatch(/享受最低生活保障（低保） 来自你的自查/);
    // Changing a carried answer shows it chosen, and posting confirms it.
    const household = await (await visitor.get('/apply/two-subsidies/page-household?change=1')).text();
    expect(household).toMatch(/value="dibao"\s+checked/);
    expect(await visitor.answer('/apply/two-subsidies/page-household?change=1', { household: 'dibao', action: 'continue' })).toBe('/apply/two-subsidies/check');
    expect(plain(await (await visitor.get('/apply/two-subsidies/check')).text())).not.toMatch(/享受最低生活保障（低保） 来自你的自查/);
    const done = await send(visitor, '', 'two-subsidies');
    expect(done.status).toBe(200);
  });

  it("keeps what the island saves as typed, unread, until the page's Continue reads it", async () => {
    const v = new ApplyVisitor(base);
    await v.post('/en/apply/two-subsidies/', { action: 'start' });
    await v.post('/en/apply/two-subsidies/region', { region: 'jilin-city', action: 'continue' });
    await v.post('/en/apply/two-subsidies/who', { role: 'self', action: 'continue' });
    // Half-typed and wrong is kept as typed; a field the page does not ask is not kept.
    const saved = await v.post('/en/apply/two-subsidies/person', { name: 'Wang', certificateNumber: '2202', phone: '', address: '', stranger: 'x', action: 'autosave' });
    expect(saved.status).toBe(204);
    const again = await (await v.get('/en/apply/two-subsidies/person')).text();
    expect(again).toContain('value="Wang"');
    expect(again).toContain('value="2202"');
    expect(again).not.toContain('stranger');
    // Nothing is read or refused by an autosave: the journey has not moved on.
    expect((await v.get('/en/apply/two-subsidies/check')).headers.get('location')).toBe('/en/apply/two-subsidies/person');
    const person = idNumber('19560307', engine === 'SQLite' ? '361' : '362');
    expect(await v.answer('/en/apply/two-subsidies/person', { name: '王建国', certificateNumber: `${person}42`, phone: '13800001234', address: '某街1号', action: 'continue' })).toBe('/en/apply/two-subsidies/page-subsidies');
    // Continue read it: what was typed is gone, the answers stay.
    expect(await (await v.get('/en/apply/two-subsidies/person')).text()).toContain('value="王建国"');
    // Without a draft there is nothing to save into.
    expect((await new ApplyVisitor(base).post('/en/apply/two-subsidies/person', { name: 'x', action: 'autosave' })).status).toBe(303);
  });

  it('lists every error of a page, keeps what was typed, and loses nothing already saved', async () => {
    const v = new ApplyVisitor(base);
    await v.post('/apply/two-subsidies/', { action: 'start' });
    await v.post('/apply/two-subsidies/region', { region: 'jilin-city', action: 'continue' });
    await v.post('/apply/two-subsidies/who', { role: 'self', action: 'continue' });
    const res = await v.post('/apply/two-subsidies/person', { name: '', certificateNumber: '12345', phone: '12', address: '', action: 'continue' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(summary(html).map((line) => line.split(':')[0])).toEqual(['name', 'certificateNumber', 'phone', 'address']);
    expect(summary(html)[0]).toBe('name: 你的姓名：请填写这一项');
    expect(html).toContain('value="12345"');
    expect(html).toMatch(/<title>有问题需要处理：/);
    // The earlier answers are still there.
    const back = await (await v.get('/apply/two-subsidies/who')).text();
    expect(back).toMatch(/value="self"[^>]*checked|checked[^>]*value="self"/);
  });

  it('asks for a file where "upload here" was chosen, and refuses a file that is not a photo or PDF', async () => {
    const [journey] = applyJourneys(engine === 'SQLite' ? '321' : '322');
    // The walk uploads the certificate; here the documents page is posted again by hand.
    const { visitor: v } = await applyWalk(base, '', journey!);
    const missing = await v.postMultipart('/apply/two-subsidies/documents', {
      'material-certificate': 'upload',
      'material-idCard': 'upload',
      'material-householdRegister': 'bring',
      'material-approvalForm': 'bring',
      'material-photos': 'bring',
      'material-other': 'bring',
      action: 'continue',
    });
    expect(missing.status).toBe(400);
    expect(summary(await missing.text())).toEqual(['file-idCard: 身份证：你选了在这里上传，请选择要上传的文件，或者改成带到受理窗口']);
    const lie = await v.postMultipart(
      '/apply/two-subsidies/documents',
      { action: 'upload' },
      { idCard: { name: 'id.jpg', bytes: new TextEncoder().encode('<html>not a photo</html>'), type: 'image/jpeg' } },
    );
    expect(lie.status).toBe(400);
    expect(summary(await lie.text())).toEqual(['file-idCard: 身份证：只能上传 JPG、PNG 照片或 PDF 文件']);
    // Removing the uploaded certificate: the page lists no file for it any more.
    const page = await (await v.get('/apply/two-subsidies/documents')).text();
    const id = /name="remove" value="([0-9a-f-]{36})"/.exec(page)![1]!;
    expect((await v.postMultipart('/apply/two-subsidies/documents', { remove: id })).status).toBe(303);
    expect(await (await v.get('/apply/two-subsidies/documents')).text()).not.toContain('残疾人证.jpg');
  });

  it('explains a refused consent, sends once however often Send is pressed, and explains an open application', async () => {
    const [, child] = applyJourneys(engine === 'SQLite' ? '331' : '332');
    const { visitor } = await applyWalk(base, '', child!);
    const refused = await visitor.post('/apply/child-rehabilitation/consent', { 'consent-sensitiveData': 'no', 'consent-otherServices': 'yes' });
    expect(refused.status).toBe(400);
    expect(summary(await refused.text())).toEqual([
      'consent-sensitiveData-0: 不同意的话，不能在网上提交这份申请。你仍然可以到受理窗口当面申请，或者拨打12385问一问。',
      'declaration: 请确认声明，才能提交申请',
    ]);
    const body = { 'consent-sensitiveData': 'yes', 'consent-otherServices': 'yes', declaration: 'yes' };
    const [a, b] = await Promise.all([visitor.post('/apply/child-rehabilitation/consent', body), visitor.post('/apply/child-rehabilitation/consent', body)]);
    expect([a.status, b.status]).toEqual([303, 303]);
    const third = await visitor.post('/apply/child-rehabilitation/consent', body);
    expect(third.status).toBe(303);
    const done = plain(await (await visitor.get('/apply/child-rehabilitation/done')).text());
    const reference = /申请编号是 ([A-Z2-9 ]{12})/.exec(done)?.[1];
    expect(reference).toBeDefined();
    // The same child again, by another visitor: explained, not stored.
    const again = await applyWalk(base, '', child!);
    const open = await again.visitor.post('/apply/child-rehabilitation/consent', body);
    expect(open.status).toBe(400);
    expect(summary(await open.text())[0]).toContain('已经有一份同样的申请正在办理');
  });

  it('saves and comes back with the resume code and the birth date; a wrong date gets one message', async () => {
    const [, , student] = applyJourneys(engine === 'SQLite' ? '341' : '342');
    const v = new ApplyVisitor(base);
    await v.post('/apply/student-aid/', { action: 'start' });
    await v.post('/apply/student-aid/who', { role: 'self', action: 'continue' });
    const saved = await v.postFields('/apply/student-aid/person', { ...student!.pages.person!, action: 'save' });
    expect(saved.headers.get('location')).toBe('/apply/student-aid/save');
    const page = plain(await (await v.get('/apply/student-aid/save')).text());
    const code = /继续填写码是： ([A-Z2-9]{4} [A-Z2-9]{4})/.exec(page)?.[1];
    expect(code).toBeDefined();
    expect(page).toMatch(/申请会保存到 \d{4}-\d{2}-\d{2}/);
    const other = new ApplyVisitor(base);
    const wrong = await other.post('/apply/resume/', { code: code!, year: '2008', month: '9', day: '2' });
    expect(wrong.status).toBe(400);
    expect(summary(await wrong.text())).toEqual(['code: 继续填写码或出生日期不对，请检查后再试']);
    const right = await other.post('/apply/resume/', { code: code!.toLowerCase().replace(' ', '-'), year: '2008', month: '9', day: '1' });
    expect(right.status).toBe(303);
    // Back at the page after the last one saved, with everything before it kept.
    expect(right.headers.get('location')).toBe('/apply/student-aid/page-basis');
    expect(await (await other.get('/apply/student-aid/person')).text()).toContain('吉林市昌邑区某街3号');
  });

  it('refuses a page of a form that does not exist, and a step out of order', async () => {
    expect((await new ApplyVisitor(base).get('/apply/no-such-form/')).status).toBe(404);
    const v = new ApplyVisitor(base);
    await v.post('/apply/home-accessibility/', { action: 'start' });
    const skipped = await v.get('/apply/home-accessibility/documents');
    expect(skipped.status).toBe(303);
    expect(skipped.headers.get('location')).toBe('/apply/home-accessibility/region');
    expect((await v.get('/apply/home-accessibility/nonsense')).status).toBe(404);
  });
});

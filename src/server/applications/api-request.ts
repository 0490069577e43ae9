/**
 * `POST /api/applications` and `GET /api/applications/<reference>`: the request checked with
 * the application's one schema (domain/applications/application.ts), and every problem worded
 * in both languages at its path, with a code a program can act on. The answer types' own codes
 * (`idNumber.checkCharacter`, `phoneInvalid`…) keep the pages' messages. Pure apart from the
 * limits.
 */
import { z } from 'zod';
import { answerMessageKey, type AnswerErrorCode } from '../../domain/answers';
import { applicationSchema, APPLICATION_CHECK_CODES, type ApplicationInput } from '../../domain/applications/application';
import { personQuestions } from '../../domain/applications/applicant';
import { questionsOf } from '../../domain/applications/form';
import { formById, FORM_IDS } from '../../domain/applications/forms';
import { HELPER_ROLES } from '../../domain/applications/applicant';
import type { Text } from '../../domain/eligibility';
import { inBoth, hasKey } from '../../i18n';
import { JSON_BODY_PROBLEM_CODES } from '../http/json';
import { limits } from '../http/limits';
import { HTTP_PROBLEM_CODES, type Problem } from '../http/problem';
import { problemDocumentSchema } from '../http/problem-schema';

/** The answer types' error codes the API passes on (each has the pages' message). */
const ANSWER_CODES = [
  'textRequired',
  'textTooLong',
  'textCharacters',
  'phoneInvalid',
  ...(['empty', 'length', 'category', 'level'] as const).map((c) => `certificate.${c}` as const),
  ...(['empty', 'length', 'characters', 'birthDate', 'birthDateFuture', 'checkCharacter'] as const).map((c) => `idNumber.${c}` as const),
] as const satisfies readonly AnswerErrorCode[];

/** Codes of the problems with the request itself. */
export const APPLICATION_REQUEST_CODES = [
  'required',
  'unknownKey',
  'wrongType',
  'notAnOption',
  'notAsked',
  ...APPLICATION_CHECK_CODES.filter((c) => c !== 'notAsked'),
  ...ANSWER_CODES,
  'idempotencyKeyMissing',
  'idempotencyKeyInvalid',
  'idempotencyKeyReused',
  'inFlight',
  'openApplicationExists',
  'tooManySubmissions',
  'accessCodeMissing',
  'notFound',
  'tooManyTries',
] as const;
export const APPLICATION_PROBLEM_CODES = [...new Set([...HTTP_PROBLEM_CODES, ...JSON_BODY_PROBLEM_CODES, ...APPLICATION_REQUEST_CODES])];
export type ApplicationProblemCode = (typeof APPLICATION_PROBLEM_CODES)[number];
export const applicationProblemDocumentSchema = problemDocumentSchema(APPLICATION_PROBLEM_CODES);

type AppProblem = Problem<ApplicationProblemCode>;

const list = (values: readonly string[]) => values.join(', ');

/** The problems the endpoint answers itself, each with its words. */
export const APPLICATION_PROBLEMS = {
  idempotencyKeyMissing: (): AppProblem => ({
    path: '',
    code: 'idempotencyKeyMissing',
    message: {
      zh: '请带上请求头 Idempotency-Key（每份申请一个新的随机值，重试时用同一个），这样重试不会重复提交。',
      en: 'Send the header Idempotency-Key (a new random value for each application, the same one for a retry), so that a retry never submits twice.',
    },
  }),
  idempotencyKeyInvalid: (): AppProblem => ({
    path: '',
    code: 'idempotencyKeyInvalid',
    message: { zh: 'Idempotency-Key 应为 1 到 255 个可见的 ASCII 字符。', en: 'Idempotency-Key must be 1 to 255 visible ASCII characters.' },
  }),
  idempotencyKeyReused: (): AppProblem => ({
    path: '',
    code: 'idempotencyKeyReused',
    message: { zh: '这个 Idempotency-Key 已经用于另一份不同的申请。新的申请请用新的值。', en: 'This Idempotency-Key was used for a different application. Use a new value for a new application.' },
  }),
  inFlight: (): AppProblem => ({
    path: '',
    code: 'inFlight',
    message: { zh: '用这个 Idempotency-Key 的请求还在处理中，请过一会儿用同一个值重试。', en: 'A request with this Idempotency-Key is still being processed; retry with the same value in a moment.' },
  }),
  openApplicationExists: (): AppProblem => ({
    path: '',
    code: 'openApplicationExists',
    message: {
      zh: '这个人已经有一份同样的申请正在办理，不需要再提交。请用那份申请的编号和查询码查看进度；找不到的话，请拨打12385或询问当地残联。',
      en: 'This person already has the same application in progress; there is no need to send another. Follow it with its reference and access code; if you cannot find them, call 12385 or ask the local DPF.',
    },
  }),
  tooManySubmissions: (): AppProblem => ({
    path: '',
    code: 'tooManySubmissions',
    message: {
      zh: '这个网络连接一小时内提交的申请太多了。请在 Retry-After 说明的时间以后再提交；急需办理请拨打12385或询问当地残联。',
      en: 'Too many applications have been sent from this connection in the last hour. Send it again after the time Retry-After gives; if it is urgent, call 12385 or ask the local DPF.',
    },
  }),
  accessCodeMissing: (): AppProblem => ({
    path: '',
    code: 'accessCodeMissing',
    message: { zh: '请带上请求头 X-Access-Code（提交申请时得到的查询码）。', en: 'Send the header X-Access-Code (the access code given when the application was sent).' },
  }),
  notFound: (): AppProblem => ({
    path: '',
    code: 'notFound',
    message: { zh: '编号或查询码不对。请检查后再试。', en: 'The reference or the access code is not right. Check them and try again.' },
  }),
  tooManyTries: (): AppProblem => ({
    path: '',
    code: 'tooManyTries',
    message: { zh: '尝试次数太多，请 15 分钟后再试。', en: 'Too many tries. Please try again in 15 minutes.' },
  }),
};

/** A valid Idempotency-Key: 1-255 visible ASCII characters (a UUID is the usual). */
export const isIdempotencyKey = (key: string) => /^[\x21-\x7E]{1,255}$/.test(key);

const FIELD_NAMES: Record<string, Text> = {
  '': { zh: '请求内容', en: 'The request body' },
  form: { zh: '申请表（form）', en: 'The form' },
  region: { zh: '地区（region）', en: 'The region' },
  applicant: { zh: '残疾人的资料（applicant）', en: 'The person’s details (applicant)' },
  submitter: { zh: '代办人的资料（submitter）', en: 'The submitter’s details (submitter)' },
  answers: { zh: '回答（answers）', en: 'The answers' },
  consent: { zh: '同意（consent）', en: 'The consent' },
  'consent.sensitiveData': { zh: '处理残疾和健康信息的同意', en: 'Consent to the use of disability and health information' },
  'consent.declaration': { zh: '声明', en: 'The declaration' },
  'consent.otherServices': { zh: '介绍其他服务的同意', en: 'Consent to be told of other services' },
  'submitter.name': { zh: '代办人的姓名', en: 'The submitter’s name' },
  'submitter.relationship': { zh: '代办人和残疾人的关系', en: 'The submitter’s relationship' },
  'submitter.phone': { zh: '代办人的电话', en: 'The submitter’s phone' },
  'submitter.idNumber': { zh: '代办人的身份证号码', en: 'The submitter’s ID number' },
};

/** How the field at `path` is named in a message: the request's own names, or the form question's label. */
function fieldName(path: string, form: string | undefined): Text {
  if (FIELD_NAMES[path]) return FIELD_NAMES[path];
  const [head, id] = path.split('.');
  if (head === 'applicant') {
    const q = personQuestions({ requiresCertificate: true, forSomeoneElse: true }).find((x) => x.id === id);
    if (q) return { zh: q.label.zh.replace(/（选填）$/, ''), en: q.label.en.replace(/ \(optional\)$/, '') };
  }
  if (head === 'answers' && form) {
    const q = questionsOf(formById(form)!).find((x) => x.id === id);
    if (q) return { zh: `“${q.label.zh}”的回答（${id}）`, en: `The answer to “${q.label.en}” (${id})` };
  }
  return { zh: path, en: path };
}

const CHECK_MESSAGES: Record<(typeof APPLICATION_CHECK_CODES)[number] | 'required', (name: Text) => Text> = {
  required: (n) => ({ zh: `缺少${n.zh}。`, en: `${n.en} is missing.` }),
  notAsked: (n) => ({ zh: `${n.zh}：按照前面的回答，这个问题不用回答，请去掉。`, en: `${n.en}: given the other answers this question is not asked; leave it out.` }),
  notOfferedInRegion: () => ({ zh: '这个地区没有这项服务，不能在这里申请。', en: 'This service is not offered in this region, so it cannot be applied for here.' }),
  certificateMismatch: () => ({ zh: '残疾人证号码的前18位应和残疾人的身份证号码相同。', en: 'The first 18 characters of the certificate number must be the person’s ID number.' }),
  childNeedsGuardian: () => ({
    zh: '不满14岁的孩子不能自己申请：请由监护人或其他可以代办的人提交（submitter）。',
    en: 'A child under 14 cannot apply alone: a guardian or another person who may apply for them must send it (submitter).',
  }),
  consentRequired: () => ({
    zh: '没有处理残疾和健康信息的同意，不能在网上提交申请（sensitiveData 应为 true）。可以到受理窗口当面申请。',
    en: 'Without consent to use disability and health information the application cannot be sent online (sensitiveData must be true). It can be made in person at the office.',
  }),
  declarationRequired: () => ({ zh: '请确认声明（declaration 应为 true）。', en: 'Please confirm the declaration (declaration must be true).' }),
};

const valueAt = (value: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), value);

const formatPath = (path: readonly PropertyKey[]) => path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');

function problemOf(issue: z.core.$ZodIssue, body: unknown): AppProblem[] {
  const form = typeof (body as { form?: unknown })?.form === 'string' && FORM_IDS.includes((body as { form: string }).form) ? (body as { form: string }).form : undefined;
  const path = formatPath(issue.path);
  const name = fieldName(path, form);
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      code: 'unknownKey',
      message: { zh: `不认识的字段“${key}”：请检查拼写。`, en: `Unknown field "${key}": please check the spelling.` },
    }));
  if (valueAt(body, issue.path) === undefined) return [{ path, code: 'required', message: CHECK_MESSAGES.required(name) }];
  const params = (issue as { params?: { code?: string; answerCode?: string; issue?: string } }).params;
  const answerCode = params?.answerCode as AnswerErrorCode | undefined;
  if (answerCode && (ANSWER_CODES as readonly string[]).includes(answerCode) && hasKey(answerMessageKey(answerCode))) {
    const words = inBoth(answerMessageKey(answerCode) as never);
    return [{ path, code: answerCode as ApplicationProblemCode, message: { zh: `${name.zh}：${words.zh}`, en: `${name.en}: ${words.en}` } }];
  }
  const check = (params?.code ?? params?.issue) as keyof typeof CHECK_MESSAGES | undefined;
  if (check && CHECK_MESSAGES[check]) return [{ path, code: check, message: CHECK_MESSAGES[check](name) }];
  if (issue.code === 'invalid_value' && issue.values.length) {
    const options = list(issue.values.map(String));
    return [{ path, code: 'notAnOption', message: { zh: `${name.zh}应为以下之一：${options}。`, en: `${name.en} must be one of: ${options}.` } }];
  }
  if (path === 'submitter.relationship' || path === 'form') {
    const options = list(path === 'form' ? FORM_IDS : HELPER_ROLES);
    return [{ path, code: 'notAnOption', message: { zh: `${name.zh}应为以下之一：${options}。`, en: `${name.en} must be one of: ${options}.` } }];
  }
  return [{ path, code: 'wrongType', message: { zh: `${name.zh}的类型或格式不对。`, en: `${name.en} has the wrong type or form.` } }];
}

export type Parsed = { ok: true; value: ApplicationInput } | { ok: false; problems: AppProblem[]; moreProblems: number };

/** The body as an application, or its problems (the first `limits.maxProblems`, the rest counted). */
/** The application schema for the regions (the catalogue's one map) and the day: built once a day, not per request. */
const schemas = new WeakMap<object, { asOf: string; schema: ReturnType<typeof applicationSchema> }>();
export function applicationSchemaFor(regionServices: ReadonlyMap<string, readonly string[]>, asOf: string) {
  const cached = schemas.get(regionServices);
  if (cached?.asOf === asOf) return cached.schema;
  const schema = applicationSchema(regionServices, { asOf });
  schemas.set(regionServices, { asOf, schema });
  return schema;
}

/** `regionServices`: each region's services; pass the same map each time (catalogue/regions.ts `regionServices`) and the schema is reused. */
export function parseApplicationRequest(body: unknown, regionServices: ReadonlyMap<string, readonly string[]>, asOf: string): Parsed {
  const parsed = applicationSchemaFor(regionServices, asOf).safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems: AppProblem[] = [];
  let more = 0;
  for (const issue of parsed.error.issues) {
    if (problems.length >= limits.maxProblems) {
      more++;
      continue;
    }
    problems.push(...problemOf(issue, body));
  }
  return { ok: false, problems: problems.slice(0, limits.maxProblems), moreProblems: more + Math.max(0, problems.length - limits.maxProblems) };
}

/** `201` and the GET's answer, as JSON. */
export const submittedSchema = z
  .strictObject({
    reference: z.string().regex(/^[A-Z2-9]{10}$/),
    accessCode: z
      .string()
      .regex(/^[A-Z2-9]{12}$/)
      .meta({ description: 'Shown once (and again for a retry with the same Idempotency-Key); only its hash is kept.' }),
    status: z.literal('submitted'),
  })
  .meta({ description: 'The application was sent: its reference and access code, to follow it.' });

/**
 * The language an application sent through the API is told of in (its notices): the first of
 * Chinese or English the `Accept-Language` header prefers (by q-value, then order), Chinese when
 * it names neither or is absent.
 */
export function noticeLanguageOf(acceptLanguage: string | null): 'zh' | 'en' {
  let best: { lang: 'zh' | 'en'; q: number } | undefined;
  for (const part of (acceptLanguage ?? '').slice(0, 1000).split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const lang = /^zh(-|$)/.test(tag) ? 'zh' : /^en(-|$)/.test(tag) ? 'en' : undefined;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (lang && Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'zh';
}

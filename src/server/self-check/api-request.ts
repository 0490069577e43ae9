/**
 * `POST /api/eligibility`: the request's schema (zod, strict: a typo must not silently change
 * results) and its conversion into what `checkIn` takes. Every problem found is listed at once
 * (up to `limits.maxProblems`, the rest counted), each with the path of the field, a code a
 * program can act on, and a message in both languages a person can. Pure: the regions, today's
 * date and the limits come in as arguments (the limits default to this process's).
 */
import { z } from 'zod';
import { readCertificate, type AnswerErrorCode } from '../../domain/answers';
import { ANSWER_SCHEMAS } from '../../domain/eligibility/answers-schema';
import { DISABILITY_CATEGORIES, type CertificateWarning } from '../../domain/identity';
import { EARLIEST_BIRTH_DATE, HOUSEHOLDS, QUESTIONS, question, type Answers, type QuestionId, type RegionData, type Text } from '../../domain/eligibility';
import { certificateAnswers } from '../../domain/eligibility/self-check';
import { answerMessageBoth } from '../../i18n/answer-messages';
import { inBoth } from '../../i18n';
import { limits } from '../http/limits';
import { JSON_BODY_PROBLEM_CODES } from '../http/json';
import { HTTP_PROBLEM_CODES, type Problem as HttpProblem } from '../http/problem';
import { problemDocumentSchema } from '../http/problem-schema';
import { textSchema } from '../http/text-schema';

/** Codes of the identity parser (certificate numbers and the ID number inside them). */
export const CERTIFICATE_CODES = ['empty', 'length', 'characters', 'birthDate', 'birthDateFuture', 'checkCharacter', 'category', 'level'] as const;
/** Codes of the problems found in a request's fields (this file). */
export const REQUEST_PROBLEM_CODES = [
  'notObject',
  'required',
  'unknownKey',
  'wrongType',
  'notAnOption',
  'outOfRange',
  'invalidDate',
  'unknownRegion',
  'dateAfterAsOf',
  'conflict',
  ...CERTIFICATE_CODES,
] as const;
/**
 * Every problem code the API returns: the server's own (a 405, an unreadable request, a failure:
 * server/http/problem.ts), the JSON body's (server/http/json.ts) and the request's.
 */
export const PROBLEM_CODES = [...new Set([...HTTP_PROBLEM_CODES, ...JSON_BODY_PROBLEM_CODES, ...REQUEST_PROBLEM_CODES])];
export type ProblemCode = (typeof PROBLEM_CODES)[number];
export const WARNING_CODES = ['extraCharacters', 'noCategoryOrLevel'] as const satisfies readonly CertificateWarning[];

/** The API's problem documents (every answer of 400, 405, 413, 415 or 500), with its codes. */
export const apiProblemDocumentSchema = problemDocumentSchema(PROBLEM_CODES);

/** One thing wrong with a request, at a path such as `answers.level`. */
export type Problem = HttpProblem<ProblemCode>;

/** Something unusual but plausible in a certificate number, for the person to check (the request is still answered). */
export const warningSchema = z
  .strictObject({
    path: z.string().meta({ description: 'The field: `answers.certificateNumber`.' }),
    code: z.enum(WARNING_CODES).meta({ description: '`extraCharacters`: characters after the 20th; `noCategoryOrLevel`: an ID number alone, without the category and level digits.' }),
    message: textSchema,
  })
  .meta({ description: 'Something unusual but plausible in a certificate number, for the person to check.' });
export type Warning = z.infer<typeof warningSchema>;

/** The answer keys the API takes: every `Answers` key, and the certificate number. */
export const ANSWER_KEYS = ['certificateNumber', 'hasCertificate', 'category', 'level', 'birthDate', 'household', 'needsLongTermCare', 'isAutistic', 'schoolStage', 'hasMotorizedWheelchair', 'hasSuddenHardship', 'alreadyReceives'] as const satisfies readonly QuestionId[];
type AnswerKey = (typeof ANSWER_KEYS)[number];
// Every Answers key must be taken (a new one added to the engine fails the type check here).
const _allAnswerKeys: Exclude<keyof Answers, AnswerKey> extends never ? true : never = true;
void _allAnswerKeys;

/** Questions that may be answered "I don't know" (the values `dontKnow` accepts). */
export const dontKnowIds = (): QuestionId[] => QUESTIONS.filter((q) => q.answer.allowsUnknown).map((q) => q.id);

/** The request schema; `region` is one of `regionIds`. Also the source of the OpenAPI request schema. */
export function requestSchema(regionIds: readonly string[]) {
  const ids = dontKnowIds();
  const answers = Object.fromEntries(ANSWER_KEYS.map((key) => [key, ANSWER_SCHEMAS[key].optional()])) as { [K in AnswerKey]: z.ZodOptional<(typeof ANSWER_SCHEMAS)[K]> };
  return z.strictObject({
    region: z.enum(regionIds as [string, ...string[]]).meta({ description: 'The region the person lives in (a content/regions id).' }),
    asOf: z.iso
      .date()
      .optional()
      .meta({ description: 'The date the answers are judged on, YYYY-MM-DD. Defaults to today in China (Asia/Shanghai).' }),
    answers: z.strictObject(answers).optional().meta({ description: 'What the person has told us. An answer left out is "not known yet".' }),
    dontKnow: z
      .array(z.enum(ids as [string, ...string[]]))
      .optional()
      .meta({ description: 'Questions answered "I don\'t know": never asked again; the services they decide stay unknown.' }),
  });
}

const list = (values: readonly (string | number)[]) => values.join(', ');

/** How each field is named and what it must be, for messages. */
function fieldText(path: string, regionIds: readonly string[]): { name: Text; expects: Text } | undefined {
  const oneOf = (values: readonly string[]): Text => ({ zh: `以下之一：${list(values)}`, en: `one of: ${list(values)}` });
  const yesNo: Text = { zh: 'true 或 false', en: 'true or false' };
  const realDate: Text = { zh: '真实的日期，写成 YYYY-MM-DD，例如 2026-06-01', en: 'a real date written YYYY-MM-DD, such as 2026-06-01' };
  const fields: Record<string, { name: Text; expects: Text }> = {
    '': { name: { zh: '请求内容', en: 'The request body' }, expects: { zh: 'JSON 对象', en: 'a JSON object' } },
    region: { name: { zh: '地区（region）', en: 'The region' }, expects: oneOf(regionIds) },
    asOf: { name: { zh: '判断日期（asOf）', en: 'The date to judge on (asOf)' }, expects: realDate },
    answers: { name: { zh: '回答（answers）', en: 'The answers' }, expects: { zh: 'JSON 对象', en: 'a JSON object' } },
    'answers.certificateNumber': { name: { zh: '残疾人证号码', en: 'The certificate number' }, expects: { zh: '文字（字符串）', en: 'text (a string)' } },
    'answers.hasCertificate': { name: { zh: '是否有残疾人证', en: 'Whether there is a certificate' }, expects: yesNo },
    'answers.category': { name: { zh: '残疾类别', en: 'The disability category' }, expects: oneOf(DISABILITY_CATEGORIES) },
    'answers.level': { name: { zh: '残疾等级', en: 'The disability level' }, expects: { zh: '1 到 4 之间的整数', en: 'a whole number from 1 to 4' } },
    'answers.birthDate': {
      name: { zh: '出生日期', en: 'The date of birth' },
      expects: { zh: `${realDate.zh}，不早于 ${EARLIEST_BIRTH_DATE}`, en: `${realDate.en}, from ${EARLIEST_BIRTH_DATE} on` },
    },
    'answers.household': { name: { zh: '家庭情况', en: 'The household' }, expects: oneOf(HOUSEHOLDS) },
    'answers.needsLongTermCare': { name: { zh: '是否需要长期照护', en: 'Whether long-term care is needed' }, expects: yesNo },
    'answers.isAutistic': { name: { zh: '是否诊断为孤独症', en: 'Whether autism has been diagnosed' }, expects: yesNo },
    dontKnow: { name: { zh: '“不知道”的问题（dontKnow）', en: 'The questions answered “I don’t know” (dontKnow)' }, expects: { zh: '问题编号的列表', en: 'a list of question ids' } },
  };
  if (/^dontKnow\[\d+\]$/.test(path)) return { name: { zh: '“不知道”的问题', en: 'A question answered “I don’t know”' }, expects: oneOf(dontKnowIds()) };
  return fields[path];
}

/** A certificate number's warning, in the words the pages use too. */
const warningMessage = (code: CertificateWarning): Text => inBoth(`identity.warning.${code}`);

/** `['answers', 'level']` → `answers.level`; `['dontKnow', 1]` → `dontKnow[1]`. */
export const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');

const valueAt = (value: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), value);

/** The label of a question's option, for messages (e.g. level 3 → 三级 / Level 3). */
function optionLabel(id: QuestionId, value: string | number): Text {
  const option = question(id)?.options?.find((o) => o.value === String(value));
  return option?.label ?? { zh: String(value), en: String(value) };
}

/**
 * The problems found in one request, in the order found. The first `cap` are listed; the rest
 * are only counted, their messages never built. The path of every problem, listed or not, is
 * remembered in sets, so "was this value refused?" costs the same however many problems there
 * are: it used to scan the whole list, once per `dontKnow` item, which made 8,000 bad items take
 * 1.3 s of CPU over HTTP (2,000: 0.04 s; issue 12). Now 8,000 parse in about 15-30 ms.
 * Counting goes on past the cap, rather than stopping, so `moreProblems` is exact: each further
 * problem costs two Set insertions and no message.
 */
class ProblemList {
  /** The problems listed, at most `cap`. */
  readonly listed: Problem[] = [];
  /** How many more were found than are listed. */
  unlisted = 0;
  /** Every path with a problem. */
  private readonly paths = new Set<string>();
  /** Every path with a problem, and every path containing one (`answers` for `answers.level`). */
  private readonly within = new Set<string>();

  constructor(private readonly cap: number) {}

  /** Adds the problem at `path`; `make` is called only if it will be listed. */
  add(path: string, make: () => Problem): void {
    this.paths.add(path);
    this.within.add(path);
    // Each enclosing path: the text before every `.` or `[` (as the former startsWith checks had it).
    for (let i = 0; i < path.length; i++) if (path[i] === '.' || path[i] === '[') this.within.add(path.slice(0, i));
    if (this.listed.length < this.cap) this.listed.push(make());
    else this.unlisted++;
  }

  /** Whether there is a problem at exactly `path`. */
  at(path: string): boolean {
    return this.paths.has(path);
  }

  /** Whether the value at `path`, or something inside it, was refused. */
  refused(path: string): boolean {
    return this.within.has(path);
  }

  get count(): number {
    return this.listed.length + this.unlisted;
  }
}

function addIssue(problems: ProblemList, issue: z.core.$ZodIssue, body: unknown, regionIds: readonly string[]): void {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const known = path === 'answers' ? ANSWER_KEYS : ['region', 'asOf', 'answers', 'dontKnow'];
    for (const key of issue.keys) {
      const keyPath = formatPath([...issue.path, key]);
      problems.add(keyPath, () => ({
        path: keyPath,
        code: 'unknownKey',
        message: {
          zh: `不认识的字段“${key}”：请检查拼写。可以用的字段：${list(known)}。`,
          en: `Unknown field "${key}": please check the spelling. The fields are: ${list(known)}.`,
        },
      }));
    }
    return;
  }
  problems.add(path, () => problemAt(path, issue, body, regionIds));
}

/** The problem a (non-key) zod issue stands for, with its message. */
function problemAt(path: string, issue: z.core.$ZodIssue, body: unknown, regionIds: readonly string[]): Problem {
  const field = fieldText(path, regionIds) ?? { name: { zh: path, en: path }, expects: { zh: '有效的值', en: 'a valid value' } };
  const must = (code: ProblemCode): Problem => ({
    path,
    code,
    message: { zh: `${field.name.zh}应为${field.expects.zh}。`, en: `${field.name.en} must be ${field.expects.en}.` },
  });
  const value = valueAt(body, issue.path);
  if (value === undefined) return { path, code: 'required', message: { zh: `缺少${field.name.zh}。`, en: `${field.name.en} is missing.` } };
  if (path === 'region' && issue.code === 'invalid_value' && typeof value === 'string') {
    return {
      path,
      code: 'unknownRegion',
      message: {
        zh: `我们没有地区“${value}”的资料。可以用的地区：${list(regionIds)}。`,
        en: `We have no region "${value}". The regions are: ${list(regionIds)}.`,
      },
    };
  }
  switch (issue.code) {
    case 'invalid_type':
      // 2.5 for a level is a number, but not an allowed one.
      return must(issue.expected === 'int' && typeof value === 'number' ? 'outOfRange' : 'wrongType');
    case 'too_small':
    case 'too_big':
      return must('outOfRange');
    case 'invalid_format':
      return must('invalidDate');
    case 'invalid_value': {
      // A value of the options' type is a wrong option (a number out of range); another type is the wrong type.
      const type = typeof issue.values[0];
      if (typeof value !== type) return must('wrongType');
      return must(type === 'number' ? 'outOfRange' : 'notAnOption');
    }
    case 'custom':
      // A real date before the earliest allowed.
      return must('outOfRange');
    default:
      return must('wrongType');
  }
}

export interface EligibilityRequest {
  region: RegionData;
  /** YYYY-MM-DD */
  asOf: string;
  answers: Answers;
  /** Passed to checkIn: "I don't know" answers, and a certificate number already read. */
  skipped: QuestionId[];
  warnings: Warning[];
}

/** The request, or its problems: the first `maxProblems` found, and how many more there were. */
export type ParseResult = { ok: true; value: EligibilityRequest } | { ok: false; problems: Problem[]; moreProblems: number };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a parsed JSON body and turns it into checkIn's arguments, or lists its problems.
 * Linear in the size of the body, however many problems it has.
 * @param today YYYY-MM-DD, the default `asOf`.
 * @param maxProblems How many problems to list; the rest are counted in `moreProblems`.
 */
export function parseEligibilityRequest(body: unknown, regions: Map<string, RegionData>, today: string, maxProblems = limits.maxProblems): ParseResult {
  const regionIds = [...regions.keys()];
  if (!isObject(body)) {
    return { ok: false, problems: [{ path: '', code: 'notObject', message: { zh: '请求内容应为 JSON 对象。', en: 'The request body must be a JSON object.' } }], moreProblems: 0 };
  }
  // zod's own messages are never shown (each problem gets ours, in both languages): an error map
  // that makes none spares building an English sentence per issue, thousands for a bad list.
  const parsed = requestSchema(regionIds).safeParse(body, { error: () => '' });
  const problems = new ProblemList(maxProblems);
  if (!parsed.success) for (const issue of parsed.error.issues) addIssue(problems, issue, body, regionIds);
  const refused = (path: string) => problems.refused(path);

  // Checks across fields, on the values that passed the schema (all of them, to list every problem).
  const asOf = body.asOf === undefined ? today : refused('asOf') ? undefined : (body.asOf as string);
  const raw = isObject(body.answers) && !problems.at('answers') ? body.answers : {};
  const given = <K extends AnswerKey>(key: K) => raw[key] !== undefined && !refused(`answers.${key}`);
  const answers: Answers = {};
  for (const key of ANSWER_KEYS) if (key !== 'certificateNumber' && given(key)) Object.assign(answers, { [key]: raw[key] });
  const skipped = new Set<QuestionId>();
  const warnings: Warning[] = [];

  if (asOf && answers.birthDate && answers.birthDate > asOf) {
    const birthDate = answers.birthDate;
    problems.add('answers.birthDate', () => ({
      path: 'answers.birthDate',
      code: 'dateAfterAsOf',
      message: { zh: `出生日期（${birthDate}）晚于判断日期（${asOf}）。`, en: `The date of birth (${birthDate}) is after the date the answers are judged on (${asOf}).` },
    }));
  }

  if (given('certificateNumber')) {
    const path = 'answers.certificateNumber';
    // With no valid asOf, no date can be "in the future": the asOf problem is reported already.
    const number = readCertificate(raw.certificateNumber as string, asOf ?? '9999-12-31');
    if (!number.ok) {
      const code = number.code.split('.')[1] as (typeof CERTIFICATE_CODES)[number];
      problems.add(path, () => ({ path, code, message: answerMessageBoth(number.code as AnswerErrorCode) }));
    } else {
      const { birthDate, category, level } = certificateAnswers(number.value);
      skipped.add('certificateNumber');
      warnings.push(...number.value.warnings.map((code) => ({ path, code, message: warningMessage(code) })));
      if (answers.hasCertificate === false) {
        problems.add('answers.hasCertificate', () => ({
          path: 'answers.hasCertificate',
          code: 'conflict',
          message: { zh: '回答是没有残疾人证，但又填写了残疾人证号码。', en: 'The answer says there is no disability certificate, but a certificate number is given.' },
        }));
      }
      if (!refused('answers.hasCertificate')) answers.hasCertificate = true;
      const read: { key: 'birthDate' | 'category' | 'level'; value: string | number | undefined; name: Text }[] = [
        { key: 'birthDate', value: birthDate, name: { zh: '出生日期', en: 'date of birth' } },
        { key: 'category', value: category, name: { zh: '残疾类别', en: 'category' } },
        { key: 'level', value: level, name: { zh: '残疾等级', en: 'level' } },
      ];
      for (const { key, value, name } of read) {
        if (value === undefined || refused(`answers.${key}`)) continue;
        const answer = answers[key];
        if (answer === undefined) {
          Object.assign(answers, { [key]: value });
        } else if (answer !== value) {
          const [mine, theirs] = key === 'birthDate' ? [{ zh: answer, en: answer }, { zh: value, en: value }] : [optionLabel(key, answer), optionLabel(key, value)];
          problems.add(`answers.${key}`, () => ({
            path: `answers.${key}`,
            code: 'conflict',
            message: {
              zh: `回答的${name.zh}（${mine.zh}）和残疾人证号码里的（${theirs.zh}）不一样。请检查哪一个是对的。`,
              en: `The ${name.en} given (${mine.en}) differs from the one in the certificate number (${theirs.en}): please check which is right.`,
            },
          }));
        }
      }
    }
  }

  if (Array.isArray(body.dontKnow) && !problems.at('dontKnow')) {
    body.dontKnow.forEach((id, i) => {
      const path = `dontKnow[${i}]`;
      if (problems.at(path)) return;
      if (raw[id as string] !== undefined) {
        problems.add(path, () => ({
          path,
          code: 'conflict',
          message: {
            zh: `问题“${id}”已经在 answers 里回答了，不能同时是“不知道”。`,
            en: `The question "${id}" is answered in answers, so it cannot also be “I don’t know”.`,
          },
        }));
      } else skipped.add(id as QuestionId);
    });
  }

  if (problems.count || !asOf) return { ok: false, problems: problems.listed, moreProblems: problems.unlisted };
  return { ok: true, value: { region: regions.get(body.region as string)!, asOf, answers, skipped: [...skipped], warnings } };
}

/**
 * What every answer type is: how its value is read from the fields a form posts (the no-JS
 * pages and the island post the same fields), what can be wrong with it (an error code and the
 * field to point at), and how a saved value goes back into the fields. Each type's zod schema
 * for the same value, as JSON, sits beside it in its own module under the name `<type>Schema`,
 * a separate export so that the island, which only reads forms, never bundles zod.
 * Messages live once, in the UI strings: `answerMessageKey(code)` names the key.
 * Compare forms-runner's `app/models/question/*.rb`: one small class per answer type.
 */

/** The fields of a posted form. `getAll` is needed only by types that read repeated fields. */
export interface Fields {
  get(name: string): string | null | undefined;
  getAll?(name: string): string[];
}

/** Field values to show in a form: a repeated field (checkboxes) as a list. */
export type FieldValues = Record<string, string | readonly string[]>;

/** What reading may depend on besides the fields: today, YYYY-MM-DD (Asia/Shanghai). */
export interface ReadContext {
  asOf: string;
}

/** The value `dontKnow` posts for "I don't know", wherever that is an honest answer. */
export const DONT_KNOW = 'dontKnow';

/**
 * One thing wrong with an answer: `code` names the message (see `answerMessageKey`) and `field`
 * the posted field to put right, which the page links the error summary to.
 */
export interface AnswerError {
  code: AnswerErrorCode;
  field: string;
}

/** Every error code an answer type can give. */
export const ANSWER_ERROR_CODES = [
  'required',
  'option',
  'tooMany',
  'exclusive',
  'dateRequired',
  'dateInvalid',
  'dateFuture',
  'dateTooOld',
  'textRequired',
  'textTooLong',
  'textCharacters',
  'phoneInvalid',
  'certificateMismatch',
  'childNeedsGuardian',
  'certificate.empty',
  'certificate.length',
  'certificate.category',
  'certificate.level',
  'idNumber.empty',
  'idNumber.length',
  'idNumber.characters',
  'idNumber.birthDate',
  'idNumber.birthDateFuture',
  'idNumber.checkCharacter',
] as const;
export type AnswerErrorCode = (typeof ANSWER_ERROR_CODES)[number];

/**
 * A read answer: a value, "I don't know", or what is wrong (`more`: the further problems of an
 * answer of several fields, a page of questions, each listed in the error summary).
 */
export type Read<V> = { kind: 'value'; value: V } | { kind: 'dontKnow' } | { kind: 'error'; error: AnswerError; more?: AnswerError[] };

export interface AnswerType<V> {
  /** The type's name, for the page to choose its markup: `yesNo`, `oneOf`, `date`… */
  readonly kind: string;
  /** The names of the fields it posts, in page order (the first is where an error with no field points). */
  readonly fields: readonly string[];
  /** Whether "I don't know" is offered (and read from `answer=dontKnow`). */
  readonly allowsUnknown: boolean;
  /** A text answer's most characters, for documents that describe it (the read enforces it). */
  readonly maxLength?: number;
  read(fields: Fields, context: ReadContext): Read<V>;
  /** A saved value as the fields that would post it: the inverse of `read`. */
  toFields(value: V): FieldValues;
}

/** The UI-string key of an error code's message: identity codes under `identity.*`, the rest under `answers.error.*`. */
export const answerMessageKey = (code: AnswerErrorCode): string =>
  code.startsWith('certificate.') || code.startsWith('idNumber.') ? `identity.${code}` : `answers.error.${code}`;

export const value = <V>(v: V): Read<V> => ({ kind: 'value', value: v });
export const dontKnow = <V>(): Read<V> => ({ kind: 'dontKnow' });
export const error = <V>(code: AnswerErrorCode, field: string): Read<V> => ({ kind: 'error', error: { code, field } });

/**
 * A value kept as JSON (a draft's, the API's, the self-check's), read back by `type` as if its
 * fields had been posted from a page: the value the type gives, or the code of its refusal. So a
 * value reaches an answer only through the type's own read. A value of the wrong shape for the
 * type (a list for a yes/no, say) is refused as `option`.
 */
export function readKept(type: AnswerType<unknown>, kept: unknown, context: ReadContext): { ok: true; value: unknown } | { ok: false; code: AnswerErrorCode } {
  // "I don't know" is kept as itself, where the type offers it.
  if (kept === DONT_KNOW) return type.allowsUnknown ? { ok: true, value: DONT_KNOW } : { ok: false, code: 'option' };
  let fields: FieldValues;
  try {
    fields = type.toFields(kept as never);
  } catch {
    return { ok: false, code: 'option' };
  }
  const read = type.read({ get: (n) => [fields[n] ?? []].flat()[0], getAll: (n) => [fields[n] ?? []].flat() }, context);
  // The kept value must be of the kind the type gives (a yes/no a boolean, a list a list): a type's
  // toFields is lenient ("maybe" would post as yes, 42 as "none of these").
  const shape = (v: unknown) => (Array.isArray(v) ? 'array' : typeof v);
  if (read.kind === 'value') return shape(read.value) === shape(kept) ? { ok: true, value: read.value } : { ok: false, code: 'option' };
  if (read.kind === 'dontKnow') return { ok: false, code: 'option' };
  return { ok: false, code: read.error.code };
}

/** A posted form's fields as the answer types read them (a file's field reads as its name, never its bytes). */
export const formDataFields = (data: FormData): Fields => ({ get: (n) => data.get(n)?.toString(), getAll: (n) => data.getAll(n).map(String) });

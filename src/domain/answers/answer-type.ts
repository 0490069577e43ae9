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

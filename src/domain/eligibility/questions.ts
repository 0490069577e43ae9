/**
 * The self-check's questions as data (smart-answers style): id, answer type, options, when to
 * ask. Wording lives in the UI strings under `selfCheck.<id>.*`. Order is the order asked
 * when several would help.
 */
import { CATEGORIES } from '../identity';
import type { Answers, QuestionId } from './engine';

export type AnswerType = 'yesNo' | 'choice' | 'date' | 'level';

export interface Question {
  id: QuestionId;
  type: AnswerType;
  /** For `choice`: the allowed values, in display order. */
  options?: readonly string[];
  /** Whether "I don't know" is an honest answer (it leaves the answer not known). */
  allowsUnknown: boolean;
  /** Ask only when this holds (e.g. category matters only for someone with a certificate). */
  askWhen: (answers: Answers) => boolean;
}

const always = () => true;

export const QUESTIONS: Question[] = [
  { id: 'hasCertificate', type: 'yesNo', allowsUnknown: true, askWhen: always },
  { id: 'birthDate', type: 'date', allowsUnknown: false, askWhen: always },
  { id: 'household', type: 'choice', options: ['dibao', 'low-income', 'tekun', 'registered-poor', 'none'], allowsUnknown: true, askWhen: always },
  { id: 'level', type: 'level', allowsUnknown: true, askWhen: (a) => a.hasCertificate === true },
  { id: 'category', type: 'choice', options: CATEGORIES, allowsUnknown: true, askWhen: always },
  { id: 'needsLongTermCare', type: 'yesNo', allowsUnknown: true, askWhen: always },
  { id: 'isAutistic', type: 'yesNo', allowsUnknown: true, askWhen: always },
];

/**
 * A self-check question as JSON (`GET /api/questions`, the `next` of `POST /api/eligibility`):
 * its data without its `askWhen` function, its answer type named as the API has always named it.
 */
import type { Question } from '../../domain/eligibility';

/** The API's name for an answer type: `yesNo`, `choice`, `level` (a numbered choice), `date`, `certificate`. */
const apiType = (q: Question): 'yesNo' | 'choice' | 'level' | 'date' | 'certificate' => {
  switch (q.answer.kind) {
    case 'yesNo':
      return 'yesNo';
    case 'date':
      return 'date';
    case 'certificateNumber':
      return 'certificate';
    default:
      return q.id === 'level' ? 'level' : 'choice';
  }
};

export function questionJson(q: Question) {
  return {
    id: q.id,
    type: apiType(q),
    label: q.label,
    ...(q.hint ? { hint: q.hint } : {}),
    options: (q.options ?? []).map((o) => ({ value: o.value, label: o.label, ...(o.hint ? { hint: o.hint } : {}) })),
    allowsUnknown: q.answer.allowsUnknown,
    fills: [...(q.fills ?? [])],
  };
}
export type QuestionJson = ReturnType<typeof questionJson>;

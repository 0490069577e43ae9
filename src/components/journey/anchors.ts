/**
 * Where an error summary entry links: the input to put right, by the answer type's markup in
 * AnswerFields.astro (the first radio of a group, the date box at fault, the text box).
 */
export function fieldAnchor(kind: string, name: string, field: string): string {
  if (kind === 'date') return `#date-${['year', 'month', 'day'].includes(field) ? field : 'year'}`;
  if (kind === 'yesNo' || kind === 'oneOf' || kind === 'manyOf') return `#${name}-0`;
  return `#${name}`;
}

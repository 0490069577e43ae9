/** Resident ID and disability certificate numbers: parse, validate, derive. Pure. */
export * from './id-number';
export * from './certificate-number';

/**
 * Age in full years (周岁) on `asOf` (both YYYY-MM-DD), by the Gregorian calendar, with a year of
 * age reached on the day after the birthday: "'周岁'，按照公历的年、月、日计算，从周岁生日的第二天
 * 起算" (最高人民法院关于审理未成年人刑事案件具体应用法律若干问题的解释 第二条, content/sources
 * age-counting). That text defines 周岁 for the Criminal Law; no text we hold defines it for
 * social assistance, and we follow the same count so a child is "6岁" through their 7th birthday
 * (a limit such as "0-6岁" includes its last day, never excludes it early). A birthday on 29
 * February counts as reached on 1 March in a common year. A child born on `asOf` is 0; a birth
 * date after `asOf` gives -1.
 */
export function ageOn(birthDate: string, asOf: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  if (birthDate > asOf) return -1;
  return Math.max(0, y - by - (m < bm || (m === bm && d <= bd) ? 1 : 0));
}

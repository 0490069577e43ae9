/** Resident ID and disability certificate numbers: parse, validate, derive. Pure. */
export * from './id-number';
export * from './certificate-number';

/** Age in whole years on `asOf` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, asOf: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

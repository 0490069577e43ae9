/**
 * Made-up people for tests: valid ID numbers (GB 11643's check character computed) for a birth
 * date, in 吉林市 (220201) unless said. No real person's number is ever used.
 */
import { checkCharacter } from '../src/domain/identity';

/** A valid ID number born on `birth` (YYYYMMDD). */
export const idFor = (birth: string, region = '220201', sequence = '123') => `${region}${birth}${sequence}${checkCharacter(`${region}${birth}${sequence}`)}`;

/** The services each test region offers, as the API's region table gives them. */
export const TEST_REGION_SERVICES = new Map<string, readonly string[]>([
  ['jilin-city', ['living-subsidy', 'nursing-subsidy', 'child-rehabilitation', 'student-aid', 'home-accessibility', 'autism-care-subsidy']],
  ['changsha-yuhua', ['living-subsidy', 'nursing-subsidy', 'child-rehabilitation', 'home-accessibility']],
]);

/** The issue's example body for `POST /api/applications`: a daughter applies for her father's two subsidies. */
export function exampleApplication(over: Record<string, unknown> = {}, person = idFor('19560307')) {
  return {
    form: 'two-subsidies',
    region: 'jilin-city',
    applicant: {
      name: '王建国',
      idNumber: person,
      certificateNumber: `${person}42`,
      address: '吉林市船营区某街1号',
    },
    submitter: {
      name: '王丽',
      relationship: 'supportDuty',
      phone: '138 0000 1234',
      idNumber: idFor('19850101'),
    },
    answers: {
      household: 'dibao',
      needsLongTermCare: true,
      subsidies: ['living-subsidy', 'nursing-subsidy'],
    },
    consent: { sensitiveData: true, declaration: true },
    ...over,
  };
}

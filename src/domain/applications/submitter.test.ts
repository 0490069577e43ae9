import { describe, expect, it } from 'vitest';
import { asksSubmitterDetails, consentGiver, needsLetterOfAuthorisation, roleProblem, SUBMITTER_ROLES, submitterRole } from './submitter';

const read = (role: string | undefined) => submitterRole.read({ get: (n) => (n === 'role' ? role : undefined) }, { asOf: '2026-12-02' });

describe('who is applying', () => {
  it('reads each role, and refuses none or another', () => {
    for (const role of SUBMITTER_ROLES) expect(read(role)).toEqual({ kind: 'value', value: role });
    expect(read(undefined)).toEqual({ kind: 'error', error: { code: 'required', field: 'role' } });
    expect(read('neighbour')).toEqual({ kind: 'error', error: { code: 'option', field: 'role' } });
    expect(read('dontKnow')).toEqual({ kind: 'error', error: { code: 'option', field: 'role' } });
  });

  it('asks the submitter about themself whenever it is not the person', () => {
    expect(SUBMITTER_ROLES.filter(asksSubmitterDetails)).toEqual(['guardian', 'supportDuty', 'committee', 'authorised']);
  });

  it('needs a letter of authorisation from another person only', () => {
    expect(SUBMITTER_ROLES.filter(needsLetterOfAuthorisation)).toEqual(['authorised']);
  });

  it.each([
    ['self', 30, 'person'],
    ['supportDuty', 70, 'person'],
    ['committee', 50, 'person'],
    ['authorised', 40, 'person'],
    ['guardian', 30, 'guardian'],
    ['guardian', 8, 'guardian'],
    ['supportDuty', 13, 'guardian'],
    ['supportDuty', 14, 'person'],
  ] as const)('%s for a person of %i: consent from the %s', (role, age, who) => {
    expect(consentGiver(role, age)).toBe(who);
  });

  it('has a child under 14 applied for by someone else, never alone', () => {
    expect(SUBMITTER_ROLES.filter((r) => roleProblem(r, 13) !== undefined)).toEqual(['self']);
    expect(SUBMITTER_ROLES.filter((r) => roleProblem(r, 14) === undefined)).toEqual([...SUBMITTER_ROLES]);
  });
});

/**
 * The decisions as a state machine: every move from every state by every role, against a table
 * written here independently of the chains' data; what each move records; what a refusal and a
 * request need; the office holding the case; each form's chain.
 */
import { describe, expect, it } from 'vitest';
import { ACTIONS, CASE_STATUSES, CHALLENGE_ROUTE, ROLES, actionsFor, holderOf, mayAssign, move, type Action, type ActionKind, type CaseState, type CaseStatus, type Chain, type Role } from './decisions';
import { FORMS } from './forms';

const AT = '2026-12-02T08:00:00.000Z';
const ACTION: Record<ActionKind, Action> = {
  accept: { kind: 'accept' },
  review: { kind: 'review' },
  approve: { kind: 'approve' },
  refuse: { kind: 'refuse', reason: 'conditionsNotMet', text: '残疾等级不符合护理补贴条件' },
  requestInformation: { kind: 'requestInformation', items: ['户口簿首页复印件'], due: '2026-12-16' },
  reply: { kind: 'reply', text: '已上传' },
  withdraw: { kind: 'withdraw' },
};

/** The allowed moves, as the issue and the statutory route say them: [status, action, role, to]. */
const ALLOWED: Record<Chain, [CaseStatus, ActionKind, Role, CaseStatus][]> = {
  statutory: [
    ['submitted', 'accept', 'townshipClerk', 'accepted'],
    ['accepted', 'review', 'countyDpfReviewer', 'reviewed'],
    ['reviewed', 'approve', 'countyCivilAffairsApprover', 'approved'],
    ['reviewed', 'refuse', 'countyCivilAffairsApprover', 'refused'],
    ['submitted', 'requestInformation', 'townshipClerk', 'submitted'],
    ['accepted', 'requestInformation', 'countyDpfReviewer', 'accepted'],
    ['reviewed', 'requestInformation', 'countyCivilAffairsApprover', 'reviewed'],
    ['submitted', 'withdraw', 'applicant', 'withdrawn'],
    ['accepted', 'withdraw', 'applicant', 'withdrawn'],
    ['reviewed', 'withdraw', 'applicant', 'withdrawn'],
    // A reply only while a request waits (below).
  ],
  short: [
    ['submitted', 'accept', 'countyDpfReviewer', 'accepted'],
    ['accepted', 'approve', 'countyDpfReviewer', 'approved'],
    ['accepted', 'refuse', 'countyDpfReviewer', 'refused'],
    ['submitted', 'requestInformation', 'countyDpfReviewer', 'submitted'],
    ['accepted', 'requestInformation', 'countyDpfReviewer', 'accepted'],
    ['submitted', 'withdraw', 'applicant', 'withdrawn'],
    ['accepted', 'withdraw', 'applicant', 'withdrawn'],
  ],
};

const waitingFrom = (status: CaseStatus, chain: Chain): CaseState => {
  const holder = ALLOWED[chain].find(([s, a]) => s === status && a === 'requestInformation')!;
  return { status, waiting: { items: ['户口簿'], due: '2026-12-16', by: holder[2] as never, at: AT } };
};

describe.each(['statutory', 'short'] as const)('the %s chain', (chain) => {
  const cases = CASE_STATUSES.flatMap((status) => ACTIONS.flatMap((action) => ROLES.map((role) => [status, action, role] as const)));

  it.each(cases)('from %s, %s by %s: allowed only as the table says', (status, action, role) => {
    const allowed = ALLOWED[chain].find(([s, a, r]) => s === status && a === action && r === role);
    const moved = move(chain, { status }, ACTION[action], { id: 'staff-1', role }, AT);
    if (allowed) {
      expect(moved).toMatchObject({ ok: true, state: { status: allowed[3] }, event: { action, actor: 'staff-1', role, from: status, to: allowed[3], at: AT } });
    } else {
      // Why: another role's move; a reply with nothing asked (the applicant's) on an open case;
      // else a move that does not exist from here.
      const openHere = ALLOWED[chain].some(([s, a]) => s === status && a === 'withdraw');
      const expected = ALLOWED[chain].some(([s, a]) => s === status && a === action)
        ? 'wrongRole'
        : action === 'reply' && openHere
          ? role === 'applicant'
            ? 'nothingToReply'
            : 'wrongRole'
          : 'notFromHere';
      expect(moved).toEqual({ ok: false, problem: expected });
    }
    expect(actionsFor(chain, { status }, role).includes(action)).toBe(!!allowed);
  });

  const open = [...new Set(ALLOWED[chain].filter(([, a]) => a === 'requestInformation').map(([s]) => s))];
  it.each(open.flatMap((status) => ACTIONS.flatMap((action) => ROLES.map((role) => [status, action, role] as const))))(
    'from %s with a request waiting, %s by %s: only the reply, another request or a withdrawal',
    (status, action, role) => {
      const state = waitingFrom(status, chain);
      const moved = move(chain, state, ACTION[action], { id: 'p', role }, AT);
      const holder = ALLOWED[chain].find(([s, a]) => s === status && a === 'requestInformation')![2];
      const ok = (action === 'reply' && role === 'applicant') || (action === 'requestInformation' && role === holder) || (action === 'withdraw' && role === 'applicant');
      expect(moved.ok, JSON.stringify(moved)).toBe(ok);
      if (ok && action === 'reply') expect(moved).toMatchObject({ state: { status }, event: { from: status, to: status, text: '已上传' } });
      if (ok && action === 'reply' && moved.ok) expect(moved.state.waiting).toBeUndefined();
      if (!ok && !moved.ok && ['accept', 'review', 'approve', 'refuse'].includes(action) && ALLOWED[chain].some(([s, a, r]) => s === status && a === action && r === role))
        expect(moved.problem).toBe('waitingForApplicant');
    },
  );
});

describe('what a move needs and records', () => {
  const approver = { id: 'a-1', role: 'countyCivilAffairsApprover' as const };
  it('refuses a refusal without its reason code or its text, and records both', () => {
    expect(move('statutory', { status: 'reviewed' }, { kind: 'refuse', reason: 'other', text: '  ' }, approver, AT)).toEqual({ ok: false, problem: 'incomplete' });
    expect(move('statutory', { status: 'reviewed' }, { kind: 'refuse', reason: 'nonsense' as never, text: '理由' }, approver, AT)).toEqual({ ok: false, problem: 'incomplete' });
    expect(move('statutory', { status: 'reviewed' }, { kind: 'refuse', reason: 'household', text: ' 家庭不是低保家庭 ' }, approver, AT)).toEqual({
      ok: true,
      state: { status: 'refused' },
      event: { action: 'refuse', actor: 'a-1', role: 'countyCivilAffairsApprover', from: 'reviewed', to: 'refused', reason: 'household', text: '家庭不是低保家庭', at: AT },
    });
  });

  it('needs items and a due date for a request, keeps them waiting, and a reply clears them', () => {
    const clerk = { id: 'c-1', role: 'townshipClerk' as const };
    expect(move('statutory', { status: 'submitted' }, { kind: 'requestInformation', items: [' '], due: '2026-12-16' }, clerk, AT)).toEqual({ ok: false, problem: 'incomplete' });
    expect(move('statutory', { status: 'submitted' }, { kind: 'requestInformation', items: ['户口簿'], due: 'soon' }, clerk, AT)).toEqual({ ok: false, problem: 'incomplete' });
    const asked = move('statutory', { status: 'submitted' }, { kind: 'requestInformation', items: ['户口簿', ' '], due: '2026-12-16' }, clerk, AT);
    expect(asked).toMatchObject({ ok: true, state: { status: 'submitted', waiting: { items: ['户口簿'], due: '2026-12-16', by: 'townshipClerk' } }, event: { text: '户口簿' } });
    if (!asked.ok) return;
    expect(move('statutory', asked.state, { kind: 'accept' }, clerk, AT)).toEqual({ ok: false, problem: 'waitingForApplicant' });
    expect(move('statutory', asked.state, { kind: 'reply', text: '' }, { id: 'x', role: 'applicant' }, AT)).toEqual({ ok: false, problem: 'incomplete' });
    const replied = move('statutory', asked.state, { kind: 'reply', text: '户口簿已上传' }, { id: 'x', role: 'applicant' }, AT);
    expect(replied).toMatchObject({ ok: true, state: { status: 'submitted' } });
    if (replied.ok) expect(move('statutory', replied.state, { kind: 'accept' }, clerk, AT).ok).toBe(true);
  });

  it('names the office holding the case at each stage, none once closed', () => {
    expect(CASE_STATUSES.map((s) => holderOf('statutory', s))).toEqual(['township', 'countyDpf', 'countyCivilAffairs', 'none', 'none', 'none']);
    expect(CASE_STATUSES.map((s) => holderOf('short', s))).toEqual(['countyDpf', 'countyDpf', 'none', 'none', 'none', 'none']);
  });

  it('gives each form a chain whose first holder is its first office, and a refusal its route to challenge with sources', () => {
    for (const form of FORMS) expect(holderOf(form.chain, 'submitted'), form.id).toBe(form.firstOffice);
    expect(FORMS.find((f) => f.id === 'two-subsidies')!.chain).toBe('statutory');
    expect(CHALLENGE_ROUTE.text.zh).toContain('行政复议');
    expect(CHALLENGE_ROUTE.sources).toEqual(['social-assistance-measures#challenge-a-decision', 'social-assistance-measures#refusal-in-writing']);
  });
});

describe('assigning a case', () => {
  const clerk = { id: 'c1', role: 'townshipClerk' as const };
  const other = { id: 'c2', role: 'townshipClerk' as const, inRegion: true };
  const supervisor = { id: 's', role: 'supervisor' as const };
  it('lets a member of the holding office take an unassigned case and give back their own, nothing else', () => {
    expect(mayAssign('statutory', 'submitted', null, clerk, { ...clerk, inRegion: true })).toBeUndefined();
    expect(mayAssign('statutory', 'submitted', 'c1', clerk, null)).toBeUndefined();
    expect(mayAssign('statutory', 'submitted', 'c2', clerk, { ...clerk, inRegion: true })).toBe('taken');
    expect(mayAssign('statutory', 'submitted', 'c2', clerk, null)).toBe('taken');
    expect(mayAssign('statutory', 'submitted', null, clerk, other)).toBe('wrongRole');
    expect(mayAssign('statutory', 'submitted', null, clerk, null)).toBe('wrongRole');
    expect(mayAssign('statutory', 'accepted', null, clerk, { ...clerk, inRegion: true })).toBe('notEligible');
    expect(mayAssign('statutory', 'accepted', null, { id: 'r', role: 'countyDpfReviewer' }, { id: 'r', role: 'countyDpfReviewer', inRegion: true })).toBeUndefined();
    expect(mayAssign('statutory', 'submitted', null, { id: 'r', role: 'countyDpfReviewer' }, { id: 'c1', role: 'townshipClerk', inRegion: true })).toBe('wrongRole');
  });
  it('lets a supervisor give it to any member of the holding office’s role in its region, or to nobody', () => {
    expect(mayAssign('statutory', 'submitted', 'c1', supervisor, other)).toBeUndefined();
    expect(mayAssign('statutory', 'submitted', 'c1', supervisor, null)).toBeUndefined();
    expect(mayAssign('statutory', 'submitted', null, supervisor, { ...other, inRegion: false })).toBe('notEligible');
    expect(mayAssign('statutory', 'reviewed', null, supervisor, other)).toBe('notEligible');
    expect(mayAssign('short', 'submitted', null, supervisor, { id: 'r', role: 'countyDpfReviewer', inRegion: true })).toBeUndefined();
  });
  it('assigns nothing once the case is closed', () => {
    for (const status of ['approved', 'refused', 'withdrawn'] as const) expect(mayAssign('statutory', status, null, supervisor, null)).toBe('closed');
  });
});

/**
 * 审核审批 The decisions on an application as a state machine (issue 13 point 4), as data per
 * form. The two subsidies follow the statutory chain (Nan'an's guide, quoted in
 * content/sources): the township or sub-district accepts and does the first check, the county DPF
 * reviews the certificate and level, the county civil-affairs bureau approves or refuses. Forms
 * without a statutory chain have a shorter one: the county DPF accepts and decides. At any open
 * stage the office holding the case may ask the applicant for information (items and a due date)
 * and the applicant replies; the applicant may withdraw while the case is open.
 *
 * Each move is allowed for one role only; anything else is refused here, in the domain, with a
 * reason a program can act on, whatever a page shows. A refusal needs a reason code and a text,
 * and carries the route to challenge it. Every move gives the event to record: who, in which
 * role, from, to, why, when. Pure: the time comes in.
 */
import type { Text } from '../eligibility/criteria';
import { STATUSES, type Office, type Status } from './status.ts';

/** Where a case stands. `submitted` to `reviewed` are open; the rest are closed. */
export const CASE_STATUSES = STATUSES;
export type CaseStatus = Status;

/** Who acts on a case: the applicant, or staff in one role (issue 13 point 3). */
export const STAFF_ROLES = ['townshipClerk', 'countyDpfReviewer', 'countyCivilAffairsApprover', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = StaffRole | 'applicant';
export const ROLES: readonly Role[] = [...STAFF_ROLES, 'applicant'];

/** Which office holds a case (status.ts): the first office, the county civil-affairs bureau that decides, none once closed. */
export type Holder = Office;

/**
 * The office each role works for, as the applicant is told who has looked at their file
 * (PIPL Art. 45); a supervisor and an administrator are named as such.
 */
export const OFFICE_OF_ROLE: Record<StaffRole, Office | 'supervisor' | 'admin'> = {
  townshipClerk: 'township',
  countyDpfReviewer: 'countyDpf',
  countyCivilAffairsApprover: 'countyCivilAffairs',
  supervisor: 'supervisor',
  admin: 'admin',
};

/** The statutory chain of the two subsidies, or the shorter one of every other form. */
export type Chain = 'statutory' | 'short';

export const ACTIONS = ['accept', 'review', 'approve', 'refuse', 'requestInformation', 'reply', 'withdraw'] as const;
export type ActionKind = (typeof ACTIONS)[number];

/** Why a case is refused: a code for reports, always with the decider's own text. */
export const REFUSAL_REASONS = ['conditionsNotMet', 'certificateOrLevel', 'household', 'informationNotProvided', 'other'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type Action =
  | { kind: 'accept' | 'review' | 'approve' | 'withdraw' }
  | { kind: 'refuse'; reason: RefusalReason; text: string }
  | { kind: 'requestInformation'; items: readonly string[]; due: string }
  | { kind: 'reply'; text: string };

/** A request for information waiting for the applicant's reply. */
export interface InformationRequest {
  items: readonly string[];
  /** YYYY-MM-DD. */
  due: string;
  /** Who asked (the role holding the case then). */
  by: StaffRole;
  at: string;
}

export interface CaseState {
  status: CaseStatus;
  /** A request the applicant has not answered yet. */
  waiting?: InformationRequest;
}

/** What is recorded of every move. */
export interface CaseEvent {
  action: ActionKind;
  actor: string;
  role: Role;
  from: CaseStatus;
  to: CaseStatus;
  /** The refusal's code, or none. */
  reason?: RefusalReason;
  /** The refusal's text, the items asked for, or the reply. */
  text?: string;
  at: string;
}

export type MoveProblem =
  /** The move does not exist from this status (a closed case, a step skipped or taken twice). */
  | 'notFromHere'
  /** Another role makes this move. */
  | 'wrongRole'
  /** The applicant has not answered a request yet: the case moves on after the reply. */
  | 'waitingForApplicant'
  /** A reply with no request waiting. */
  | 'nothingToReply'
  /** A refusal without its reason and text, a request without items or a due date, an empty reply. */
  | 'incomplete';

export type Moved = { ok: true; state: CaseState; event: CaseEvent } | { ok: false; problem: MoveProblem };

interface Move {
  from: readonly CaseStatus[];
  to?: CaseStatus;
  /** The one role that makes the move; for a request, the role holding the case then. */
  role: Role | ((status: CaseStatus) => StaffRole | undefined);
}

const OPEN: readonly CaseStatus[] = ['submitted', 'accepted', 'reviewed'];

/** Who holds a case at each open status, per chain; the role acting for that office. */
const HOLDERS: Record<Chain, Partial<Record<CaseStatus, { holder: Holder; role: StaffRole }>>> = {
  statutory: {
    submitted: { holder: 'township', role: 'townshipClerk' },
    accepted: { holder: 'countyDpf', role: 'countyDpfReviewer' },
    reviewed: { holder: 'countyCivilAffairs', role: 'countyCivilAffairsApprover' },
  },
  short: {
    submitted: { holder: 'countyDpf', role: 'countyDpfReviewer' },
    accepted: { holder: 'countyDpf', role: 'countyDpfReviewer' },
  },
};

/** The moves of each chain. */
export const CHAINS: Record<Chain, Partial<Record<ActionKind, Move>>> = {
  statutory: {
    accept: { from: ['submitted'], to: 'accepted', role: 'townshipClerk' },
    review: { from: ['accepted'], to: 'reviewed', role: 'countyDpfReviewer' },
    approve: { from: ['reviewed'], to: 'approved', role: 'countyCivilAffairsApprover' },
    refuse: { from: ['reviewed'], to: 'refused', role: 'countyCivilAffairsApprover' },
    requestInformation: { from: OPEN, role: (s) => HOLDERS.statutory[s]?.role },
    reply: { from: OPEN, role: 'applicant' },
    withdraw: { from: OPEN, to: 'withdrawn', role: 'applicant' },
  },
  short: {
    accept: { from: ['submitted'], to: 'accepted', role: 'countyDpfReviewer' },
    approve: { from: ['accepted'], to: 'approved', role: 'countyDpfReviewer' },
    refuse: { from: ['accepted'], to: 'refused', role: 'countyDpfReviewer' },
    requestInformation: { from: ['submitted', 'accepted'], role: (s) => HOLDERS.short[s]?.role },
    reply: { from: ['submitted', 'accepted'], role: 'applicant' },
    withdraw: { from: ['submitted', 'accepted'], to: 'withdrawn', role: 'applicant' },
  },
};

/** The office holding a case in `status`: none once it is closed. */
export const holderOf = (chain: Chain, status: CaseStatus): Holder => HOLDERS[chain][status]?.holder ?? 'none';

/** The role acting for the office that holds a case in `status`; none once it is closed. */
export const holderRoleOf = (chain: Chain, status: CaseStatus): StaffRole | undefined => HOLDERS[chain][status]?.role;

/**
 * Why a case may not be assigned so: it is closed; the member acting holds no role for it; the
 * one it would go to is not of the holding office's role (or not in the case's region); it is
 * someone else's already.
 */
export type AssignProblem = 'closed' | 'wrongRole' | 'notEligible' | 'taken';

/**
 * 分派 Who works on an open case within the office holding it. A member of that office's role
 * takes an unassigned case, or gives back their own; a supervisor gives it to any member of that
 * role in the case's region, or to nobody. A case that moves to another office starts unassigned.
 * Undefined when allowed. Pure.
 */
export function mayAssign(
  chain: Chain,
  status: CaseStatus,
  current: string | null,
  by: { id: string; role: Role },
  to: { id: string; role: Role; inRegion: boolean } | null,
): AssignProblem | undefined {
  const holder = holderRoleOf(chain, status);
  if (!holder) return 'closed';
  if (to && (to.role !== holder || !to.inRegion)) return 'notEligible';
  if (by.role === 'supervisor') return undefined;
  if (by.role !== holder) return 'wrongRole';
  if (to?.id === by.id && current === null) return undefined;
  if (!to && current === by.id) return undefined;
  return current !== null && current !== by.id ? 'taken' : 'wrongRole';
}

const roleFor = (move: Move, status: CaseStatus): Role | undefined => (typeof move.role === 'function' ? move.role(status) : move.role);

/** Whether the action's own content is there: a refusal's reason and text, a request's items and due date, a reply's text. */
function complete(action: Action): boolean {
  if (action.kind === 'refuse') return (REFUSAL_REASONS as readonly string[]).includes(action.reason) && action.text.trim() !== '';
  if (action.kind === 'requestInformation') return action.items.some((i) => i.trim() !== '') && /^\d{4}-\d{2}-\d{2}$/.test(action.due);
  if (action.kind === 'reply') return action.text.trim() !== '';
  return true;
}

/** Why `role` may not make a move of `kind` on a case in `state` now, or undefined when it may (its content aside). */
function permitted(chain: Chain, state: CaseState, kind: ActionKind, role: Role): Exclude<MoveProblem, 'incomplete'> | undefined {
  const rule = CHAINS[chain][kind];
  if (!rule || !rule.from.includes(state.status)) return 'notFromHere';
  if (roleFor(rule, state.status) !== role) return 'wrongRole';
  if (kind === 'reply' && !state.waiting) return 'nothingToReply';
  // While a request waits the case stays where it is: only the reply, another request, or a withdrawal.
  if (state.waiting && !['reply', 'requestInformation', 'withdraw'].includes(kind)) return 'waitingForApplicant';
  return undefined;
}

/**
 * The move `action` by `actor` in `role` on a case of `chain` in `state`, at `at` (ISO time): the
 * new state and the event to record, or why not.
 */
export function move(chain: Chain, state: CaseState, action: Action, actor: { id: string; role: Role }, at: string): Moved {
  const refused = permitted(chain, state, action.kind, actor.role);
  if (refused) return { ok: false, problem: refused };
  const rule = CHAINS[chain][action.kind]!;
  if (!complete(action)) return { ok: false, problem: 'incomplete' };
  const to = rule.to ?? state.status;
  const event: CaseEvent = {
    action: action.kind,
    actor: actor.id,
    role: actor.role,
    from: state.status,
    to,
    at,
    ...(action.kind === 'refuse' && { reason: action.reason, text: action.text.trim() }),
    ...(action.kind === 'requestInformation' && {
      text: action.items
        .map((i) => i.trim())
        .filter(Boolean)
        .join('\n'),
    }),
    ...(action.kind === 'reply' && { text: action.text.trim() }),
  };
  const next: CaseState =
    action.kind === 'requestInformation' ? { status: to, waiting: { items: action.items.map((i) => i.trim()).filter(Boolean), due: action.due, by: actor.role as StaffRole, at } } : { status: to };
  return { ok: true, state: next, event };
}

/** The actions `role` may take on a case now: what a page offers (each move is still checked whole). */
export const actionsFor = (chain: Chain, state: CaseState, role: Role): ActionKind[] => ACTIONS.filter((kind) => !permitted(chain, state, kind, role));

/**
 * 救济途径 How to challenge a refusal. The State Council's Interim Measures on Social Assistance
 * (Art. 65) give people applying for social assistance the right to administrative
 * reconsideration or an administrative lawsuit; Art. 11 (3) has a refusal explained in writing.
 * Time limits and the body to apply to are not in our sources: the written decision states them.
 */
export const CHALLENGE_ROUTE: { text: Text; sources: readonly string[] } = {
  text: {
    zh: '不服这个决定的，可以依法申请行政复议，或者提起行政诉讼。向哪里申请、期限多长，以书面决定上写的为准。可以拨打 12385 咨询，也可以申请法律援助。',
    en: 'If you disagree with the decision, you can apply for administrative reconsideration or bring an administrative lawsuit. Where to apply, and by when, is stated in the written decision. You can call 12385 for advice, or apply for legal aid.',
  },
  sources: ['social-assistance-measures#challenge-a-decision', 'social-assistance-measures#refusal-in-writing'],
};

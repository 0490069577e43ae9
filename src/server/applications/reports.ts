/**
 * 统计报表 Reports for supervisors, over their own scope (issue 13 point 11): applications by
 * service and status; the time cases spent in each stage (median and 90th percentile, over the
 * stages finished); requests for information past their due date, and every one still waiting;
 * and open cases waiting longer than the supervisor's chosen number of days in their stage (the
 * statutory time limits differ between counties and are not in our sources for these regions).
 * Counts only: no personal data.
 */
import type { Kysely } from 'kysely';
import type { InformationRequest } from '../../domain/applications/decisions.ts';
import { OPEN_STATUSES, STATUSES, type Status } from '../../domain/applications/status.ts';
import type { Database } from '../db/schema.ts';
import type { CaseScope } from './cases.ts';

const DAY = 24 * 60 * 60_000;

export interface StageTime {
  /** The stage: the status a case was in. */
  stage: Status;
  /** Stages of this kind finished (the case moved on). */
  finished: number;
  /** In days, one decimal. */
  medianDays: number;
  p90Days: number;
}

export interface WaitingRequest {
  reference: string;
  form: string;
  region: string;
  due: string;
  /** Days past the due date (0 or less: not yet due). */
  daysOverdue: number;
}

export interface LongWaiting {
  reference: string;
  form: string;
  region: string;
  status: Status;
  /** Whole days in the current stage. */
  days: number;
}

export interface Reports {
  byForm: { form: string; counts: Record<Status, number>; total: number }[];
  byStatus: Record<Status, number>;
  total: number;
  stages: StageTime[];
  requests: WaitingRequest[];
  longWaiting: LongWaiting[];
}

/** The value below which `share` of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(share * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

const days = (ms: number) => Math.round((ms / DAY) * 10) / 10;

/** The reports of a scope at `now` (`today` is China's date, YYYY-MM-DD), cases waiting more than `waitingDays` listed. */
export async function reportsFor(db: Kysely<Database>, scope: CaseScope, now: number, today: string, waitingDays: number): Promise<Reports> {
  const empty = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  if (scope.regions.length === 0) return { byForm: [], byStatus: empty, total: 0, stages: [], requests: [], longWaiting: [] };
  const counted = await db
    .selectFrom('applications')
    .select(['form', 'status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('region', 'in', [...scope.regions])
    .groupBy(['form', 'status'])
    .execute();
  const forms = new Map<string, Record<Status, number>>();
  const byStatus = { ...empty };
  for (const row of counted) {
    const counts = forms.get(row.form) ?? { ...empty };
    counts[row.status as Status] = Number(row.n);
    forms.set(row.form, counts);
    byStatus[row.status as Status] += Number(row.n);
  }
  const byForm = [...forms].map(([form, counts]) => ({ form, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) })).sort((a, b) => b.total - a.total || a.form.localeCompare(b.form));

  // Each step's time: from it to the next step of the same case is time spent in its status.
  const events = await db
    .selectFrom('application_events')
    .innerJoin('applications', 'applications.id', 'application_events.application_id')
    .select(['application_events.application_id as id', 'application_events.seq', 'application_events.status', 'application_events.at'])
    .where('applications.region', 'in', [...scope.regions])
    .orderBy('application_events.application_id')
    .orderBy('application_events.seq')
    .execute();
  const spent = new Map<Status, number[]>();
  const lastStepAt = new Map<string, string>();
  for (let i = 0; i < events.length; i++) {
    const step = events[i]!;
    const next = events[i + 1];
    lastStepAt.set(step.id, step.at);
    if (!next || next.id !== step.id || next.status === step.status) continue;
    const list = spent.get(step.status as Status) ?? [];
    list.push(Date.parse(next.at) - Date.parse(step.at));
    spent.set(step.status as Status, list);
  }
  const stages = OPEN_STATUSES.map((stage) => {
    const sorted = (spent.get(stage) ?? []).sort((a, b) => a - b);
    return { stage, finished: sorted.length, medianDays: days(percentile(sorted, 0.5)), p90Days: days(percentile(sorted, 0.9)) };
  });

  const open = await db
    .selectFrom('applications')
    .select(['id', 'reference', 'form', 'region', 'status', 'waiting', 'updated_at'])
    .where('region', 'in', [...scope.regions])
    .where('status', 'in', [...OPEN_STATUSES])
    .orderBy('created_at')
    .execute();
  const requests: WaitingRequest[] = [];
  const longWaiting: LongWaiting[] = [];
  for (const row of open) {
    if (row.waiting) {
      const waiting = JSON.parse(row.waiting) as InformationRequest;
      requests.push({ reference: row.reference, form: row.form, region: row.region, due: waiting.due, daysOverdue: Math.round((Date.parse(today) - Date.parse(waiting.due)) / DAY) });
    }
    const since = Date.parse(lastStepAt.get(row.id) ?? row.updated_at);
    const inStage = Math.floor((now - since) / DAY);
    if (inStage > waitingDays) longWaiting.push({ reference: row.reference, form: row.form, region: row.region, status: row.status as Status, days: inStage });
  }
  requests.sort((a, b) => b.daysOverdue - a.daysOverdue || a.reference.localeCompare(b.reference));
  longWaiting.sort((a, b) => b.days - a.days || a.reference.localeCompare(b.reference));
  return { byForm, byStatus, total: byForm.reduce((a, f) => a + f.total, 0), stages, requests, longWaiting };
}

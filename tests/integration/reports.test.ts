/**
 * Supervisors' reports on both engines (issue 13 point 11), from cases with known histories:
 * counts by service and status within the scope only; the days spent in each finished stage
 * (median and 90th percentile); requests for information waiting, the overdue ones first; and
 * cases waiting longer than the days chosen.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { percentile, reportsFor } from '../../src/server/applications/reports';
import type { Database } from '../../src/server/db/schema';
import { ENGINES, migratedDatabase } from '../databases';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T02:00:00Z');
const NOW = T0 + 40 * DAY;
const TODAY = new Date(NOW).toISOString().slice(0, 10);

/** A case with its steps, each `[status, day]`, and a request waiting if `due` is given. */
async function aCase(db: Kysely<Database>, form: string, region: string, steps: [string, number][], due?: string) {
  const id = randomUUID();
  const reference = randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase();
  const at = (day: number) => new Date(T0 + day * DAY).toISOString();
  const [last] = steps.slice(-1);
  await db
    .insertInto('applications')
    .values({
      id,
      reference,
      access_hash: 'x',
      form,
      region,
      status: last![0],
      office: 'township',
      open_key: null,
      data: '{}',
      prescreen: '{}',
      created_at: at(steps[0]![1]),
      updated_at: at(last![1]),
      waiting: due ? JSON.stringify({ items: ['户口簿'], due, by: 'townshipClerk', at: at(last![1]) }) : null,
    })
    .execute();
  await db
    .insertInto('application_events')
    .values(steps.map(([status, day], i) => ({ application_id: id, seq: i + 1, status, office: 'township', actor: 'x', reason: null, at: at(day) })))
    .execute();
  return reference;
}

describe('percentile', () => {
  it('is the nearest rank', () => {
    expect(percentile([], 0.5)).toBe(0);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([7], 0.9)).toBe(7);
  });
});

describe.each(ENGINES)('reports on $name', (engine) => {
  const database = migratedDatabase(engine);

  it.skipIf(!engine.available)('count, time and list what the supervisor’s scope holds, and nothing outside it', async () => {
    const db = database.db;
    // Three accepted after 2, 4 and 10 days; two of them reviewed 5 and 7 days later; one approved 1 day after.
    await aCase(db, 'two-subsidies', 'jilin-city', [['submitted', 0], ['accepted', 2], ['reviewed', 7], ['approved', 8]]);
    await aCase(db, 'two-subsidies', 'jilin-city', [['submitted', 0], ['accepted', 4], ['reviewed', 11]]);
    const slow = await aCase(db, 'two-subsidies', 'jilin-city', [['submitted', 0], ['accepted', 10]]);
    // Waiting for information: one overdue by 5 days, one not yet due; the second has waited 39 days at submitted.
    const late = await aCase(db, 'child-rehabilitation', 'jilin-city', [['submitted', 30]], new Date(NOW - 5 * DAY).toISOString().slice(0, 10));
    const early = await aCase(db, 'child-rehabilitation', 'jilin-city', [['submitted', 1]], '2099-01-01');
    // Closed, and one outside the scope.
    await aCase(db, 'two-subsidies', 'jilin-city', [['submitted', 0], ['withdrawn', 3]]);
    await aCase(db, 'two-subsidies', 'changsha-yuhua', [['submitted', 0], ['accepted', 1]]);

    const r = await reportsFor(db, { regions: ['jilin-city'] }, NOW, TODAY, 20);
    expect(r.total).toBe(6);
    expect(r.byForm).toEqual([
      { form: 'two-subsidies', total: 4, counts: { submitted: 0, accepted: 1, reviewed: 1, approved: 1, refused: 0, withdrawn: 1 } },
      { form: 'child-rehabilitation', total: 2, counts: { submitted: 2, accepted: 0, reviewed: 0, approved: 0, refused: 0, withdrawn: 0 } },
    ]);
    expect(r.byStatus).toEqual({ submitted: 2, accepted: 1, reviewed: 1, approved: 1, refused: 0, withdrawn: 1 });
    expect(r.stages).toEqual([
      // submitted → next: 2, 3 (withdrawn), 4, 10 days.
      { stage: 'submitted', finished: 4, medianDays: 3, p90Days: 10 },
      { stage: 'accepted', finished: 2, medianDays: 5, p90Days: 7 },
      { stage: 'reviewed', finished: 1, medianDays: 1, p90Days: 1 },
    ]);
    expect(r.requests.map((q) => [q.reference, q.daysOverdue > 0])).toEqual([
      [late, true],
      [early, false],
    ]);
    expect(r.requests[0]!.daysOverdue).toBe(5);
    // In their current stage more than 20 days: accepted on day 10 (30 days), reviewed on day 11 (29), submitted on day 1 (39); day 30 (10) is not.
    expect(r.longWaiting.map((w) => [w.reference === slow ? 'slow' : w.reference === early ? 'early' : 'other', w.days])).toEqual([
      ['early', 39],
      ['slow', 30],
      ['other', 29],
    ]);
    expect(await reportsFor(db, { regions: [] }, NOW, TODAY, 20)).toMatchObject({ total: 0, byForm: [], stages: [] });
  });
});

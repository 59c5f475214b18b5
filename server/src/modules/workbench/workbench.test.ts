// The workbench (工作台) per role: every count equals what the list it links to returns for the
// same filters (its total, or its rows), each role gets the items of its job, and a township sees
// nothing of another township's.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, type WorkItem } from '@taishan/domain';
import { enterpriseBody, makeDepartment, makeUser, openTestApp, type TestApp } from '../../test/harness.ts';
import { todayInShanghai } from '../../time.ts';
import { Workbench } from './registry.ts';

const COUNTY = '320582000000';
const TOWN_A = '320582100000';
const TOWN_B = '320582101000';

type Workbench_ = { today: string; items: WorkItem[]; unavailable: string[] };

describe('workbench (工作台)', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const ent: Record<string, string> = {};
  const today = todayInShanghai();
  const get = async (user: string, url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie: cookies[user] as string } });
    assert.equal(res.statusCode, 200, `${user} ${url}: ${res.body}`);
    return res.json();
  };
  const workbench = (user: string): Promise<Workbench_> => get(user, '/api/v1/workbench');
  const count = (wb: Workbench_, kind: string) => wb.items.find((i) => i.kind === kind)?.count;

  before(async () => {
    t = await openTestApp();
    cookies.admin = await t.login('admin');
    const make = async (key: string, n: number, region: string, industryCode: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/enterprises',
        headers: { cookie: cookies.admin as string },
        payload: enterpriseBody(n, region, { industryCode }),
      });
      assert.equal(res.statusCode, 201, res.body);
      ent[key] = res.json().id;
    };
    await make('chemA', 1, TOWN_A, '2614');
    await make('buildA', 2, TOWN_A, '4700');
    await make('chemB', 3, TOWN_B, '2614');
    const dept = await makeDepartment(t.db, '危化品科', '320500000000', ['26']);
    const users: Parameters<typeof makeUser>[1][] = [
      { username: 'county', role: 'countySupervisor', regionCode: COUNTY },
      { username: 'townA', role: 'townshipSupervisor', regionCode: TOWN_A },
      { username: 'townB', role: 'townshipSupervisor', regionCode: TOWN_B },
      { username: 'grid', role: 'gridWorker', regionCode: TOWN_A },
      { username: 'inspector', role: 'departmentInspector', regionCode: '320500000000', departmentId: dept },
      { username: 'ent', role: 'enterpriseAdmin', enterpriseId: ent.chemA },
    ];
    for (const u of users) {
      await makeUser(t.db, u);
      cookies[u.username] = await t.login(u.username);
    }

    // Hazards in every state that waits for someone, in both townships.
    const hazard = async (
      e: string,
      status: string,
      extra: { level?: string; tier?: string; overdue?: boolean; listed?: 'county' | 'city'; deadline?: string } = {},
    ) =>
      t.db.query(
        `INSERT INTO hazards (enterprise_id, description, level, found_tier, found_by, status, deadline, overdue, listed_tier, listing_deadline)
         VALUES ($1, '测试隐患', $2, $3, 'test', $4, $5, $6, $7, $8)`,
        [
          e,
          extra.level ?? 'general',
          extra.tier ?? 'patrol',
          status,
          extra.deadline ?? addDays(today, 10),
          extra.overdue ?? false,
          extra.listed ?? null,
          extra.listed ? addDays(today, 30) : null,
        ],
      );
    await hazard(ent.chemA as string, 'reported');
    await hazard(ent.chemA as string, 'reported', { tier: 'self' });
    await hazard(ent.chemA as string, 'assigned');
    await hazard(ent.chemA as string, 'assigned', { overdue: true, deadline: addDays(today, -3) });
    await hazard(ent.chemA as string, 'rectifying', { level: 'major', listed: 'county' });
    await hazard(ent.chemA as string, 'pendingAcceptance');
    await hazard(ent.chemA as string, 'pendingAcceptance', { tier: 'self' });
    await hazard(ent.chemA as string, 'pendingAcceptance', { level: 'major', tier: 'county' });
    await hazard(ent.buildA as string, 'rectifying', { overdue: true, deadline: addDays(today, -1) });
    await hazard(ent.buildA as string, 'reported', { level: 'major', tier: 'county' });
    await hazard(ent.buildA as string, 'closed');
    await hazard(ent.chemB as string, 'reported');
    await hazard(ent.chemB as string, 'rectifying', { overdue: true, deadline: addDays(today, -5), level: 'major', listed: 'city' });
    await hazard(ent.chemB as string, 'pendingAcceptance');

    // Inspections planned today, planned for a day gone by, done.
    const [checklist] = await t.db.query<{ id: string }>("SELECT id FROM checklist_templates WHERE code = 'fire-general' LIMIT 1");
    const inspection = (e: string, tier: string, day: string, status = 'planned') =>
      t.db.query(
        `INSERT INTO inspections (enterprise_id, tier, checklist_id, planned_date, status, planned_by) VALUES ($1, $2, $3, $4, $5, 'test')`,
        [e, tier, checklist?.id, day, status],
      );
    await inspection(ent.chemA as string, 'patrol', today);
    await inspection(ent.buildA as string, 'patrol', addDays(today, -2));
    await inspection(ent.chemA as string, 'patrol', addDays(today, -2), 'submitted');
    await inspection(ent.chemB as string, 'patrol', today);
    await inspection(ent.chemA as string, 'county', today);
    await inspection(ent.chemB as string, 'county', addDays(today, -1));
    await inspection(ent.chemA as string, 'self', today);
    await inspection(ent.chemA as string, 'self', addDays(today, 3));
    await t.db.query(
      `INSERT INTO inspection_schedules (enterprise_id, name, checklist_code, frequency, start_date, next_date, created_by)
       VALUES ($1, '每周消防自查', 'fire-general', 'weekly', $2, $2, 'test'), ($3, '每周消防自查', 'fire-general', 'weekly', $2, $2, 'test')`,
      [ent.chemA, addDays(today, 3), ent.chemB],
    );

    // Public reports: received, overdue, to conclude within the week.
    const report = async (e: string, region: string, status: string, receivedAgo: number, overdue: 'accept' | 'conclude' | null = null) => {
      const [row] = await t.db.query<{ id: string }>('SELECT gen_random_uuid() AS id');
      const id = row?.id as string;
      await t.db.query(
        `INSERT INTO reports (id, category, enterprise_id, region_code, sealed_content, anonymous, receipt_tag, receipt_hash, status,
           received_on, accept_due, conclude_due, overdue)
         VALUES ($1, 'hazard', $2, $3, $4, true, $5, 'x', $6, $7, $8, $9, $10)`,
        [
          id,
          e,
          region,
          t.keyring.seal('{}', id),
          t.keyring.receiptTag(id),
          status,
          addDays(today, -receivedAgo),
          addDays(today, 5 - receivedAgo),
          addDays(today, 60 - receivedAgo),
          overdue,
        ],
      );
    };
    await report(ent.chemA as string, TOWN_A, 'received', 1);
    await report(ent.buildA as string, TOWN_A, 'received', 9, 'accept');
    await report(ent.chemA as string, TOWN_A, 'verifying', 55);
    await report(ent.chemB as string, TOWN_B, 'received', 2);
    await report(ent.chemB as string, TOWN_B, 'accepted', 20);

    // An installation with a sensor and an alarm nobody has acknowledged, in each township.
    for (const [key, status] of [
      ['chemA', 'raised'],
      ['chemB', 'raised'],
      ['chemB', 'acknowledged'],
    ] as const) {
      const [m] = await t.db.query<{ id: string }>(
        `INSERT INTO major_hazard_installations (enterprise_id, name, inventory, people_within_500m, s, r, alpha, is_major_hazard, grade, result)
         VALUES ($1, '罐区', '[]', 10, 2, 20, 1, true, 3, '{}') RETURNING id`,
        [ent[key]],
      );
      const [s] = await t.db.query<{ id: string; region_code: string; industry_code: string }>(
        `INSERT INTO sensors (installation_id, enterprise_id, code, name, type, unit, range_min, range_max, high, high_high)
         VALUES ($1, $2, $3, '可燃气体', 'combustibleGas', '%LEL', 0, 100, 20, 40) RETURNING id, region_code, industry_code`,
        [m?.id, ent[key], `GT-${status}`],
      );
      await t.db.query(
        `INSERT INTO alarms (sensor_id, enterprise_id, region_code, industry_code, kind, severity, status, condition_active, first_value, last_value, peak_value, raised_at, updated_at)
         VALUES ($1, $2, $3, $4, 'threshold', 'major', $5, false, 25, 25, 25, now(), now())`,
        [s?.id, ent[key], s?.region_code, s?.industry_code, status],
      );
    }

    // Risk reports: submitted (to acknowledge) in both townships, one returned to the enterprise.
    for (const [key, status] of [
      ['chemA', 'submitted'],
      ['chemA', 'returned'],
      ['chemB', 'submitted'],
      ['buildA', 'draft'],
    ] as const)
      await t.db.query(`INSERT INTO risk_reports (enterprise_id, status, submitted_at) VALUES ($1, $2, now())`, [ent[key], status]);
  });
  after(() => t.close());

  /** Every item's count is the total (or the rows) of its list with the same filters; links are the page with the same query. */
  async function assertCountsMatchLists(user: string) {
    const wb = await workbench(user);
    assert.equal(wb.today, today);
    assert.deepEqual(wb.unavailable, []);
    for (const item of wb.items) {
      const qs = new URLSearchParams(item.query).toString();
      const list = await get(user, `${item.apiPath}?${qs}${item.apiPath === '/api/v1/reports' ? '' : '&pageSize=200'}`);
      const shown = typeof list.total === 'number' ? list.total : list.items.length;
      assert.equal(item.count, shown, `${user}: ${item.kind} (${item.apiPath}?${qs})`);
      if (typeof list.total === 'number') assert.equal(list.items.length, shown, `${user}: ${item.kind} rows`);
      assert.equal(item.capped, false);
    }
    return wb;
  }

  test('county supervisor: counts are the linked lists; the whole county, listings of the county', async () => {
    const wb = await assertCountsMatchLists('county');
    assert.equal(count(wb, 'hazards.overdue'), 3);
    assert.equal(count(wb, 'hazards.listed'), 1, 'the county listing, not the city one');
    assert.equal(count(wb, 'hazards.toAccept'), 4);
    assert.equal(count(wb, 'hazards.toAssign'), 4);
    assert.equal(count(wb, 'hazards.majorUnlisted'), 2);
    assert.equal(count(wb, 'inspections.today'), 1);
    assert.equal(count(wb, 'inspections.late'), 1);
    assert.equal(count(wb, 'reports.toAccept'), 3);
    assert.equal(count(wb, 'reports.overdue'), 1);
    assert.equal(count(wb, 'reports.concludeSoon'), 1);
    assert.equal(count(wb, 'alarms.toAcknowledge'), 2);
    assert.equal(count(wb, 'riskReports.toAcknowledge'), 2);
    assert.equal(count(wb, 'schedules.due'), undefined, 'schedules are the enterprise’s');
    // Work first, the most urgent first.
    const severities = wb.items.filter((i) => i.count > 0).map((i) => i.severity);
    assert.deepEqual(
      severities,
      [...severities].sort((a, b) => ['urgent', 'attention', 'routine'].indexOf(a) - ['urgent', 'attention', 'routine'].indexOf(b)),
    );
  });

  test('township supervisor: its own township only, nothing of the other', async () => {
    const a = await assertCountsMatchLists('townA');
    const b = await assertCountsMatchLists('townB');
    assert.equal(count(a, 'hazards.overdue'), 2);
    assert.equal(count(b, 'hazards.overdue'), 1);
    assert.equal(count(a, 'hazards.toAccept'), 2, 'general hazards only: a township does not accept major ones');
    assert.equal(count(b, 'hazards.toAccept'), 1);
    assert.equal(count(a, 'hazards.listed'), 1);
    assert.equal(count(b, 'hazards.listed'), 1);
    assert.equal(count(a, 'inspections.today'), 1);
    assert.equal(count(a, 'inspections.late'), 1);
    assert.equal(count(b, 'inspections.today'), 1);
    assert.equal(count(b, 'inspections.late'), 0, 'the late inspection of township B is the county’s');
    assert.equal(count(a, 'reports.toAccept'), 2);
    assert.equal(count(b, 'reports.toAccept'), 1);
    assert.equal(count(a, 'alarms.toAcknowledge'), 1);
    assert.equal(count(b, 'alarms.toAcknowledge'), 1);
    assert.equal(count(a, 'riskReports.toAcknowledge'), 1);
    // What township A's links list are all in township A.
    for (const item of a.items.filter((i) => i.apiPath === '/api/v1/hazards')) {
      const list = await get('townA', `${item.apiPath}?${new URLSearchParams(item.query)}&pageSize=200`);
      for (const h of list.items) assert.ok(h.regionCode.startsWith('320582100'), `${item.kind}: ${h.regionCode}`);
    }
  });

  test('enterprise admin: five fixes, its own findings, its self-inspections and schedules, a returned risk report; no public reports', async () => {
    const wb = await assertCountsMatchLists('ent');
    assert.equal(count(wb, 'hazards.fiveFixes'), 2);
    assert.equal(count(wb, 'hazards.rectifying'), 1);
    assert.equal(count(wb, 'hazards.toAssign'), 1, 'its own finding');
    assert.equal(count(wb, 'hazards.toAccept'), 1, 'its own general finding');
    assert.equal(count(wb, 'hazards.overdue'), 1);
    assert.equal(count(wb, 'inspections.today'), 1, 'the self-inspection, not the patrol or the county’s');
    assert.equal(count(wb, 'schedules.due'), 1);
    assert.equal(count(wb, 'riskReports.returned'), 1);
    assert.equal(count(wb, 'alarms.toAcknowledge'), 1);
    assert.ok(!wb.items.some((i) => i.kind.startsWith('reports.')), 'an enterprise never sees public reports');
  });

  test('grid worker: patrols and hazards of its township; nothing to accept, no reports', async () => {
    const wb = await assertCountsMatchLists('grid');
    assert.equal(count(wb, 'hazards.toAccept'), undefined);
    assert.equal(count(wb, 'hazards.toAssign'), 3);
    assert.equal(count(wb, 'inspections.today'), 1);
    assert.ok(!wb.items.some((i) => i.kind.startsWith('reports.') || i.kind.startsWith('riskReports.')));
  });

  test('department inspector: only the industries of its department', async () => {
    const wb = await assertCountsMatchLists('inspector');
    assert.equal(count(wb, 'hazards.overdue'), 2, 'chemicals only, not the construction site');
    assert.equal(count(wb, 'hazards.toAccept'), 4);
    assert.equal(count(wb, 'inspections.today'), 1);
    assert.equal(count(wb, 'alarms.toAcknowledge'), 2);
    assert.ok(!wb.items.some((i) => i.kind.startsWith('reports.')));
  });

  test('platform admin: everything, every tier', async () => {
    const wb = await assertCountsMatchLists('admin');
    assert.equal(count(wb, 'hazards.overdue'), 3);
    assert.equal(count(wb, 'hazards.listed'), 2);
    assert.equal(count(wb, 'inspections.today'), 4);
    assert.equal(count(wb, 'inspections.late'), 2);
    assert.equal(count(wb, 'reports.toAccept'), 3);
  });

  test('a failing provider leaves the others and is named; a capability registers once', async () => {
    const wb = new Workbench()
      .register('ok', async () => [
        { kind: 'ok.one', severity: 'routine', titleKey: 'x', query: {}, count: 1, capped: false, path: '/', apiPath: '/' },
      ])
      .register('broken', async (_a, _s, tx) => {
        await tx.query('SELECT * FROM no_such_table');
        return [];
      })
      .register('after', async () => []);
    const actor = {
      id: 'a',
      username: 'admin',
      role: 'platformAdmin' as const,
      scope: { regionPrefix: '', industries: null, enterpriseId: null },
    };
    const r = await wb.gather(t.db, actor);
    assert.deepEqual(r.unavailable, ['broken']);
    assert.deepEqual(
      r.items.map((i) => i.kind),
      ['ok.one'],
    );
    assert.throws(() => wb.register('ok', async () => []), /twice/);
    assert.equal(t.app.workbench.capabilities.length, 25);
  });

  test('no account, no workbench', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/workbench' });
    assert.equal(res.statusCode, 401);
  });
});

// Malformed-input fuzz: ≥ 2,000 bad bodies at the write endpoints. No 5xx, ever; and a request
// that is refused leaves no trace (no enterprise, user, department or audit row).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { enterpriseBody, makeUser, openTestApp, type TestApp } from '../test/harness.ts';

describe('malformed input fuzz', () => {
  let t: TestApp;
  let cookie: string;
  let enterpriseId: string;
  let userId: string;
  let departmentId: string;
  let riskPointId: string;
  let reportId: string;
  let hazardId: string;
  before(async () => {
    t = await openTestApp();
    cookie = await t.login('admin');
    const e = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: { cookie },
      payload: enterpriseBody(1, '320582100000'),
    });
    enterpriseId = e.json().id;
    const d = await t.app.inject({
      method: 'POST',
      url: '/api/v1/departments',
      headers: { cookie },
      payload: { name: '应急局', regionCode: '320582', industries: ['26'] },
    });
    departmentId = d.json().id;
    userId = await makeUser(t.db, { username: 'target', role: 'gridWorker', regionCode: '320582100000' });
    const rp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/risk-points',
      headers: { cookie },
      payload: { enterpriseId, name: '储罐', accidentTypes: ['fire'] },
    });
    riskPointId = rp.json().id;
    const rr = await t.app.inject({ method: 'POST', url: '/api/v1/risk-reports', headers: { cookie }, payload: { enterpriseId } });
    reportId = rr.json().id;
    const hz = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hazards',
      headers: { cookie },
      payload: { enterpriseId, description: '测试隐患' },
    });
    hazardId = hz.json().id;
  });
  after(() => t.close());

  const counts = async () =>
    (
      await t.db.query<{ e: number; u: number; d: number; a: number; v: number; r: number }>(
        `SELECT (SELECT count(*) FROM enterprises)::int AS e, (SELECT count(*) FROM users)::int AS u,
                (SELECT count(*) FROM departments)::int AS d, (SELECT count(*) FROM audit_events)::int AS a,
                (SELECT sum(version) FROM enterprises)::int AS v,
                (SELECT count(*) FROM risk_points)::int + (SELECT count(*) FROM risk_assessments)::int
                  + (SELECT count(*) FROM major_hazard_installations)::int + (SELECT count(*) FROM risk_areas)::int
                  + (SELECT count(*) FROM risk_reports)::int + (SELECT count(*) FROM risk_thresholds)::int
                  + (SELECT count(*) FROM hazards)::int + (SELECT count(*) FROM hazard_transitions)::int
                  + (SELECT count(*) FROM inspections)::int + (SELECT count(*) FROM checklist_templates)::int
                  + (SELECT count(*) FROM inspection_schedules)::int + (SELECT count(*) FROM reports)::int
                  + (SELECT count(*) FROM report_messages)::int + (SELECT count(*) FROM report_files)::int
                  + (SELECT count(*) FROM report_reveals)::int + (SELECT count(*) FROM report_reward_rules)::int
                  + (SELECT count(*) FROM sensors)::int + (SELECT count(*) FROM readings)::int + (SELECT count(*) FROM alarms)::int AS r`,
      )
    )[0];

  const endpoints = () =>
    [
      { method: 'POST', url: '/api/v1/enterprises' },
      { method: 'PATCH', url: `/api/v1/enterprises/${enterpriseId}` },
      { method: 'POST', url: '/api/v1/departments' },
      { method: 'PATCH', url: `/api/v1/departments/${departmentId}` },
      { method: 'POST', url: '/api/v1/users' },
      { method: 'PATCH', url: `/api/v1/users/${userId}` },
      { method: 'POST', url: '/api/v1/calculators/credit-code' },
      { method: 'POST', url: '/api/v1/auth/login' },
      { method: 'POST', url: '/api/v1/enterprises/import' },
      { method: 'POST', url: '/api/v1/calculators/lec' },
      { method: 'POST', url: '/api/v1/calculators/ls' },
      { method: 'POST', url: '/api/v1/calculators/gb18218' },
      { method: 'PUT', url: '/api/v1/risk-thresholds/32' },
      { method: 'POST', url: '/api/v1/risk-points' },
      { method: 'PATCH', url: `/api/v1/risk-points/${riskPointId}` },
      { method: 'POST', url: `/api/v1/risk-points/${riskPointId}/assessments` },
      { method: 'POST', url: '/api/v1/major-hazard-installations' },
      { method: 'POST', url: '/api/v1/risk-areas' },
      { method: 'POST', url: `/api/v1/enterprises/${enterpriseId}/site-plan` },
      { method: 'POST', url: '/api/v1/risk-reports' },
      { method: 'POST', url: `/api/v1/risk-reports/${reportId}/transitions` },
      { method: 'POST', url: '/api/v1/checklists' },
      { method: 'POST', url: '/api/v1/inspections' },
      { method: 'POST', url: '/api/v1/inspection-schedules' },
      { method: 'POST', url: '/api/public/reports' },
      { method: 'POST', url: '/api/public/reports/messages' },
      { method: 'POST', url: '/api/public/reports/files' },
      { method: 'PUT', url: '/api/v1/report-reward-rules/32' },
      { method: 'POST', url: '/api/v1/sensors' },
      { method: 'POST', url: '/api/v1/telemetry' },
      { method: 'POST', url: '/api/v1/reveal-requests/00000000-0000-4000-8000-000000000000/decision' },
      { method: 'POST', url: '/api/v1/hazards' },
      { method: 'PATCH', url: `/api/v1/hazards/${hazardId}` },
      { method: 'POST', url: `/api/v1/hazards/${hazardId}/transitions` },
      { method: 'POST', url: `/api/v1/hazards/${hazardId}/listing` },
    ] as const;

  // Values that are wrong in type, size or shape for every field of the write bodies.
  const badValue = fc.oneof(
    fc.constantFrom(
      null,
      true,
      -1,
      1e308,
      Number.MAX_SAFE_INTEGER,
      '',
      ' ',
      '\u0000',
      '💥'.repeat(300),
      'a'.repeat(5000),
      [],
      {},
      [[]],
      '1; DROP TABLE enterprises',
    ),
    fc.string({ maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 5 }),
    fc.object({ maxDepth: 2 }),
  );
  const fieldNames = fc.constantFrom(
    'creditCode',
    'name',
    'regionCode',
    'industryCode',
    'employees',
    'revenueWan',
    'highRisk',
    'address',
    'version',
    'username',
    'password',
    'role',
    'displayName',
    'departmentId',
    'enterpriseId',
    'L',
    'E',
    'C',
    'S',
    'substances',
    'peopleWithin500m',
    'method',
    'inputs',
    'polygon',
    'action',
    'reason',
    'lec',
    'ls',
    'accidentTypes',
    'controlMeasures',
    'description',
    'level',
    'owner',
    'measures',
    'funds',
    'deadline',
    'contingency',
    'enterpriseIds',
    'tier',
    'checklistId',
    'plannedDate',
    'officer',
    'items',
    'industries',
    'code',
    'disabled',
    'unlock',
    '__proto__',
    'constructor',
  );
  const badBody = fc.oneof(
    // Structured but wrong: an object with bad values in real and unknown fields.
    fc.dictionary(fieldNames, badValue, { maxKeys: 6 }).map((o) => ({ json: JSON.stringify(o) })),
    // Not an object at all.
    badValue.map((v) => ({ json: JSON.stringify(v) ?? 'null' })),
    // Not JSON.
    fc.string({ maxLength: 200 }).map((s) => ({ json: `{${s}` })),
    fc.constantFrom('', '{', '[', '{"a":', 'null', '"', '\u0000', '{"creditCode":"91320582MA00000001"'.repeat(3)).map((json) => ({ json })),
    // Deeply nested.
    fc.integer({ min: 100, max: 2000 }).map((n) => ({ json: `${'['.repeat(n)}${']'.repeat(n)}` })),
    // Wrong content types.
    fc.string({ maxLength: 100 }).map((s) => ({ json: s, type: 'text/plain' })),
    fc.string({ maxLength: 100 }).map((s) => ({ json: s, type: 'multipart/form-data; boundary=x' })),
    fc.string({ maxLength: 100 }).map((s) => ({ json: s, type: 'application/x-www-form-urlencoded' })),
  );

  test('3,000 malformed bodies: no 5xx, nothing written', async () => {
    const start = await counts();
    let sent = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.nat(), badBody, async (i, body) => {
        const ep = endpoints()[i % endpoints().length] as ReturnType<typeof endpoints>[number];
        const res = await t.app.inject({
          method: ep.method,
          url: ep.url,
          headers: { cookie, 'content-type': (body as { type?: string }).type ?? 'application/json' },
          payload: body.json,
        });
        sent++;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        assert.ok(res.statusCode < 500, `${ep.method} ${ep.url} ${body.json.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`);
        if (res.statusCode >= 400) {
          const err = res.json().error;
          assert.ok(err?.code && err?.message, res.body);
        }
      }),
      { numRuns: 3000, seed: 7, endOnFailure: true, includeErrorInReport: true },
    );
    assert.ok(sent >= 2000);
    // Some bodies are accidentally valid (e.g. a login with a random password, or a PATCH of nothing
    // but `{}`), which may append audit events; no other table may grow.
    const end = await counts();
    assert.equal(end?.e, start?.e);
    assert.equal(end?.u, start?.u);
    assert.equal(end?.d, start?.d);
    assert.equal(end?.r, start?.r);
    console.log('fuzz statuses', Object.fromEntries(statuses));
  });

  test('an oversized body is refused with 413 and the error shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: { cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, 'payload_too_large');
  });
});

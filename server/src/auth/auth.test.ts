import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { routeRegistry } from '../http/route.ts';
import { makeUser, openTestApp, TEST_PASSWORD, type TestApp } from '../test/harness.ts';
import { MAX_FAILURES } from './routes.ts';

describe('auth', () => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp();
    await makeUser(t.db, { username: 'county', role: 'countySupervisor', regionCode: '320582000000' });
  });
  after(() => t.close());

  test('health names the database', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok', database: process.env.TAISHAN_TEST_DB === 'postgresql' ? 'postgresql' : 'pglite' });
  });

  test('login sets an httpOnly SameSite=Strict session cookie; me; logout ends it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'county', password: TEST_PASSWORD } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().role, 'countySupervisor');
    assert.equal(res.json().scope.regionPrefix, '320582');
    const cookie = res.cookies.find((c) => c.name === 'taishan_session');
    assert.ok(cookie);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    const headers = { cookie: `taishan_session=${cookie.value}` };
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers })).json().username, 'county');
    const [stored] = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    assert.notEqual(stored?.token_hash, cookie.value, 'the database keeps only a hash of the token');
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode, 204);
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers })).statusCode, 401);
  });

  test('wrong password and unknown user both answer 401 with a field message', async () => {
    for (const payload of [
      { username: 'county', password: 'wrong-password' },
      { username: 'nobody', password: 'wrong-password' },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.fields.password, '用户名或密码错误');
    }
    await t.db.query("UPDATE users SET failed_attempts = 0 WHERE username = 'county'");
  });

  test(`lockout after ${MAX_FAILURES} failures, even with the right password; admin unlocks`, async () => {
    await makeUser(t.db, { username: 'victim', role: 'countySupervisor', regionCode: '320582000000' });
    for (let i = 0; i < MAX_FAILURES; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'victim', password: 'nope-nope' } });
      assert.equal(res.statusCode, 401);
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'victim', password: TEST_PASSWORD },
    });
    assert.equal(locked.statusCode, 423);
    assert.equal(locked.json().error.code, 'account_locked');
    const [ev] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.locked'");
    assert.equal(ev?.n, 1);
    const admin = await t.login('admin');
    const [victim] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'victim'");
    const unlock = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${victim?.id}`,
      headers: { cookie: admin },
      payload: { unlock: true },
    });
    assert.equal(unlock.statusCode, 200);
    assert.equal(unlock.json().locked, false);
    assert.ok(await t.login('victim'));
  });

  test('a disabled user cannot log in and loses open sessions', async () => {
    await makeUser(t.db, { username: 'leaver', role: 'gridWorker', regionCode: '320582100000' });
    const session = await t.login('leaver');
    const admin = await t.login('admin');
    const [u] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'leaver'");
    await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${u?.id}`, headers: { cookie: admin }, payload: { disabled: true } });
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { cookie: session } })).statusCode, 401);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'leaver', password: TEST_PASSWORD } });
    assert.equal(res.statusCode, 401);
  });

  test('OpenAPI document and the browsable docs are served', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    assert.equal(doc.openapi.startsWith('3.'), true);
    assert.ok(doc.paths['/api/v1/enterprises'].post.requestBody);
    assert.ok(doc.paths['/api/v1/calculators/credit-code']);
    const page = await t.app.inject({ url: '/api/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /swagger/i);
  });

  test('every non-public route requires authentication', async () => {
    const userRoutes = routeRegistry.filter((r) => r.access !== 'public');
    assert.ok(userRoutes.length >= 10);
    for (const r of userRoutes) {
      const url = r.url.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':code', '320000');
      const res = await t.app.inject({ method: r.method, url, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      assert.equal(res.statusCode, 401, `${r.method} ${r.url}`);
    }
  });

  test('route access snapshot: a change here changes who can reach an endpoint', () => {
    const seen = new Set<string>();
    const lines = routeRegistry
      .map((r) => `${r.access.padEnd(6)} ${r.method} ${r.url}`)
      .filter((l) => !seen.has(l) && seen.add(l))
      .sort();
    assert.deepEqual(lines, [
      'public GET /api/health',
      'public GET /api/public/blacklist',
      'public GET /api/public/donations',
      'public GET /api/public/duty-phones',
      'public GET /api/public/enterprises',
      'public GET /api/public/reports/challenge',
      'public GET /api/v1/open/health-risk',
      'public GET /api/v1/open/health-risk/announcements/:id/pdf',
      'public GET /api/v1/open/health-risk/boundaries/:code',
      'public GET /api/v1/partner/credit',
      'public GET /api/v1/public/accidents/reports',
      'public GET /api/v1/public/accountability/records',
      'public GET /api/v1/public/credit/reports',
      'public GET /api/v1/public/enforcement/decisions',
      'public GET /api/v1/public/enforcement/draws',
      'public GET /api/v1/public/enforcement/draws/:id',
      'public GET /api/v1/reference',
      'public GET /api/v1/regions',
      'public GET /api/v1/regions/:code',
      'public GET /api/v1/risk-thresholds/:province',
      'public GET /api/v1/settings/public/:key',
      'public POST /api/public/reports',
      'public POST /api/public/reports/files',
      'public POST /api/public/reports/follow',
      'public POST /api/public/reports/messages',
      'public POST /api/v1/auth/login',
      'public POST /api/v1/calculators/accident-grade',
      'public POST /api/v1/calculators/credit-code',
      'public POST /api/v1/calculators/gb18218',
      'public POST /api/v1/calculators/lec',
      'public POST /api/v1/calculators/ls',
      'user   DELETE /api/v1/calendar/days/:date',
      'user   DELETE /api/v1/credit/intermediaries/:id',
      'user   DELETE /api/v1/duty/shifts/:id',
      'user   DELETE /api/v1/enforcement/classes/:enterpriseId/override',
      'user   DELETE /api/v1/enforcement/inspections/:id/findings/:findingId',
      'user   DELETE /api/v1/enterprises/:id',
      'user   DELETE /api/v1/major-hazard-installations/:id',
      'user   DELETE /api/v1/risk-areas/:id',
      'user   DELETE /api/v1/risk-points/:id',
      'user   DELETE /api/v1/sensors/:id',
      'user   DELETE /api/v1/settings/:key',
      'user   GET /api/v1/accidents',
      'user   GET /api/v1/accidents/:id',
      'user   GET /api/v1/accidents/:id/photos/:key',
      'user   GET /api/v1/accidents/lessons',
      'user   GET /api/v1/accidents/lessons/:lessonId/targets',
      'user   GET /api/v1/accidents/stats',
      'user   GET /api/v1/accidents/stats.xlsx',
      'user   GET /api/v1/accidents/stats/serious',
      'user   GET /api/v1/accidents/stats/trend',
      'user   GET /api/v1/accountability/enterprises/:id/supervisors',
      'user   GET /api/v1/accountability/officials',
      'user   GET /api/v1/accountability/officials/:id',
      'user   GET /api/v1/accountability/records',
      'user   GET /api/v1/accountability/records/:id',
      'user   GET /api/v1/accountability/records/:id/pdf',
      'user   GET /api/v1/accountability/responsibilities',
      'user   GET /api/v1/accountability/responsibilities/:id/history',
      'user   GET /api/v1/accountability/tour-findings',
      'user   GET /api/v1/accountability/tours',
      'user   GET /api/v1/accountability/tours/:id',
      'user   GET /api/v1/accountability/triggers',
      'user   GET /api/v1/accountability/work-items',
      'user   GET /api/v1/alarm-stats',
      'user   GET /api/v1/alarms',
      'user   GET /api/v1/alarms/stream',
      'user   GET /api/v1/assessments',
      'user   GET /api/v1/assessments/:id',
      'user   GET /api/v1/assessments/bulletins',
      'user   GET /api/v1/assessments/bulletins/:id/pdf',
      'user   GET /api/v1/assessments/children',
      'user   GET /api/v1/assessments/template',
      'user   GET /api/v1/assessments/vetoes',
      'user   GET /api/v1/assessments/vetoes/options',
      'user   GET /api/v1/audit',
      'user   GET /api/v1/audit/export',
      'user   GET /api/v1/audit/verify',
      'user   GET /api/v1/blacklist',
      'user   GET /api/v1/blacklist/:id',
      'user   GET /api/v1/blacklist/documents/:id/pdf',
      'user   GET /api/v1/calendar/days',
      'user   GET /api/v1/checklists',
      'user   GET /api/v1/checklists/:id',
      'user   GET /api/v1/command/briefings',
      'user   GET /api/v1/command/briefings/:id/pdf',
      'user   GET /api/v1/command/duty',
      'user   GET /api/v1/command/duty/log',
      'user   GET /api/v1/command/duty/signals',
      'user   GET /api/v1/command/signals',
      'user   GET /api/v1/command/signals/:id',
      'user   GET /api/v1/credit/commitments',
      'user   GET /api/v1/credit/files',
      'user   GET /api/v1/credit/files/enterprises/:id',
      'user   GET /api/v1/credit/files/intermediaries/:id',
      'user   GET /api/v1/credit/intermediaries',
      'user   GET /api/v1/credit/intermediaries/:id',
      'user   GET /api/v1/credit/partner-keys',
      'user   GET /api/v1/departments',
      'user   GET /api/v1/diseases',
      'user   GET /api/v1/dispatch/donations',
      'user   GET /api/v1/dispatch/options',
      'user   GET /api/v1/dispatch/producers',
      'user   GET /api/v1/dispatch/replenishment',
      'user   GET /api/v1/dispatch/requests',
      'user   GET /api/v1/dispatch/requests/:id',
      'user   GET /api/v1/dispatch/requests/:id/order/pdf',
      'user   GET /api/v1/dispatch/requests/:id/proposal',
      'user   GET /api/v1/drills',
      'user   GET /api/v1/drills/:id',
      'user   GET /api/v1/drills/:id/photos/:key',
      'user   GET /api/v1/drills/missing',
      'user   GET /api/v1/drills/plan-options',
      'user   GET /api/v1/duty/gaps',
      'user   GET /api/v1/duty/now',
      'user   GET /api/v1/duty/phones',
      'user   GET /api/v1/duty/roster',
      'user   GET /api/v1/emergency/plan-documents/:id/pdf',
      'user   GET /api/v1/emergency/plan-filings',
      'user   GET /api/v1/emergency/plan-filings/missing',
      'user   GET /api/v1/emergency/plan-obligations/:id',
      'user   GET /api/v1/emergency/plans',
      'user   GET /api/v1/emergency/plans/:id',
      'user   GET /api/v1/emergency/plans/:id/cards',
      'user   GET /api/v1/emergency/plans/:id/cards/pdf',
      'user   GET /api/v1/emergency/plans/:id/pdf',
      'user   GET /api/v1/emergency/plans/:id/versions/:n',
      'user   GET /api/v1/enforcement/campaigns',
      'user   GET /api/v1/enforcement/campaigns/:id',
      'user   GET /api/v1/enforcement/cases',
      'user   GET /api/v1/enforcement/cases/:id',
      'user   GET /api/v1/enforcement/cases/:id/dossier',
      'user   GET /api/v1/enforcement/classes',
      'user   GET /api/v1/enforcement/classes/:enterpriseId',
      'user   GET /api/v1/enforcement/documents',
      'user   GET /api/v1/enforcement/documents/:id',
      'user   GET /api/v1/enforcement/documents/:id/pdf',
      'user   GET /api/v1/enforcement/draws',
      'user   GET /api/v1/enforcement/draws/:id',
      'user   GET /api/v1/enforcement/inspections',
      'user   GET /api/v1/enforcement/inspections/:id',
      'user   GET /api/v1/enforcement/inspections/officers',
      'user   GET /api/v1/enforcement/monthly-report.pdf',
      'user   GET /api/v1/enforcement/officers',
      'user   GET /api/v1/enforcement/officers/candidates',
      'user   GET /api/v1/enforcement/plans',
      'user   GET /api/v1/enforcement/plans/:id',
      'user   GET /api/v1/enforcement/plans/:id/items',
      'user   GET /api/v1/enforcement/plans/:id/officers',
      'user   GET /api/v1/enforcement/plans/:id/progress',
      'user   GET /api/v1/enforcement/stats',
      'user   GET /api/v1/enforcement/stats.xlsx',
      'user   GET /api/v1/enterprise-change-requests',
      'user   GET /api/v1/enterprises',
      'user   GET /api/v1/enterprises/:id',
      'user   GET /api/v1/enterprises/:id/risk-map',
      'user   GET /api/v1/enterprises/:id/site-plan',
      'user   GET /api/v1/enterprises/export',
      'user   GET /api/v1/experts',
      'user   GET /api/v1/experts/:id',
      'user   GET /api/v1/gateway-credentials',
      'user   GET /api/v1/hazard-dashboard',
      'user   GET /api/v1/hazards',
      'user   GET /api/v1/hazards/:id',
      'user   GET /api/v1/hazards/:id/dossier.pdf',
      'user   GET /api/v1/hazards/:id/photos/:key',
      'user   GET /api/v1/hazards/export',
      'user   GET /api/v1/health-cases',
      'user   GET /api/v1/health-cases/:id',
      'user   GET /api/v1/health-cases/:id/duplicates',
      'user   GET /api/v1/health-events',
      'user   GET /api/v1/health-events/:id',
      'user   GET /api/v1/health-events/:id/reports/:reportId/pdf',
      'user   GET /api/v1/health-facilities',
      'user   GET /api/v1/health-tasks',
      'user   GET /api/v1/health-tasks/assignees',
      'user   GET /api/v1/inspection-schedules',
      'user   GET /api/v1/inspections',
      'user   GET /api/v1/inspections/:id',
      'user   GET /api/v1/inspections/:id/photos/:key',
      'user   GET /api/v1/major-hazard-installations',
      'user   GET /api/v1/major-hazard-installations/:id',
      'user   GET /api/v1/me',
      'user   GET /api/v1/monitoring/installations',
      'user   GET /api/v1/notifications',
      'user   GET /api/v1/people',
      'user   GET /api/v1/people/:id',
      'user   GET /api/v1/people/certificates/template',
      'user   GET /api/v1/people/courses',
      'user   GET /api/v1/people/enterprises',
      'user   GET /api/v1/people/publicity',
      'user   GET /api/v1/regions/:code/boundaries',
      'user   GET /api/v1/report-reward-rules',
      'user   GET /api/v1/report-stats',
      'user   GET /api/v1/reports',
      'user   GET /api/v1/reports/:id',
      'user   GET /api/v1/reports/:id/files/:fileId',
      'user   GET /api/v1/reveal-requests',
      'user   GET /api/v1/risk-distribution',
      'user   GET /api/v1/risk-levels',
      'user   GET /api/v1/risk-levels/announcements/:id/pdf',
      'user   GET /api/v1/risk-levels/proposals',
      'user   GET /api/v1/risk-levels/regions/:code/history',
      'user   GET /api/v1/risk-points',
      'user   GET /api/v1/risk-points/:id',
      'user   GET /api/v1/risk-points/export',
      'user   GET /api/v1/risk-reports',
      'user   GET /api/v1/risk-reports/:id',
      'user   GET /api/v1/sensors',
      'user   GET /api/v1/sensors/:id/series',
      'user   GET /api/v1/settings',
      'user   GET /api/v1/supplies/categories',
      'user   GET /api/v1/supplies/items',
      'user   GET /api/v1/supplies/stock/alerts',
      'user   GET /api/v1/supplies/stock/by-category',
      'user   GET /api/v1/supplies/stock/items',
      'user   GET /api/v1/supplies/warehouses',
      'user   GET /api/v1/supplies/warehouses/:id',
      'user   GET /api/v1/supplies/warehouses/:id/movements',
      'user   GET /api/v1/teams',
      'user   GET /api/v1/teams/:id',
      'user   GET /api/v1/teams/agreements',
      'user   GET /api/v1/teams/uncovered-units',
      'user   GET /api/v1/telemetry/stats',
      'user   GET /api/v1/users',
      'user   GET /api/v1/workbench',
      'user   PATCH /api/v1/accountability/officials/:id',
      'user   PATCH /api/v1/accountability/records/:id',
      'user   PATCH /api/v1/departments/:id',
      'user   PATCH /api/v1/emergency/plans/:id',
      'user   PATCH /api/v1/enforcement/officers/:userId',
      'user   PATCH /api/v1/enforcement/plans/:id/items/:itemId',
      'user   PATCH /api/v1/enterprises/:id',
      'user   PATCH /api/v1/hazards/:id',
      'user   PATCH /api/v1/inspection-schedules/:id',
      'user   PATCH /api/v1/major-hazard-installations/:id',
      'user   PATCH /api/v1/risk-areas/:id',
      'user   PATCH /api/v1/risk-points/:id',
      'user   PATCH /api/v1/users/:id',
      'user   POST /api/v1/accidents',
      'user   POST /api/v1/accidents/:id/follow-ups',
      'user   POST /api/v1/accidents/:id/photos',
      'user   POST /api/v1/accidents/:id/steps/:action',
      'user   POST /api/v1/accidents/lessons/:lessonId/acknowledge',
      'user   POST /api/v1/accountability/officials',
      'user   POST /api/v1/accountability/officials/:id/work-items',
      'user   POST /api/v1/accountability/records',
      'user   POST /api/v1/accountability/records/:id/steps/:action',
      'user   POST /api/v1/accountability/tour-findings/:id/fix',
      'user   POST /api/v1/accountability/tour-targets/:id/findings',
      'user   POST /api/v1/accountability/tour-targets/:id/visit',
      'user   POST /api/v1/accountability/tours',
      'user   POST /api/v1/accountability/tours/:id/targets',
      'user   POST /api/v1/accountability/triggers/decide',
      'user   POST /api/v1/accountability/work-items/:id/complete',
      'user   POST /api/v1/alarms/:id/transitions',
      'user   POST /api/v1/assessments',
      'user   POST /api/v1/assessments/:id/steps/:action',
      'user   POST /api/v1/assessments/bulletins',
      'user   POST /api/v1/assessments/vetoes',
      'user   POST /api/v1/assessments/vetoes/:id/revoke',
      'user   POST /api/v1/auth/logout',
      'user   POST /api/v1/blacklist',
      'user   POST /api/v1/blacklist/:id/steps/:action',
      'user   POST /api/v1/blacklist/scan',
      'user   POST /api/v1/calendar/days',
      'user   POST /api/v1/checklists',
      'user   POST /api/v1/command/briefings',
      'user   POST /api/v1/command/duty/log/entries',
      'user   POST /api/v1/command/duty/log/handover',
      'user   POST /api/v1/command/duty/officers',
      'user   POST /api/v1/command/hotline',
      'user   POST /api/v1/command/signals/:id/actions',
      'user   POST /api/v1/credit/commitments',
      'user   POST /api/v1/credit/commitments/breaches',
      'user   POST /api/v1/credit/intermediaries',
      'user   POST /api/v1/credit/intermediaries/:id/reports',
      'user   POST /api/v1/credit/partner-keys',
      'user   POST /api/v1/credit/partner-keys/:id/revoke',
      'user   POST /api/v1/credit/recompute',
      'user   POST /api/v1/credit/reports/:id/false',
      'user   POST /api/v1/departments',
      'user   POST /api/v1/disease-versions/:id/confirm',
      'user   POST /api/v1/diseases',
      'user   POST /api/v1/diseases/:code/versions',
      'user   POST /api/v1/dispatch/donations',
      'user   POST /api/v1/dispatch/donations/:id/distributions',
      'user   POST /api/v1/dispatch/producers',
      'user   POST /api/v1/dispatch/requests',
      'user   POST /api/v1/dispatch/requests/:id/steps/:action',
      'user   POST /api/v1/drills',
      'user   POST /api/v1/drills/:id/photos',
      'user   POST /api/v1/drills/:id/steps/:action',
      'user   POST /api/v1/duty/copy-week',
      'user   POST /api/v1/duty/shifts',
      'user   POST /api/v1/emergency/plan-filings/:id/steps/:action',
      'user   POST /api/v1/emergency/plans',
      'user   POST /api/v1/emergency/plans/:id/steps/:action',
      'user   POST /api/v1/enforcement/campaigns',
      'user   POST /api/v1/enforcement/cases',
      'user   POST /api/v1/enforcement/cases/:id/steps',
      'user   POST /api/v1/enforcement/classes/recompute',
      'user   POST /api/v1/enforcement/documents/:id/service',
      'user   POST /api/v1/enforcement/documents/:id/signature',
      'user   POST /api/v1/enforcement/draws',
      'user   POST /api/v1/enforcement/draws/:id/cancel',
      'user   POST /api/v1/enforcement/draws/:id/perform',
      'user   POST /api/v1/enforcement/inspections',
      'user   POST /api/v1/enforcement/inspections/:id/cancel',
      'user   POST /api/v1/enforcement/inspections/:id/checks',
      'user   POST /api/v1/enforcement/inspections/:id/findings',
      'user   POST /api/v1/enforcement/inspections/:id/record',
      'user   POST /api/v1/enforcement/inspections/:id/review',
      'user   POST /api/v1/enforcement/inspections/:id/start',
      'user   POST /api/v1/enforcement/officers',
      'user   POST /api/v1/enforcement/officers/:userId/conflicts',
      'user   POST /api/v1/enforcement/plans',
      'user   POST /api/v1/enforcement/plans/:id/items/:itemId/inspections',
      'user   POST /api/v1/enforcement/plans/:id/transitions',
      'user   POST /api/v1/enterprise-change-requests/:id/approve',
      'user   POST /api/v1/enterprise-change-requests/:id/reject',
      'user   POST /api/v1/enterprise-change-requests/:id/withdraw',
      'user   POST /api/v1/enterprises',
      'user   POST /api/v1/enterprises/:id/change-requests',
      'user   POST /api/v1/enterprises/:id/site-plan',
      'user   POST /api/v1/enterprises/import',
      'user   POST /api/v1/experts',
      'user   POST /api/v1/gateway-credentials',
      'user   POST /api/v1/gateway-credentials/:id/revoke',
      'user   POST /api/v1/hazards',
      'user   POST /api/v1/hazards/:id/listing',
      'user   POST /api/v1/hazards/:id/photos',
      'user   POST /api/v1/hazards/:id/transitions',
      'user   POST /api/v1/health-cases',
      'user   POST /api/v1/health-cases/:id/:action',
      'user   POST /api/v1/health-events',
      'user   POST /api/v1/health-events/:id/cases',
      'user   POST /api/v1/health-events/:id/chain-steps',
      'user   POST /api/v1/health-events/:id/confirm',
      'user   POST /api/v1/health-events/:id/contacts',
      'user   POST /api/v1/health-events/:id/dismiss',
      'user   POST /api/v1/health-events/:id/grade',
      'user   POST /api/v1/health-events/:id/reports',
      'user   POST /api/v1/health-events/:id/respond',
      'user   POST /api/v1/health-events/:id/tasks',
      'user   POST /api/v1/health-tasks/:id/assign',
      'user   POST /api/v1/health-tasks/:id/cancel',
      'user   POST /api/v1/health-tasks/:id/done',
      'user   POST /api/v1/inspection-schedules',
      'user   POST /api/v1/inspections',
      'user   POST /api/v1/inspections/:id/photos',
      'user   POST /api/v1/inspections/:id/submit',
      'user   POST /api/v1/major-hazard-installations',
      'user   POST /api/v1/notifications/:id/read',
      'user   POST /api/v1/people',
      'user   POST /api/v1/people/:id/certificates',
      'user   POST /api/v1/people/:id/certificates/:certificateId/review',
      'user   POST /api/v1/people/:id/training',
      'user   POST /api/v1/people/certificates/import',
      'user   POST /api/v1/people/courses',
      'user   POST /api/v1/people/courses/:id/attendees/:personId',
      'user   POST /api/v1/people/publicity',
      'user   POST /api/v1/reports/:id/files',
      'user   POST /api/v1/reports/:id/messages',
      'user   POST /api/v1/reports/:id/reveal-requests',
      'user   POST /api/v1/reports/:id/transitions',
      'user   POST /api/v1/reveal-requests/:id/decision',
      'user   POST /api/v1/reveal-requests/:id/reveal',
      'user   POST /api/v1/risk-areas',
      'user   POST /api/v1/risk-levels/proposals/:id/confirm',
      'user   POST /api/v1/risk-levels/recompute',
      'user   POST /api/v1/risk-levels/regions/:code/changes',
      'user   POST /api/v1/risk-points',
      'user   POST /api/v1/risk-points/:id/assessments',
      'user   POST /api/v1/risk-reports',
      'user   POST /api/v1/risk-reports/:id/transitions',
      'user   POST /api/v1/sensors',
      'user   POST /api/v1/sensors/:id/decommission',
      'user   POST /api/v1/sensors/import',
      'user   POST /api/v1/supplies/categories',
      'user   POST /api/v1/supplies/items',
      'user   POST /api/v1/supplies/warehouses',
      'user   POST /api/v1/supplies/warehouses/:id/counts',
      'user   POST /api/v1/supplies/warehouses/:id/movements',
      'user   POST /api/v1/supplies/warehouses/:id/transfers',
      'user   POST /api/v1/teams',
      'user   POST /api/v1/teams/agreements',
      'user   POST /api/v1/teams/agreements/:id/end',
      'user   POST /api/v1/users',
      'user   PUT /api/v1/accountability/responsibilities/:id',
      'user   PUT /api/v1/assessments/template',
      'user   PUT /api/v1/calendar/days/:date',
      'user   PUT /api/v1/credit/intermediaries/:id',
      'user   PUT /api/v1/dispatch/producers/:id',
      'user   PUT /api/v1/duty/phones',
      'user   PUT /api/v1/enforcement/classes/:enterpriseId/override',
      'user   PUT /api/v1/experts/:id',
      'user   PUT /api/v1/health-cases/:id',
      'user   PUT /api/v1/inspections/:id/results',
      'user   PUT /api/v1/people/:id',
      'user   PUT /api/v1/regions/:code/boundaries',
      'user   PUT /api/v1/report-reward-rules/:province',
      'user   PUT /api/v1/risk-thresholds/:province',
      'user   PUT /api/v1/sensors/:id',
      'user   PUT /api/v1/settings/:key',
      'user   PUT /api/v1/supplies/items/:id',
      'user   PUT /api/v1/supplies/warehouses/:id',
      'user   PUT /api/v1/supplies/warehouses/:id/minimums',
      'user   PUT /api/v1/teams/:id',
      'userOrGateway POST /api/v1/telemetry',
    ]);
  });
});

// The dashboard's numbers for the map: open hazards (and open major ones) and risk points by level
// per district, exact for a seeded cast, each caller counting only what their scope holds.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CAST, type CastApp, enterpriseBody, openCastApp } from '../../test/harness.ts';

const TOWN_B = '320582101000';

type Row = { code: string; open?: number; openMajor?: number; riskPoints: Record<string, number | string | null> };
type Dash = { totals: Row & { open: number; openMajor: number }; byRegion: Row[] };

describe('hazard dashboard: open hazards and risk points per district', () => {
  let t: CastApp;
  const dash = async (cookie: string, query = '') => {
    const res = await t.inject(cookie, 'GET', `/api/v1/hazard-dashboard${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Dash;
  };
  const row = (d: Dash, code: string) => d.byRegion.find((r) => r.code === code);

  before(async () => {
    t = await openCastApp();
    const res = await t.inject(t.cookies.admin, 'POST', '/api/v1/enterprises', enterpriseBody(9003, TOWN_B));
    assert.equal(res.statusCode, 201, res.body);
    const townB = res.json().id as string;
    const report = async (cookie: string, enterpriseId: string, level: 'major' | 'general') => {
      const r = await t.inject(cookie, 'POST', '/api/v1/hazards', { enterpriseId, description: `${level} 隐患`, level });
      assert.equal(r.statusCode, 201, r.body);
      return r.json() as { id: string; version: number };
    };
    // Zhangjiagang: in the cast's town a major and a general hazard open, one general cancelled;
    // in town B one general open. Kunshan: one major open.
    await report(t.cookies.county, t.enterpriseId, 'major');
    await report(t.cookies.county, t.enterpriseId, 'general');
    const cancelled = await report(t.cookies.county, t.enterpriseId, 'general');
    const c = await t.inject(t.cookies.county, 'POST', `/api/v1/hazards/${cancelled.id}/transitions`, {
      action: 'cancel',
      reason: '重复登记',
    });
    assert.equal(c.statusCode, 200, c.body);
    await report(t.cookies.county, townB, 'general');
    await report(t.cookies.kunshan, t.otherEnterpriseId, 'major');
    // Risk points: the cast's enterprise major, low and one not yet assessed; town B moderate;
    // Kunshan two high.
    const points: [string, string | null][] = [
      [t.enterpriseId, 'major'],
      [t.enterpriseId, 'low'],
      [t.enterpriseId, null],
      [townB, 'moderate'],
      [t.otherEnterpriseId, 'high'],
      [t.otherEnterpriseId, 'high'],
    ];
    for (const [enterpriseId, level] of points)
      await t.db.query('INSERT INTO risk_points (enterprise_id, name, level) VALUES ($1, $2, $3)', [
        enterpriseId,
        `风险点 ${level}`,
        level,
      ]);
  });
  after(() => t.close());

  test("the city's dashboard, by county: each county's open hazards and risk points, the highest level named", async () => {
    const d = await dash(t.cookies.city);
    assert.deepEqual(
      [d.totals.open, d.totals.openMajor, d.totals.riskPoints],
      [4, 2, { total: 6, major: 1, high: 2, moderate: 1, low: 1, highest: 'major' }],
    );
    const zjg = row(d, CAST.county);
    assert.deepEqual([zjg?.open, zjg?.openMajor], [3, 1]);
    assert.deepEqual(zjg?.riskPoints, { total: 4, major: 1, high: 0, moderate: 1, low: 1, highest: 'major' });
    const ks = row(d, CAST.otherCounty);
    assert.deepEqual([ks?.open, ks?.openMajor], [1, 1]);
    assert.deepEqual(ks?.riskPoints, { total: 2, major: 0, high: 2, moderate: 0, low: 0, highest: 'high' });
    // A county of the city without anything: listed, nothing counted.
    const empty = d.byRegion.find((r) => r.code === '320581000000');
    assert.deepEqual(empty?.riskPoints, { total: 0, major: 0, high: 0, moderate: 0, low: 0, highest: null });
    assert.equal(empty?.open, undefined);
  });

  test("the county's dashboard, by township; the same numbers when the city drills down", async () => {
    const d = await dash(t.cookies.county);
    assert.deepEqual([d.totals.open, d.totals.openMajor, d.totals.riskPoints.total], [3, 1, 4]);
    assert.deepEqual([row(d, CAST.town)?.open, row(d, CAST.town)?.openMajor, row(d, CAST.town)?.riskPoints.total], [2, 1, 3]);
    assert.deepEqual(row(d, CAST.town)?.riskPoints.highest, 'major');
    assert.deepEqual([row(d, TOWN_B)?.open, row(d, TOWN_B)?.riskPoints.total, row(d, TOWN_B)?.riskPoints.highest], [1, 1, 'moderate']);
    const drilled = await dash(t.cookies.city, '?region=320582');
    assert.deepEqual(drilled.totals, d.totals);
    assert.deepEqual(drilled.byRegion, d.byRegion);
  });

  test('scope: a county counts only its own, even when it asks for another; an enterprise only its own', async () => {
    const ks = await dash(t.cookies.kunshan);
    assert.deepEqual([ks.totals.open, ks.totals.riskPoints.total, ks.totals.riskPoints.highest], [1, 2, 'high']);
    const peek = await dash(t.cookies.kunshan, '?region=320582');
    assert.deepEqual([peek.totals.open, peek.totals.riskPoints.total], [0, 0]);
    assert.ok(peek.byRegion.every((r) => r.riskPoints.total === 0 && !r.open));
    const own = await dash(t.cookies.ent);
    assert.deepEqual([own.totals.open, own.totals.openMajor, own.totals.riskPoints.total], [2, 1, 3]);
  });
});

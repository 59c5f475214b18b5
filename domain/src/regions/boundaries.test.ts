import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Role } from '../auth/roles.ts';
import { fieldMessages } from '../errors/messages.ts';
import {
  boundaryCodeProblems,
  boundaryUploadSchema,
  MAX_BOUNDARY_VERTICES,
  mayUploadBoundaries,
  regionCode12,
  shortRegionCode,
} from './boundaries.ts';

const square = (x: number, y: number, d = 0.1) => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
];
const feature = (code: string, geometry: unknown = { type: 'Polygon', coordinates: square(118.2, 33.9) }) => ({
  type: 'Feature',
  properties: { code, name: '宿城区' },
  geometry,
});
const upload = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

/** The field messages of an invalid upload, or null when it is valid. */
function problems(body: unknown): Record<string, { zh: string; en: string }> | null {
  const r = boundaryUploadSchema.safeParse(body);
  return r.success ? null : fieldMessages(r.error.issues);
}

test('a district boundary upload: what passes, and the field each refusal names', () => {
  const open = [
    [
      [118, 33],
      [118.1, 33],
      [118.1, 33.1],
      [118, 33.1],
    ],
  ];
  const cases: [string, unknown, string | null][] = [
    ['one polygon', upload(feature('321302')), null],
    [
      'a multipolygon, 9-digit township code, altitude ignored',
      upload(
        feature('321302100', {
          type: 'MultiPolygon',
          coordinates: [
            square(118, 33),
            [
              [
                [118, 34, 5],
                [118.1, 34, 5],
                [118.1, 34.1, 5],
                [118, 34, 5],
              ],
            ],
          ],
        }),
      ),
      null,
    ],
    ['not a FeatureCollection', { type: 'Feature', features: [] }, 'type'],
    ['no features', upload(), 'features'],
    ['a point is not a district', upload(feature('321302', { type: 'Point', coordinates: [118, 33] })), 'features.0.geometry.type'],
    ['a ring not closed', upload(feature('321302', { type: 'Polygon', coordinates: open })), 'features.0.geometry.coordinates.0'],
    [
      'a ring of three points',
      upload(
        feature('321302', {
          type: 'Polygon',
          coordinates: [
            [
              [118, 33],
              [118.1, 33],
              [118, 33],
            ],
          ],
        }),
      ),
      'features.0.geometry.coordinates.0',
    ],
    [
      'longitude out of range',
      upload(feature('321302', { type: 'Polygon', coordinates: square(190, 33) })),
      'features.0.geometry.coordinates.0.0.0',
    ],
    ['code missing', upload({ ...feature('321302'), properties: {} }), 'features.0.properties.code'],
    ['code of 4 digits', upload(feature('3213')), 'features.0.properties.code'],
    ['the same district twice', upload(feature('321302'), feature('321302000000')), 'features.1.properties.code'],
  ];
  for (const [name, body, field] of cases) {
    const p = problems(body);
    if (field === null) assert.equal(p, null, `${name}: ${JSON.stringify(p)}`);
    else {
      assert.ok(p && field in p, `${name}: expected ${field} in ${JSON.stringify(p)}`);
      assert.ok(p[field]?.zh && p[field]?.en, `${name}: both languages`);
    }
  }
});

test('too many vertices: refused with the count, before anything is stored', () => {
  const ring: number[][] = [];
  const n = MAX_BOUNDARY_VERTICES + 1;
  for (let i = 0; i < n - 1; i++) ring.push([118 + Math.cos(i) * 0.1, 33 + Math.sin(i) * 0.1]);
  ring.push(ring[0] as number[]);
  const p = problems(upload(feature('321302', { type: 'Polygon', coordinates: [ring] })));
  assert.match(p?.features?.en ?? '', /Too many vertices \(200001\)/);
});

test('every feature must be a child of the region: the others are named by index', () => {
  const children = ['321302000000', '321311000000', '321322000000', '321323000000', '321324000000'];
  assert.deepEqual(boundaryCodeProblems({ features: [feature('321302'), feature('321311')] as never }, children), {});
  const p = boundaryCodeProblems({ features: [feature('321302'), feature('320582'), feature('321300')] as never }, children);
  assert.deepEqual(Object.keys(p), ['features.1.properties.code', 'features.2.properties.code']);
  assert.match(p['features.1.properties.code']?.zh ?? '', /320582 不是该区划的下级区划/);
});

test('codes: short on the map, 12 digits in the regions table', () => {
  const cases: [string, string][] = [
    ['321302000000', '321302'],
    ['321302100000', '321302100'],
    ['321302100201', '321302100201'],
    ['320000000000', '320000'],
  ];
  for (const [long, short] of cases) {
    assert.equal(shortRegionCode(long), short);
    assert.equal(regionCode12(short), long);
  }
});

test("who loads boundaries: the admin, or a supervisor of the region's province", () => {
  const actor = (role: Role, regionPrefix: string): Actor => ({
    id: 'u',
    username: 'u',
    role,
    scope: { regionPrefix, industries: null, enterpriseId: null },
  });
  const cases: [Actor, string, boolean][] = [
    [actor('platformAdmin', ''), '321300000000', true],
    [actor('provinceSupervisor', '32'), '321300000000', true],
    [actor('provinceSupervisor', '11'), '321300000000', false],
    [actor('citySupervisor', '3213'), '321300000000', false],
    [actor('countySupervisor', '321302'), '321300000000', false],
    [actor('enterpriseAdmin', '32'), '321300000000', false],
  ];
  for (const [a, code, expected] of cases) assert.equal(mayUploadBoundaries(a, code), expected, `${a.role} ${a.scope.regionPrefix}`);
});

// 双随机 draws: the pure SHA-256 agrees with node:crypto; the same inputs give the same picks and
// any changed input a different commitment; conflicts are never drawn; weights show in the
// frequencies over many seeds; inspectors' loads stay even; the policy answers role by role.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import type { Actor, Role } from '../auth/roles.ts';
import {
  canonicalDrawInspectors,
  canonicalDrawObjects,
  DRAW_ALGORITHM,
  type DrawClass,
  DrawError,
  type DrawInspector,
  type DrawObject,
  drawActions,
  drawCommitment,
  drawInspectorsHash,
  drawObjectsHash,
  drawProblems,
  drawRandom,
  drawSeed,
  mayDraw,
  mayManageOfficers,
  normalizePublicValue,
  performDraw,
  sha256HexPure,
  verifyDraw,
} from './draws.ts';

const id = (prefix: string, i: number) => `${prefix}${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`;
const objects = (n: number, cls: (i: number) => DrawClass = () => 'C', w: Record<DrawClass, number> = { A: 4, B: 3, C: 2, D: 1 }) =>
  Array.from({ length: n }, (_, i) => ({ enterpriseId: id('e', i), class: cls(i), weight: w[cls(i)] }));
const inspectors = (n: number, conflicts: (i: number) => string[] = () => []): DrawInspector[] =>
  Array.from({ length: n }, (_, i) => ({ userId: id('u', i), conflicts: conflicts(i) }));
const nodeSha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('SHA-256 (pure)', () => {
  test('equals node:crypto on the empty string, the test vectors, Chinese text and every padding length', () => {
    assert.equal(sha256HexPure(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(sha256HexPure('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const s of ['张家港市应急管理局“双随机”抽查', 'x'.repeat(1000)]) assert.equal(sha256HexPure(s), nodeSha(s));
    for (let len = 0; len < 200; len++) {
      const s = randomBytes(len).toString('base64').slice(0, len);
      assert.equal(sha256HexPure(s), nodeSha(s), `length ${len}`);
    }
  });
});

describe('commitment and seed', () => {
  const base = { objects: objects(50), inspectors: inspectors(6), n: 5, nonce: 'a'.repeat(64) };
  const commit = (b: typeof base) =>
    drawCommitment({
      objectsHash: drawObjectsHash(b.objects),
      inspectorsHash: drawInspectorsHash(b.inspectors),
      algorithm: DRAW_ALGORITHM,
      n: b.n,
      serverNonce: b.nonce,
    });

  test('the lists are hashed in a canonical order: shuffling them changes nothing', () => {
    const shuffled = { ...base, objects: [...base.objects].reverse(), inspectors: [...base.inspectors].reverse() };
    assert.equal(commit(shuffled), commit(base));
    assert.equal(canonicalDrawObjects(base.objects).split('\n')[0], `${id('e', 0)};C;2`);
    assert.equal(canonicalDrawInspectors([{ userId: 'u1', conflicts: ['e2', 'e1'] }]), 'u1;e1,e2\n');
  });

  test('any one changed input changes the commitment', () => {
    const c = commit(base);
    const changed = [
      { ...base, objects: base.objects.slice(1) },
      { ...base, objects: base.objects.map((o, i) => (i === 3 ? { ...o, class: 'A' as const } : o)) },
      { ...base, objects: base.objects.map((o, i) => (i === 3 ? { ...o, weight: 3 } : o)) },
      { ...base, inspectors: base.inspectors.slice(1) },
      { ...base, inspectors: base.inspectors.map((x, i) => (i === 0 ? { ...x, conflicts: [id('e', 1)] } : x)) },
      { ...base, n: 6 },
      { ...base, nonce: 'b'.repeat(64) },
    ];
    for (const b of changed) assert.notEqual(commit(b), c);
  });

  test('the public value is normalised: spellings of one number give one seed', () => {
    for (const v of ['3412.56', ' 3,412.560 ', '+3412.56', '０３４１２．５６']) assert.equal(normalizePublicValue(v), '3412.56');
    assert.equal(normalizePublicValue('3412'), '3412');
    assert.equal(normalizePublicValue('3412.'), '3412');
    assert.equal(normalizePublicValue('-0.0'), '0');
    assert.equal(normalizePublicValue('  沪深300  收盘 '), '沪深300 收盘');
    assert.equal(drawSeed('n', '3,412.560'), drawSeed('n', '3412.56'));
    assert.notEqual(drawSeed('n', '3412.56'), drawSeed('n', '3412.57'));
    assert.equal(drawSeed('n', '1'), nodeSha('n\n1'));
  });

  test('uniform() has no modulo bias: it rejects the top of the range', () => {
    const r = drawRandom('seed');
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) {
      const k = r.uniform(3);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    for (const c of counts) assert.ok(Math.abs(c - 10_000) < 600, String(counts));
    assert.equal(drawRandom('s').uniform(1), 0);
    assert.throws(() => drawRandom('s').uniform(0), RangeError);
  });
});

describe('performDraw', () => {
  test('the same inputs give the same picks; another seed, others', () => {
    const input = { objects: objects(200), inspectors: inspectors(10), n: 20, seed: drawSeed('nonce', '3412.56') };
    const a = performDraw(input);
    assert.deepEqual(performDraw({ ...input, objects: [...input.objects].reverse() }), a);
    assert.equal(a.length, 20);
    assert.deepEqual(
      a.map((p) => p.rank),
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    assert.equal(new Set(a.map((p) => p.enterpriseId)).size, 20, 'without replacement');
    for (const p of a) {
      assert.equal(p.officerIds.length, 2);
      assert.notEqual(p.officerIds[0], p.officerIds[1]);
    }
    assert.notDeepEqual(performDraw({ ...input, seed: drawSeed('nonce', '3412.57') }), a);
  });

  test('n larger than the list draws every object once', () => {
    const picks = performDraw({ objects: objects(7), inspectors: inspectors(3), n: 50, seed: 's' });
    assert.equal(picks.length, 7);
    assert.deepEqual(new Set(picks.map((p) => p.enterpriseId)), new Set(objects(7).map((o) => o.enterpriseId)));
  });

  test('an inspector with a conflict is never paired with that enterprise', () => {
    const objs = objects(30);
    // Inspectors 0–3 are barred from the even enterprises: only 4 and 5 can go there.
    const insp = inspectors(6, (i) => (i < 4 ? objs.filter((_, k) => k % 2 === 0).map((o) => o.enterpriseId) : []));
    for (let s = 0; s < 20; s++) {
      for (const p of performDraw({ objects: objs, inspectors: insp, n: 30, seed: `seed${s}` })) {
        const k = objs.findIndex((o) => o.enterpriseId === p.enterpriseId);
        if (k % 2 === 0) assert.deepEqual([...p.officerIds].sort(), [id('u', 4), id('u', 5)]);
      }
    }
  });

  test('too few inspectors free of conflicts for an enterprise: a clear error naming it, before any commitment', () => {
    const objs = objects(3);
    const barred = objs[1]?.enterpriseId as string;
    const insp = inspectors(3, (i) => (i < 2 ? [barred] : []));
    const p = drawProblems(objs, insp);
    assert.ok(p instanceof DrawError);
    assert.equal(p.code, 'tooFewInspectors');
    assert.deepEqual(p.enterpriseIds, [barred]);
    assert.throws(() => performDraw({ objects: objs, inspectors: insp, n: 1, seed: 's' }), DrawError);
    assert.equal(drawProblems([], inspectors(3))?.code, 'noObjects');
    assert.equal(drawProblems(objects(3), inspectors(1))?.code, 'tooFewInspectors');
    assert.equal(drawProblems([{ enterpriseId: 'e', class: 'A', weight: 0 }], inspectors(3))?.code, 'badWeight');
    assert.equal(drawProblems(objs, inspectors(2)), null);
  });

  test('weights show in the frequencies: class A (weight 4) is drawn about four times as often as D (weight 1)', () => {
    const objs = objects(100, (i) => (i < 50 ? 'A' : 'D'));
    let a = 0;
    let d = 0;
    for (let s = 0; s < 2000; s++) {
      const [p] = performDraw({ objects: objs, inspectors: inspectors(2), n: 1, seed: `w${s}` });
      if (Number(p?.enterpriseId.slice(1, 9)) < 50) a++;
      else d++;
    }
    // Expected 1600 : 400.
    assert.ok(Math.abs(a - 1600) < 90, `${a} : ${d}`);
  });

  test('each object is equally likely at equal weights (every one drawn over many seeds, none far off)', () => {
    const counts = new Map<string, number>();
    for (let s = 0; s < 3000; s++)
      for (const p of performDraw({ objects: objects(20), inspectors: inspectors(2), n: 2, seed: `u${s}` }))
        counts.set(p.enterpriseId, (counts.get(p.enterpriseId) ?? 0) + 1);
    assert.equal(counts.size, 20);
    for (const c of counts.values()) assert.ok(Math.abs(c - 300) < 75, String(c));
  });

  test('loads stay even: with no conflicts no inspector has more than one pick above another', () => {
    const picks = performDraw({ objects: objects(100), inspectors: inspectors(7), n: 61, seed: 'load' });
    const load = new Map<string, number>();
    for (const p of picks) for (const o of p.officerIds) load.set(o, (load.get(o) ?? 0) + 1);
    const values = [...load.values()];
    assert.equal(values.length, 7);
    assert.ok(Math.max(...values) - Math.min(...values) <= 1, String(values));
  });

  test('100,000 enterprises and 500 inspectors: hashes, commitment and a draw of 5,000 in well under a second', () => {
    const classes: DrawClass[] = ['A', 'B', 'C', 'D'];
    const objs: DrawObject[] = objects(100_000, (i) => classes[i % 4] as DrawClass);
    const insp = inspectors(500, (i) => (i % 10 === 0 ? [id('e', i)] : []));
    const t0 = performance.now();
    const objectsHash = drawObjectsHash(objs);
    const inspectorsHash = drawInspectorsHash(insp);
    drawCommitment({ objectsHash, inspectorsHash, algorithm: DRAW_ALGORITHM, n: 5000, serverNonce: 'x' });
    const picks = performDraw({ objects: objs, inspectors: insp, n: 5000, seed: drawSeed('x', '1') });
    const ms = performance.now() - t0;
    assert.equal(picks.length, 5000);
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
  });
});

describe('verifyDraw', () => {
  test('a faithful record verifies; a swapped pick or a changed list is named', () => {
    const objs = objects(40);
    const insp = inspectors(5);
    const serverNonce = 'f'.repeat(64);
    const objectsHash = drawObjectsHash(objs);
    const inspectorsHash = drawInspectorsHash(insp);
    const commitment = drawCommitment({ objectsHash, inspectorsHash, algorithm: DRAW_ALGORITHM, n: 4, serverNonce });
    const seed = drawSeed(serverNonce, '3412.56');
    const picks = performDraw({ objects: objs, inspectors: insp, n: 4, seed });
    const record = {
      algorithm: DRAW_ALGORITHM,
      n: 4,
      objects: objs,
      inspectors: insp,
      objectsHash,
      inspectorsHash,
      commitment,
      serverNonce,
      publicValue: '3412.56',
      seed,
      picks,
    };
    assert.deepEqual(verifyDraw(record), []);
    const swapped = picks.map((p, i) => (i === 0 ? { ...p, enterpriseId: id('e', 39) } : p));
    assert.deepEqual(verifyDraw({ ...record, picks: swapped }), ['picks']);
    assert.deepEqual(verifyDraw({ ...record, objects: objs.slice(1) }).slice(0, 2), ['objectsHash', 'commitment']);
    assert.deepEqual(verifyDraw({ ...record, publicValue: '3412.57' }), ['seed', 'picks']);
  });
});

describe('scripts/verify-draw.mjs, written the plain way, agrees with the platform’s draw', () => {
  test('random lists with conflicts, weights and sizes: the plain walk and least-loaded scan give the same picks', async () => {
    const script = new URL('../../../scripts/verify-draw.mjs', import.meta.url).href;
    const { verify } = (await import(script)) as { verify: (d: unknown) => string[] };
    let checked = 0;
    for (let c = 0; c < 60; c++) {
      const r = drawRandom(`case${c}`);
      const objs = objects(1 + r.uniform(60), (i) => (['A', 'B', 'C', 'D'] as const)[(i * 7 + c) % 4] as DrawClass);
      const insp = inspectors(2 + r.uniform(7), () => objs.filter(() => r.uniform(6) === 0).map((o) => o.enterpriseId));
      if (drawProblems(objs, insp)) continue;
      const n = 1 + r.uniform(objs.length + 5);
      const serverNonce = `nonce${c}`;
      const objectsHash = drawObjectsHash(objs);
      const inspectorsHash = drawInspectorsHash(insp);
      const seed = drawSeed(serverNonce, String(c));
      const record = {
        status: 'drawn',
        algorithm: DRAW_ALGORITHM,
        n,
        objects: objs,
        objectsCount: objs.length,
        inspectors: insp,
        objectsHash,
        inspectorsHash,
        commitment: drawCommitment({ objectsHash, inspectorsHash, algorithm: DRAW_ALGORITHM, n, serverNonce }),
        serverNonce,
        publicValue: String(c),
        seed,
        picks: performDraw({ objects: objs, inspectors: insp, n, seed }),
      };
      assert.deepEqual(verify(record), [], `case ${c}`);
      checked++;
    }
    assert.ok(checked > 30, String(checked));
  });
});

describe('draw policy', () => {
  const actor = (role: Role): Actor => ({
    id: 'x',
    username: 'x',
    role,
    scope: { regionPrefix: '320582', industries: null, enterpriseId: null },
  });
  const cases: [Role, boolean, boolean][] = [
    ['platformAdmin', false, true],
    ['provinceSupervisor', true, true],
    ['citySupervisor', true, true],
    ['countySupervisor', true, true],
    ['departmentInspector', true, false],
    ['townshipSupervisor', false, false],
    ['gridWorker', false, false],
    ['enterpriseAdmin', false, false],
    ['enterpriseStaff', false, false],
  ];
  for (const [role, draws, manages] of cases)
    test(`${role}: ${draws ? 'draws' : 'does not draw'}, ${manages ? 'keeps' : 'does not keep'} the officers' registry`, () => {
      assert.equal(mayDraw(actor(role)), draws);
      assert.equal(mayManageOfficers(actor(role)), manages);
    });

  test('before the draw time: cancel only; at or after: perform only; drawn or cancelled: nothing', () => {
    const county = actor('countySupervisor');
    const drawAt = '2026-12-08T09:00:00+08:00';
    assert.deepEqual(drawActions(county, { status: 'committed', drawAt }, new Date('2026-12-08T00:59:59Z')), ['cancel']);
    assert.deepEqual(drawActions(county, { status: 'committed', drawAt }, new Date('2026-12-08T01:00:00Z')), ['perform']);
    assert.deepEqual(drawActions(county, { status: 'drawn', drawAt }, new Date('2026-12-09T00:00:00Z')), []);
    assert.deepEqual(drawActions(county, { status: 'cancelled', drawAt }, new Date('2026-12-07T00:00:00Z')), []);
    assert.deepEqual(drawActions(actor('enterpriseAdmin'), { status: 'committed', drawAt }, new Date('2026-12-09T00:00:00Z')), []);
  });
});

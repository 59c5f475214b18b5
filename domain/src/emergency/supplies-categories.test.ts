// The GB/T 38565 code rule and the quantity rule at their edges (issue 27). Owner: supplies.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  categoryCodeProblem,
  isCatchAllCategory,
  isSupplyCategoryCode,
  SUPPLY_CATEGORY_FULL_CODE,
  SUPPLY_SEED_CATEGORIES,
  supplyCategoryLevel,
  supplyCategoryParent,
} from './supplies-categories.ts';
import { belowZeroMessage, movementDelta, quantityProblem } from './supplies-model.ts';
import { mayMoveWarehouse, maySeeWarehouse, warehouseRegionProblem } from './supplies-policy.ts';

test('category codes: 1, 3, 5 or 7 digits, class 1–3, two digits 01–99 per level', () => {
  const table: [string, boolean, number | null, string | null][] = [
    ['1', true, 1, null],
    ['3', true, 1, null],
    ['0', false, null, null],
    ['4', false, null, null],
    ['101', true, 2, '1'],
    ['199', true, 2, '1'],
    ['100', false, null, null],
    ['10', false, null, null],
    ['10101', true, 3, '101'],
    ['1010101', true, 4, '10101'],
    ['1010199', true, 4, '10101'],
    ['3999999', true, 4, '39999'],
    ['1010100', false, null, null],
    ['1000101', false, null, null],
    ['10101011', false, null, null],
    ['101010', false, null, null],
    ['2a1', false, null, null],
    ['', false, null, null],
  ];
  for (const [code, valid, level, parent] of table) {
    assert.equal(isSupplyCategoryCode(code), valid, code);
    assert.equal(supplyCategoryLevel(code), level, code);
    assert.equal(supplyCategoryParent(code), parent, code);
  }
  assert.ok(SUPPLY_CATEGORY_FULL_CODE.test('1020101'));
  assert.ok(!SUPPLY_CATEGORY_FULL_CODE.test('10201'));
  assert.ok(isCatchAllCategory('1010199') && isCatchAllCategory('199') && !isCatchAllCategory('1010101'));
});

test('adding a category: the rule, an existing parent, no duplicate, no new class', () => {
  const existing = new Set(['1', '101', '10101']);
  assert.equal(categoryCodeProblem('1010102', existing), null);
  assert.equal(categoryCodeProblem('10102', existing), null);
  assert.match(categoryCodeProblem('1010100', existing)?.zh ?? '', /不符合 GB\/T 38565/);
  assert.match(categoryCodeProblem('1020101', existing)?.zh ?? '', /上级分类 10201 不存在/);
  assert.match(categoryCodeProblem('10101', existing)?.zh ?? '', /已存在/);
  assert.match(categoryCodeProblem('2', existing)?.zh ?? '', /不能新增/);
});

test('the seeded tree: every code valid, every parent seeded first, the three classes not provisional', () => {
  const seen = new Set<string>();
  for (const c of SUPPLY_SEED_CATEGORIES) {
    assert.ok(isSupplyCategoryCode(c.code), c.code);
    const parent = supplyCategoryParent(c.code);
    if (parent) assert.ok(seen.has(parent), `${c.code} before its parent`);
    assert.equal(c.provisional, c.code.length > 1, c.code);
    seen.add(c.code);
  }
  assert.ok(seen.has('102') && seen.has('1020102'), 'medical and epidemic-prevention supplies seeded');
});

test('quantities: positive, whole for a whole-unit item, signed only for an adjustment', () => {
  const tent = { unit: '顶', wholeUnits: true };
  const fuel = { unit: '升', wholeUnits: false };
  assert.equal(quantityProblem('in', 3, tent), null);
  assert.match(quantityProblem('in', 2.5, tent)?.zh ?? '', /整数/);
  assert.equal(quantityProblem('in', 2.5, fuel), null);
  assert.match(quantityProblem('out', -1, tent)?.zh ?? '', /大于零/);
  assert.match(quantityProblem('out', 0, fuel)?.zh ?? '', /大于零/);
  assert.equal(quantityProblem('adjust', -2, tent), null);
  assert.match(quantityProblem('adjust', 0, tent)?.zh ?? '', /不能为零/);
  assert.match(quantityProblem('in', 1.0001, fuel)?.zh ?? '', /三位小数/);
  assert.equal(movementDelta('out', 3), -3);
  assert.equal(movementDelta('transferIn', 3), 3);
  assert.equal(belowZeroMessage(3, '箱').zh, '库存不足：当前结存 3 箱');
});

test('scope: a county reads the reserves above it but moves only its own; an enterprise its own', () => {
  const scope = (regionPrefix: string, enterpriseId: string | null = null) => ({ regionPrefix, industries: null, enterpriseId });
  const county = { id: 'c', username: 'c', role: 'countySupervisor' as const, scope: scope('321302') };
  const other = { id: 'o', username: 'o', role: 'countySupervisor' as const, scope: scope('321311') };
  const ent = { id: 'e', username: 'e', role: 'enterpriseAdmin' as const, scope: scope('', 'E1') };
  const city = { kind: 'government' as const, level: 'city' as const, regionCode: '321300000000', enterpriseId: null };
  const mine = { kind: 'government' as const, level: 'county' as const, regionCode: '321302000000', enterpriseId: null };
  const stock = { kind: 'enterprise' as const, level: null, regionCode: '321302000000', enterpriseId: 'E1' };
  assert.ok(maySeeWarehouse(county, city) && !mayMoveWarehouse(county, city));
  assert.ok(maySeeWarehouse(county, mine) && mayMoveWarehouse(county, mine));
  assert.ok(!maySeeWarehouse(other, mine) && !mayMoveWarehouse(other, mine));
  assert.ok(maySeeWarehouse(county, stock) && !mayMoveWarehouse(county, stock));
  assert.ok(maySeeWarehouse(ent, stock) && mayMoveWarehouse(ent, stock));
  // A government reserve is moved by its owning level only: the city reads the county's, asks for it.
  const cityUser = { id: 'y', username: 'y', role: 'citySupervisor' as const, scope: scope('3213') };
  assert.ok(mayMoveWarehouse(cityUser, city) && maySeeWarehouse(cityUser, mine) && !mayMoveWarehouse(cityUser, mine));
  assert.ok(!maySeeWarehouse(ent, mine) && !maySeeWarehouse(ent, city));
  assert.equal(warehouseRegionProblem('government', 'city', 'city'), null);
  assert.ok(warehouseRegionProblem('government', 'city', 'county'));
  assert.ok(warehouseRegionProblem('social', null, 'city'));
});

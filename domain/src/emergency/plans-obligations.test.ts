// Table tests of the plan obligations (issue 27): which units are Decree 708 Art. 7 units (must file,
// half-yearly drills) and whether their plans are 评审 or 论证 (令第88号 Art. 21), at the edges.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decree708Kinds,
  type EmergencyPlansUnit,
  isDecree708Unit,
  isMediumOrLarger,
  mustFilePlans,
  reviewKind,
  reviewReasons,
} from './plans-obligations.ts';

const u = (industryCode: string, extra: Partial<EmergencyPlansUnit> = {}): EmergencyPlansUnit => ({
  industryCode,
  highRisk: [],
  employees: null,
  revenueWan: null,
  ...extra,
});

test('Decree 708 Art. 7 units by industry code, flag and major hazard installation', () => {
  const rows: [string, EmergencyPlansUnit, string[]][] = [
    ['chemical manufacturing (26)', u('26'), ['dangerousGoods']],
    ['fireworks manufacturing (2672)', u('2672'), ['dangerousGoods']],
    ['petrol station (5265)', u('5265'), ['dangerousGoods']],
    ['dangerous goods road transport (5435)', u('5435'), ['dangerousGoods']],
    ['ordinary road freight (5431)', u('5431'), []],
    ['hazardous chemicals warehouse (5942)', u('5942'), ['dangerousGoods']],
    ['coal mining (06)', u('06'), ['mining']],
    ['steel (31)', u('31'), ['metallurgy']],
    ['non-ferrous smelting class (3211)', u('3211'), ['metallurgy']],
    ['metro (5412)', u('5412'), ['urbanRail']],
    ['bus company (5411)', u('5411'), []],
    ['house building (47)', u('47'), ['construction']],
    ['hotel (61)', u('61'), ['crowdedPlace']],
    ['department store (5211)', u('5211'), ['crowdedPlace']],
    ['retail division only (52)', u('52'), []],
    ['entertainment (90)', u('90'), ['crowdedPlace']],
    ['scenic area (7861)', u('7861'), ['crowdedPlace']],
    ['city park (7850)', u('7850'), []],
    ['food factory (14)', u('14'), []],
    ['food factory with ammonia refrigeration', u('14', { highRisk: ['ammoniaRefrigeration'] }), []],
    ['food factory storing LPG above threshold', u('14', { majorHazardInstallations: 1 }), ['dangerousGoods']],
    ['trading company flagged hazardous chemicals', u('51', { highRisk: ['hazardousChemicals'] }), ['dangerousGoods']],
    ['builder flag on a services code', u('72', { highRisk: ['construction'] }), ['construction']],
    ['transport flag alone', u('54', { highRisk: ['transport'] }), []],
  ];
  for (const [name, unit, kinds] of rows) {
    assert.deepEqual(decree708Kinds(unit), kinds, name);
    assert.equal(isDecree708Unit(unit), kinds.length > 0, name);
    assert.equal(mustFilePlans(unit), kinds.length > 0, name);
  }
});

test('others file only when the province says so (令第88号 Art. 26 ¶3)', () => {
  assert.equal(mustFilePlans(u('14')), false);
  assert.equal(mustFilePlans(u('14'), { othersMustFile: true }), true);
  assert.equal(mustFilePlans(u('06'), { othersMustFile: false }), true);
});

test('中型规模以上 at the lower bounds (both figures where two are named)', () => {
  const rows: [string, EmergencyPlansUnit, boolean][] = [
    ['factory 300 / 2000', u('14', { employees: 300, revenueWan: 2000 }), true],
    ['factory 299 / 2000', u('14', { employees: 299, revenueWan: 2000 }), false],
    ['factory 300 / 1999.9', u('14', { employees: 300, revenueWan: 1999.9 }), false],
    ['factory unknown revenue', u('14', { employees: 5000 }), false],
    ['retail 50 / 500', u('5211', { employees: 50, revenueWan: 500 }), true],
    ['retail 49 / 9000', u('52', { employees: 49, revenueWan: 9000 }), false],
    ['wholesale 20 / 5000', u('51', { employees: 20, revenueWan: 5000 }), true],
    ['hotel 100 / 2000', u('61', { employees: 100, revenueWan: 2000 }), true],
    ['hotel 100 / 1999', u('61', { employees: 100, revenueWan: 1999 }), false],
    ['construction revenue 6000', u('47', { revenueWan: 6000 }), true],
    ['construction revenue 5999', u('47', { employees: 9999, revenueWan: 5999 }), false],
    ['property management 300 / 1000', u('7020', { employees: 300, revenueWan: 1000 }), true],
    ['property management 299 / 1000', u('7020', { employees: 299, revenueWan: 1000 }), false],
    ['education, 100 employees', u('83', { employees: 100 }), true],
    ['education, 99 employees', u('83', { employees: 99 }), false],
  ];
  for (const [name, unit, medium] of rows) assert.equal(isMediumOrLarger(unit), medium, name);
});

test('评审 vs 论证 (令第88号 Art. 21)', () => {
  const rows: [string, EmergencyPlansUnit, 'review' | 'demonstration', string[]][] = [
    ['coal mine', u('06'), 'review', ['mining']],
    ['steel works', u('31'), 'review', ['metallurgy']],
    ['builder', u('48'), 'review', ['construction']],
    ['chemical plant', u('26'), 'review', ['dangerousGoods']],
    ['fireworks factory', u('2672'), 'review', ['dangerousGoods', 'fireworks']],
    ['chemical user above the quantity', u('14', { usesHazardousChemicalsAboveThreshold: true }), 'review', ['chemicalUse']],
    ['medium food factory', u('14', { employees: 300, revenueWan: 2000 }), 'review', ['mediumOrLarger']],
    ['small food factory', u('14', { employees: 299, revenueWan: 2000 }), 'demonstration', []],
    // Art. 7 but not Art. 21: a small hotel files but only 论证.
    ['small hotel', u('61', { employees: 30, revenueWan: 300 }), 'demonstration', []],
    ['metro, small figures unknown', u('5412'), 'demonstration', []],
    ['metro, large', u('5412', { employees: 3000, revenueWan: 90000 }), 'review', ['mediumOrLarger']],
  ];
  for (const [name, unit, kind, reasons] of rows) {
    assert.equal(reviewKind(unit), kind, name);
    assert.deepEqual(reviewReasons(unit), reasons, name);
  }
});

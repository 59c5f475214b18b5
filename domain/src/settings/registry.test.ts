import assert from 'node:assert/strict';
import { test } from 'node:test';
import { originIn, SETTING_KEYS, SETTINGS, type SettingDef, type SettingKey, settingOrigin, settingValue, valueIn } from './registry.ts';

test('every setting is well formed: its default passes its schema, a provisional one says what is unconfirmed', () => {
  for (const key of SETTING_KEYS) {
    const s = SETTINGS[key];
    assert.equal(s.schema.safeParse(s.default).success, true, key);
    assert.ok(s.label.zh && s.label.en && s.description.zh && s.description.en, key);
    assert.ok(s.source.length > 0, key);
    assert.equal(s.provisional, s.source.startsWith('UNCONFIRMED'), `${key}: provisional exactly when its source is UNCONFIRMED`);
  }
});

test('the value in force: the province override, else the national value, else the default; invalid stored values are passed over', () => {
  const cases: [SettingKey, { national?: unknown; province?: unknown }, unknown, string][] = [
    ['map.approvalNumber', {}, '', 'default'],
    ['map.approvalNumber', { national: 'GS(2024)0650号' }, 'GS(2024)0650号', 'national'],
    ['map.approvalNumber', { national: 'GS(2024)0650号', province: '苏S(2025)001号' }, '苏S(2025)001号', 'province'],
    ['map.approvalNumber', { province: '苏S(2025)001号' }, '苏S(2025)001号', 'province'],
    ['map.approvalNumber', { national: 42 }, '', 'default'],
    ['enforcement.reviewDays', {}, 10, 'default'],
    ['enforcement.reviewDays', { national: 7 }, 7, 'national'],
    ['enforcement.reviewDays', { national: 7, province: 5 }, 5, 'province'],
    ['enforcement.reviewDays', { national: 7, province: 0 }, 7, 'national'],
    ['enforcement.reviewDays', { national: '7' }, 10, 'default'],
    ['enforcement.reviewDays', { national: null, province: null }, 10, 'default'],
  ];
  for (const [key, values, expected, origin] of cases) {
    assert.equal(settingValue(key, values), expected, `${key} ${JSON.stringify(values)}`);
    assert.equal(settingOrigin(key, values), origin, `${key} ${JSON.stringify(values)}`);
  }
});

test('a national-only setting ignores a province value', () => {
  // No national-only entry exists yet: the rule is checked on a definition made for the test.
  const def: SettingDef = { ...SETTINGS['enforcement.reviewDays'], scope: 'national' };
  assert.equal(valueIn(def, { national: 7, province: 5 }), 7);
  assert.equal(valueIn(def, { province: 5 }), 10);
  assert.equal(originIn(def, { province: 5 }), 'default');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Role } from '../auth/roles.ts';
import {
  allowedLevelActions,
  announcementText,
  checkLevelChange,
  customRuleSet,
  proposeLevel,
  RULES_2020,
  RULES_2022,
  zhNumber,
} from './levels-rules.ts';

const NOW = new Date('2026-03-20T04:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

test('2020 rules at their edges', () => {
  const rows: [number, number, string][] = [
    [0, 0, 'low'],
    [30, 0, 'low'], // 连续 14 天无新增
    [1, 1, 'medium'],
    [50, 5, 'medium'], // 累计 ≤50
    [51, 1, 'medium'], // >50 without a cluster
    [51, 2, 'high'], // >50 with a cluster
  ];
  for (const [total, recent, level] of rows)
    assert.equal(
      proposeLevel(RULES_2020, { totalCases: total, recentCases: recent, lastCaseAt: recent ? daysAgo(1) : daysAgo(20) }, NOW).level,
      level,
      `${total}/${recent}`,
    );
  assert.equal(RULES_2020.windowDays, 14);
});

test('2022 rules: high within 7 days, medium until 10, then low', () => {
  for (const [d, level] of [
    [0, 'high'],
    [6, 'high'],
    [7, 'medium'],
    [9, 'medium'],
    [10, 'low'],
  ] as const)
    assert.equal(
      proposeLevel(RULES_2022, { totalCases: 3, recentCases: d < 7 ? 1 : 0, lastCaseAt: daysAgo(d) }, NOW).level,
      level,
      `day ${d}`,
    );
  assert.equal(proposeLevel(RULES_2022, { totalCases: 0, recentCases: 0, lastCaseAt: null }, NOW).level, 'low');
  const p = proposeLevel(RULES_2022, { totalCases: 6, recentCases: 6, lastCaseAt: daysAgo(2) }, NOW);
  assert.match(p.reasons[0]?.zh ?? '', /7天内有新增病例/);
});

test('the configurable rule set defaults to the 2022 shape', () => {
  const c = customRuleSet({ windowDays: 5, quietToMedium: 5, quietToLow: 5 });
  assert.equal(proposeLevel(c, { totalCases: 1, recentCases: 0, lastCaseAt: daysAgo(5) }, NOW).level, 'low');
  assert.equal(proposeLevel(c, { totalCases: 1, recentCases: 1, lastCaseAt: daysAgo(4) }, NOW).level, 'high');
});

test('quiet period with a fake clock: day 6 refused, day 7 allowed; raising always allowed', () => {
  const six = checkLevelChange('high', 'medium', daysAgo(6.5), NOW, RULES_2022);
  assert.equal(six.ok, false);
  if (!six.ok) {
    assert.equal(six.status, 409);
    assert.match(six.fields.level?.zh ?? '', /连续7天无新增/);
    assert.match(six.fields.level?.en ?? '', /7 days/);
  }
  assert.deepEqual(checkLevelChange('high', 'medium', daysAgo(7), NOW, RULES_2022), { ok: true, override: false });
  assert.equal(checkLevelChange('high', 'low', daysAgo(9), NOW, RULES_2022).ok, false);
  assert.equal(checkLevelChange('high', 'low', daysAgo(10), NOW, RULES_2022).ok, true);
  assert.equal(checkLevelChange('medium', 'low', daysAgo(13), NOW, RULES_2020).ok, false);
  assert.equal(checkLevelChange('medium', 'low', daysAgo(14), NOW, RULES_2020).ok, true);
  assert.equal(checkLevelChange('low', 'high', daysAgo(0), NOW, RULES_2022).ok, true);
  assert.equal(checkLevelChange('medium', 'low', null, NOW, RULES_2022).ok, true);
});

test('an override needs a reason of at least 10 characters', () => {
  const short = checkLevelChange('high', 'low', daysAgo(1), NOW, RULES_2022, { reason: '太短' });
  assert.equal(short.ok, false);
  if (!short.ok) {
    assert.equal(short.status, 400);
    assert.ok(short.fields.reason?.zh && short.fields.reason.en);
  }
  assert.deepEqual(checkLevelChange('high', 'low', daysAgo(1), NOW, RULES_2022, { reason: '经流调确认病例均为外地输入且已全部闭环管理' }), {
    ok: true,
    override: true,
  });
});

const actor = (role: Role, regionPrefix: string): Actor => ({
  id: 'u',
  username: 'u',
  role,
  scope: { regionPrefix, industries: null, enterpriseId: null },
});
const TOWN = '321302001000';
const COUNTY = '321302000000';

test('who confirms: the county its townships, the city its counties, the admin anywhere', () => {
  const rows: [Role, string, string, string[]][] = [
    ['platformAdmin', '', TOWN, ['view', 'recompute', 'confirm', 'override']],
    ['platformAdmin', '', COUNTY, ['view', 'recompute', 'confirm', 'override']],
    ['provinceSupervisor', '32', TOWN, ['view']],
    ['citySupervisor', '3213', TOWN, ['view']],
    ['citySupervisor', '3213', COUNTY, ['view', 'recompute', 'confirm', 'override']],
    ['countySupervisor', '321302', TOWN, ['view', 'recompute', 'confirm', 'override']],
    ['countySupervisor', '321302', COUNTY, ['view']],
    ['countySupervisor', '321311', TOWN, []],
    ['townshipSupervisor', '321302001', TOWN, ['view']],
    ['cdcReviewer', '321302', TOWN, ['view', 'recompute']],
    ['gridWorker', '321302001', TOWN, []],
    ['departmentInspector', '321302', TOWN, []],
    ['enterpriseAdmin', '321302001', TOWN, []],
    ['enterpriseStaff', '321302001', TOWN, []],
    ['medicalReporter', '321302001', TOWN, []],
  ];
  for (const [role, prefix, region, want] of rows)
    assert.deepEqual(allowedLevelActions(actor(role, prefix), region), want, `${role} ${region}`);
  assert.deepEqual(allowedLevelActions(actor('platformAdmin', ''), '321300000000'), []);
});

test('announcement: Chinese, Beijing time, human numbers', () => {
  assert.deepEqual([1, 10, 12, 20, 25].map(zhNumber), ['一', '十', '十二', '二十', '二十五']);
  const { title, body } = announcementText({
    issuer: '宿城区人民政府',
    area: '蔡集镇',
    effectiveFrom: new Date('2026-03-17T16:00:00Z'),
    issuedAt: new Date('2026-03-17T10:00:00Z'),
    number: '宿城风险〔2026〕1号',
    changes: [
      { regionName: '蔡集镇', from: 'low', to: 'high' },
      { regionName: '王官集镇', from: 'medium', to: 'low', quietDays: 12 },
    ],
  });
  assert.equal(title, '关于调整蔡集镇疫情风险等级的公告');
  assert.match(body, /自2026年3月18日0时起/);
  assert.match(body, /一、蔡集镇由低风险地区调升为高风险地区/);
  assert.match(body, /二、王官集镇由中风险地区调降为低风险地区，该地区已连续十二天无新增病例/);
  assert.match(body, /2026年3月17日/);
  assert.doesNotMatch(body + title, /[A-Za-z]/);
  assert.match(body, /\n（宿城风险〔2026〕1号）$/);
  // A 文号 that already opens with its issuer in brackets is not bracketed twice.
  const issued = announcementText({
    issuer: '张家港市人民政府',
    area: '杨舍镇',
    effectiveFrom: new Date('2026-03-17T16:00:00Z'),
    issuedAt: new Date('2026-03-17T10:00:00Z'),
    number: '（张家港市）防控告〔2026〕3号',
    changes: [{ regionName: '杨舍镇', from: 'low', to: 'high' }],
  });
  assert.match(issued.body, /\n（张家港市）防控告〔2026〕3号$/);
  assert.doesNotMatch(issued.body, /（（/);
});

// 传染病报告 rules, table-tested: ID checks, time order, disease in force, deadline by the version
// of the date, masking per role, the state machine (every status × action × role), duplicate window.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Actor, Role } from '../auth/roles.ts';
import { maskCallerPhone } from '../command/board-loop.ts';
import { COVID19_CODE, type DiseaseChange, diseaseVersionOn, planDiseaseChange, seedVersions } from './cases-diseases.ts';
import { idCheckChar, idProblem, maskCaseName, maskCasePhone, maskIdNumber, maskPhoneNumber, personKeyInput } from './cases-person.ts';
import { phCasesAbilities } from './cases-policy.ts';
import {
  allowedCaseActions,
  canViewCase,
  caseTimeProblems,
  PH_CASE_ACTIONS,
  PH_CASE_STATUSES,
  type PhCaseAction,
  type PhCaseFacts,
  type PhCaseStatus,
  reportDeadline,
  reportDeadlineHours,
  seesPersonClear,
  suspectedDuplicates,
} from './cases-rules.ts';
import { maskContactPhone } from './events-rules.ts';

const FAC = 'f-1';
const TOWN = '321302100000';
const actor = (role: Role, regionPrefix: string, enterpriseId: string | null = null): Actor => ({
  id: role,
  username: role,
  role,
  scope: { regionPrefix, industries: null, enterpriseId },
});
const ROLES = {
  reporterOwn: actor('medicalReporter', TOWN, FAC),
  reporterOther: actor('medicalReporter', '321302101000', 'f-2'),
  cdcIn: actor('cdcReviewer', '321302'),
  cdcOut: actor('cdcReviewer', '321311'),
  county: actor('countySupervisor', '321302'),
  city: actor('citySupervisor', '3213'),
  province: actor('provinceSupervisor', '32'),
  admin: actor('platformAdmin', ''),
  grid: actor('gridWorker', '321302100'),
  ent: actor('enterpriseAdmin', TOWN, 'e-9'),
};
const kase = (status: PhCaseStatus): PhCaseFacts => ({ status, facilityId: FAC, regionCode: TOWN, reportRegionCode: TOWN });

describe('person documents', () => {
  const good17 = '32130219900101123';
  const good = good17 + idCheckChar(good17);
  for (const [type, v, want] of [
    ['resident', good, null],
    ['resident', '11010519491231002X', null],
    ['resident', `${good17}${idCheckChar(good17) === '0' ? '1' : '0'}`, 'checksum'],
    ['resident', '321302199002301234', 'birthDate'],
    ['resident', '3213021990010112', 'format'],
    ['passport', 'E12345678', null],
    ['passport', '#12', 'format'],
    ['hkMacauPermit', 'H12345678', null],
    ['hkMacauPermit', 'X12345678', 'format'],
    ['taiwanPermit', '12345678', null],
    ['taiwanPermit', '1234A678', 'format'],
  ] as const)
    test(`${type} ${v} → ${want}`, () => assert.equal(idProblem(type, v, new Date('2026-12-07')), want));
  test('masks', () => {
    assert.equal(maskCaseName('张三丰'), '张*丰');
    assert.equal(maskCaseName('张三'), '张*');
    assert.equal(maskIdNumber('resident', '11010519491231002X'), '110105********002X');
    assert.equal(maskCasePhone('13812345678'), '138****5678');
  });
  // A mobile in the form people know; a shorter number at least half hidden: 3 + 4 kept of 7 or 8 gave it away.
  for (const [raw, masked] of [
    ['13812345678', '138****5678'],
    ['+8613812345678', '+86*******5678'],
    ['0527-84361234', '052******1234'],
    ['62345678', '62****78'],
    ['6234567', '6****67'],
    ['623456', '******'],
    ['110', '****'],
  ] as const)
    test(`phone ${raw} → ${masked}`, () => {
      const m = maskPhoneNumber(raw);
      assert.equal(m, masked);
      if (raw.length < 11) assert.ok(m.replace(/[^*]/g, '').length * 2 >= raw.length, 'at least half hidden');
      else assert.equal(m.replace(/[^*]/g, '').length, raw.length - 7);
      assert.equal(maskContactPhone(raw), m);
      assert.equal(maskCallerPhone(raw), m);
    });
  test('the person key', () => {
    assert.equal(personKeyInput('resident', '110105 19491231 002x'), 'resident:11010519491231002X');
  });
});

describe('disease versions and deadlines', () => {
  const vs = seedVersions();
  test('COVID-19 in 2022 is managed as A (2 h), in 2024 not (24 h); before 2020 not in force', () => {
    const v22 = diseaseVersionOn(vs, COVID19_CODE, '2022-06-01');
    const v24 = diseaseVersionOn(vs, COVID19_CODE, '2024-06-01');
    assert.ok(v22 && v24);
    assert.equal(reportDeadlineHours(v22), 2);
    assert.equal(reportDeadlineHours(v24), 24);
    assert.equal(diseaseVersionOn(vs, COVID19_CODE, '2019-12-01'), null);
    assert.equal(diseaseVersionOn(vs, COVID19_CODE, '2023-01-07')?.managedAsClassA, true);
    assert.equal(diseaseVersionOn(vs, COVID19_CODE, '2023-01-08')?.managedAsClassA, false);
  });
  test('the 2025 law versions are provisional; mpox from 2023-09-20; H1N1 ends 2014', () => {
    assert.equal(diseaseVersionOn(vs, 'plague', '2025-09-01')?.provisional, true);
    assert.equal(diseaseVersionOn(vs, 'plague', '2025-08-31')?.provisional, false);
    assert.equal(diseaseVersionOn(vs, 'mpox', '2023-09-19'), null);
    assert.equal(diseaseVersionOn(vs, 'mpox', '2023-09-20')?.class, 'B');
    assert.equal(diseaseVersionOn(vs, 'h1n1', '2014-01-01'), null);
    assert.equal(diseaseVersionOn(vs, 'h1n1', '2013-06-01')?.class, 'B');
  });
  test('class A and managed-as-A: 2 h; others 24 h', () => {
    const d = new Date('2026-12-01T02:00:00Z');
    const plague = diseaseVersionOn(vs, 'plague', '2026-12-01');
    const sars = diseaseVersionOn(vs, 'sars', '2026-12-01');
    const flu = diseaseVersionOn(vs, 'influenza', '2026-12-01');
    assert.ok(plague && sars && flu);
    assert.equal(reportDeadline(plague, d).toISOString(), '2026-12-01T04:00:00.000Z');
    assert.equal(reportDeadlineHours(sars), 2);
    assert.equal(reportDeadline(flu, d).toISOString(), '2026-12-02T02:00:00.000Z');
  });
  test('time order: onset ≤ diagnosis ≤ now', () => {
    const now = new Date('2026-12-07T00:00:00Z');
    assert.deepEqual(caseTimeProblems(new Date('2026-12-05'), new Date('2026-12-06'), now), []);
    assert.deepEqual(caseTimeProblems(new Date('2026-12-06T01:00Z'), new Date('2026-12-06'), now), [
      { field: 'onsetAt', reason: 'afterDiagnosis' },
    ]);
    assert.deepEqual(caseTimeProblems(null, new Date('2026-12-08'), now), [{ field: 'diagnosedAt', reason: 'future' }]);
  });
});

describe('who sees the person in clear', () => {
  const want: Record<keyof typeof ROLES, [boolean, boolean]> = {
    // [sees the case, sees the person in clear]
    reporterOwn: [true, true],
    reporterOther: [false, false],
    cdcIn: [true, true],
    cdcOut: [false, false],
    county: [true, false],
    city: [true, false],
    province: [true, false],
    admin: [true, false],
    grid: [false, false],
    ent: [false, false],
  };
  for (const [name, a] of Object.entries(ROLES))
    test(name, () => {
      assert.deepEqual([canViewCase(a, kase('reported')), seesPersonClear(a, kase('reported'))], want[name as keyof typeof ROLES]);
    });
  test('the reviewer of the report region (not the residence) sees it clear', () => {
    const c = { ...kase('reported'), regionCode: '321311100000' };
    assert.equal(seesPersonClear(ROLES.cdcIn, c), true);
    assert.equal(seesPersonClear(ROLES.cdcOut, c), true);
  });
});

describe('state machine: every status × action × role', () => {
  const R: PhCaseAction[] = ['review', 'return', 'merge'];
  const expected = (role: keyof typeof ROLES, s: PhCaseStatus): PhCaseAction[] => {
    const out = new Set<PhCaseAction>();
    if (role === 'cdcIn') {
      if (s === 'reported') for (const a of R) out.add(a);
      if (s === 'reviewed') out.add('merge');
      if (s !== 'merged' && s !== 'revoked') {
        out.add('revoke');
        out.add('reclassify');
      }
    }
    if (role === 'reporterOwn') {
      if (s === 'returned') out.add('resubmit');
      if (s === 'reported' || s === 'returned') {
        out.add('revoke');
        out.add('reclassify');
      }
    }
    return PH_CASE_ACTIONS.filter((a) => out.has(a));
  };
  for (const role of Object.keys(ROLES) as (keyof typeof ROLES)[])
    for (const s of PH_CASE_STATUSES)
      test(`${role} × ${s}`, () => assert.deepEqual(allowedCaseActions(ROLES[role], kase(s)), expected(role, s)));
});

describe('duplicates within the window (edges)', () => {
  const base = {
    id: 'a',
    personKey: 'k',
    diseaseCode: 'influenza',
    diagnosedAt: new Date('2026-11-01T00:00:00Z'),
    status: 'reported' as const,
  };
  const o = (id: string, days: number, extra: object = {}) => ({
    ...base,
    id,
    diagnosedAt: new Date(base.diagnosedAt.getTime() + days * 86_400_000),
    ...extra,
  });
  test('30 days in, 30 days + 1 ms out, other person/disease/merged out', () => {
    const others = [
      o('in30', 30),
      o('inMinus30', -30),
      { ...o('out', 30), diagnosedAt: new Date(base.diagnosedAt.getTime() + 30 * 86_400_000 + 1) },
      o('otherPerson', 1, { personKey: 'z' }),
      o('otherDisease', 1, { diseaseCode: 'hfmd' }),
      o('merged', 1, { status: 'merged' }),
      o('revoked', 1, { status: 'revoked' }),
    ];
    assert.deepEqual(
      suspectedDuplicates(base, others, 30).map((x) => x.id),
      ['in30', 'inMinus30'],
    );
  });
});

describe('abilities', () => {
  test('per role', () => {
    assert.equal(phCasesAbilities(ROLES.reporterOwn)['phCases.report'], true);
    assert.equal(phCasesAbilities(ROLES.cdcIn)['phCases.review'], true);
    assert.equal(phCasesAbilities(ROLES.admin)['diseases.manage'], true);
    assert.equal(phCasesAbilities(ROLES.province)['diseases.manage'], true);
    assert.equal(phCasesAbilities(ROLES.city)['diseases.manage'], false);
    assert.equal(phCasesAbilities(ROLES.city)['phCases.view'], true);
    assert.equal(phCasesAbilities(ROLES.ent)['phCases.view'], false);
    assert.equal(phCasesAbilities(ROLES.grid)['phCases.view'], false);
  });
});

describe('changing the disease list: append only, the version in force closed at the change', () => {
  const open = [
    { id: 'v1', effectiveFrom: '2004-12-01', effectiveTo: '2025-09-01' },
    { id: 'v2', effectiveFrom: '2025-09-01', effectiveTo: null },
  ];
  const ended = [{ id: 'v1', effectiveFrom: '2004-12-01', effectiveTo: '2020-01-01' }];
  const change = (over: Partial<DiseaseChange>): DiseaseChange => ({
    class: 'B',
    managedAsClassA: false,
    effectiveFrom: '2026-01-01',
    provisional: false,
    source: '国家卫生健康委公告',
    ...over,
  });
  const cases: [string, typeof open, Partial<DiseaseChange>, ReturnType<typeof planDiseaseChange>][] = [
    ['a new class closes the open version', open, {}, { ok: true, close: { id: 'v2', effectiveTo: '2026-01-01' }, insert: true }],
    [
      'a day after the latest start is enough',
      open,
      { effectiveFrom: '2025-09-02' },
      { ok: true, close: { id: 'v2', effectiveTo: '2025-09-02' }, insert: true },
    ],
    [
      'on the latest start: refused',
      open,
      { effectiveFrom: '2025-09-01' },
      { ok: false, problems: [{ field: 'effectiveFrom', reason: 'notAfterLatest' }] },
    ],
    [
      'before it: refused (history is not rewritten)',
      open,
      { effectiveFrom: '2024-01-01' },
      { ok: false, problems: [{ field: 'effectiveFrom', reason: 'notAfterLatest' }] },
    ],
    ['back on the list after a gap: nothing to close', ended, {}, { ok: true, close: null, insert: true }],
    ['a new disease: its first version', [], {}, { ok: true, close: null, insert: true }],
    [
      'managed as class A is for class B only',
      open,
      { class: 'C', managedAsClassA: true },
      { ok: false, problems: [{ field: 'managedAsClassA', reason: 'onlyClassB' }] },
    ],
    ['class B managed as A', open, { managedAsClassA: true }, { ok: true, close: { id: 'v2', effectiveTo: '2026-01-01' }, insert: true }],
    [
      'removed from the list: closed, nothing inserted',
      open,
      { removed: true },
      { ok: true, close: { id: 'v2', effectiveTo: '2026-01-01' }, insert: false },
    ],
    [
      'removing what is not in force: refused',
      ended,
      { removed: true },
      { ok: false, problems: [{ field: 'removed', reason: 'notInForce' }] },
    ],
  ];
  for (const [name, versions, over, expected] of cases)
    test(name, () => assert.deepEqual(planDiseaseChange(versions, change(over)), expected));

  test('a report after the change is judged by the new version, one before by the old', () => {
    const plan = planDiseaseChange(open, change({ class: 'A' }));
    assert.ok(plan.ok && plan.close);
    const after = [
      { id: 'v1', effectiveFrom: '2004-12-01', effectiveTo: '2025-09-01', diseaseCode: 'x', class: 'B' },
      { id: 'v2', effectiveFrom: '2025-09-01', effectiveTo: plan.close.effectiveTo as string | null, diseaseCode: 'x', class: 'B' },
      { id: 'v3', effectiveFrom: '2026-01-01', effectiveTo: null as string | null, diseaseCode: 'x', class: 'A' },
    ];
    assert.equal(diseaseVersionOn(after, 'x', '2025-12-31')?.class, 'B');
    assert.equal(diseaseVersionOn(after, 'x', '2026-01-01')?.class, 'A');
  });
});

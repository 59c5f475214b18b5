import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Actor, ROLES, type Role } from '../auth/roles.ts';
import { type ClassInput, classActions, classify, DEFAULT_CLASS_THRESHOLDS, thresholdsProblem } from './classes.ts';

const base: ClassInput = {
  highRisk: false,
  standardizationGrade: null,
  standardizationValidUntil: null,
  today: '2026-06-01',
  installations: [],
  openMajorHazards: 0,
};

test('classes from the data, A lowest risk … D highest: each row with its exact class and points', () => {
  const rows: [string, Partial<ClassInput>, 'A' | 'B' | 'C' | 'D', number][] = [
    ['ordinary, graded level 2', { standardizationGrade: 'level2', standardizationValidUntil: '2027-01-01' }, 'A', 0],
    ['ordinary, level 1', { standardizationGrade: 'level1', standardizationValidUntil: '2027-01-01' }, 'A', -1],
    ['ordinary, level 3', { standardizationGrade: 'level3', standardizationValidUntil: '2027-01-01' }, 'A', 1],
    ['ordinary, ungraded', {}, 'B', 2],
    ['ordinary, level 2 expired yesterday: ungraded', { standardizationGrade: 'level2', standardizationValidUntil: '2026-05-31' }, 'B', 2],
    ['ordinary, valid until today still counts', { standardizationGrade: 'level2', standardizationValidUntil: '2026-06-01' }, 'A', 0],
    ['high-risk, level 1', { highRisk: true, standardizationGrade: 'level1', standardizationValidUntil: '2027-01-01' }, 'A', 1],
    ['high-risk, level 2', { highRisk: true, standardizationGrade: 'level2', standardizationValidUntil: '2027-01-01' }, 'B', 2],
    ['high-risk, ungraded', { highRisk: true }, 'C', 4],
    [
      'high-risk, level 3 + grade 3 installation',
      { highRisk: true, standardizationGrade: 'level3', standardizationValidUntil: '2027-01-01', installations: [{ grade: 3 }] },
      'C',
      5,
    ],
    ['high-risk, ungraded + grade 4 installation', { highRisk: true, installations: [{ grade: 4 }] }, 'C', 5],
    ['high-risk, ungraded + grade 2 installation', { highRisk: true, installations: [{ grade: 2 }, { grade: 4 }] }, 'D', 7],
    [
      'ordinary, level 2, grade 1 installation',
      { standardizationGrade: 'level2', standardizationValidUntil: '2027-01-01', installations: [{ grade: 1 }] },
      'C',
      4,
    ],
    [
      'three installations add a point',
      {
        standardizationGrade: 'level2',
        standardizationValidUntil: '2027-01-01',
        installations: [{ grade: 4 }, { grade: 4 }, { grade: null }],
      },
      'B',
      2,
    ],
    ['ordinary, ungraded, an open major hazard', { openMajorHazards: 1 }, 'C', 5],
    ['high-risk, ungraded, two open major hazards', { highRisk: true, openMajorHazards: 2 }, 'D', 7],
    ['accidents (later input) count 3 each, at most 6', { accidentsLast12Months: 5 }, 'D', 8],
    ['accidents undefined today: no reason', { accidentsLast12Months: undefined }, 'B', 2],
    [
      'blacklisted (later input): D whatever the points',
      { standardizationGrade: 'level1', standardizationValidUntil: '2027-01-01', blacklisted: true },
      'D',
      -1,
    ],
  ];
  for (const [name, over, cls, points] of rows) {
    const r = classify({ ...base, ...over });
    assert.equal(r.class, cls, name);
    assert.equal(r.points, points, name);
    assert.equal(
      r.points,
      r.reasons.reduce((s, x) => s + x.points, 0),
      `${name}: the reasons add up`,
    );
  }
});

test('reasons are named and bilingual; thresholds are the province’s', () => {
  const r = classify({ ...base, highRisk: true, installations: [{ grade: 2 }], openMajorHazards: 1 });
  assert.deepEqual(
    r.reasons.map((x) => x.code),
    ['highRisk', 'standardizationNone', 'majorHazardGrade', 'openMajorHazards'],
  );
  assert.equal(r.reasons[2]?.zh, '二级重大危险源 +3');
  assert.equal(classify({ ...base }, { B: 3, C: 5, D: 7 }).class, 'A', 'a stricter province: 2 points stay A');
  assert.equal(thresholdsProblem(DEFAULT_CLASS_THRESHOLDS), null);
  assert.ok(thresholdsProblem({ B: 4, C: 4, D: 6 }));
});

test('who may set a class by hand: the enforcing organ only', () => {
  const expected: Record<Role, boolean> = {
    platformAdmin: false,
    provinceSupervisor: true,
    citySupervisor: true,
    countySupervisor: true,
    townshipSupervisor: false,
    gridWorker: false,
    departmentInspector: true,
    enterpriseAdmin: false,
    enterpriseStaff: false,
    medicalReporter: false,
    cdcReviewer: false,
  };
  for (const role of ROLES) {
    const a: Actor = { id: 'u', username: 'u', role, scope: { regionPrefix: '32', industries: null, enterpriseId: null } };
    assert.equal(classActions(a, { overrideClass: null }).includes('override'), expected[role], role);
    assert.equal(classActions(a, { overrideClass: 'D' }).includes('clearOverride'), expected[role], role);
    assert.equal(classActions(a, { overrideClass: null }).includes('clearOverride'), false, role);
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Role } from '../auth/roles.ts';
import {
  allowedEventActions,
  allowedTaskActions,
  type ClusterCaseRow,
  computeChain,
  detectClusters,
  eventTransition,
  gradeEvent,
  maskContactName,
  maskContactPhone,
  mayRecordChainStep,
  nextChainStep,
  PH_CHAIN_STEPS,
  PH_EVENT_ACTIONS,
  PH_EVENT_STATUSES,
  PH_TASK_STATUSES,
  type PhChainStep,
  type PhEventAction,
  type PhEventStatus,
  parseClusterOverrides,
  seesContactsUnmasked,
  taskOverdue,
  taskTransition,
} from './events-rules.ts';

const NOW = new Date('2026-12-07T12:00:00Z');
const DAY = 86_400_000;
const rows = (n: number, daysAgo: number, extra: Partial<ClusterCaseRow> = {}): ClusterCaseRow[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `c${daysAgo}-${i}-${extra.status ?? ''}`,
    diseaseCode: 'covid19',
    regionCode: '321302001000',
    diagnosedAt: new Date(NOW.getTime() - daysAgo * DAY),
    status: 'reviewed',
    ...extra,
  }));

test('cluster thresholds at their edges', () => {
  const cases: [string, ClusterCaseRow[], number][] = [
    ['N-1 cases: none', rows(4, 1), 0],
    ['N cases: one', rows(5, 1), 1],
    ['window end exclusive: 7 days ago exactly is out', [...rows(4, 1), ...rows(1, 7)], 0],
    ['just inside the window', [...rows(4, 1), ...rows(1, 6.99)], 1],
    ['merged and revoked excluded', [...rows(4, 1), ...rows(1, 1, { status: 'merged' }), ...rows(1, 1, { status: 'revoked' })], 0],
    ['future cases ignored', [...rows(4, 1), ...rows(1, -1)], 0],
    ['two townships do not add up', [...rows(3, 1), ...rows(3, 1, { regionCode: '321302002000' })], 0],
    ['two diseases do not add up', [...rows(3, 1), ...rows(3, 1, { diseaseCode: 'flu' })], 0],
  ];
  for (const [name, input, expected] of cases) assert.equal(detectClusters(input, NOW).length, expected, name);
  const [c] = detectClusters(rows(6, 2), NOW);
  assert.equal(c?.cases, 6);
});

test('per-disease overrides', () => {
  const o = parseClusterOverrides('cholera:1/7; plague:2/9 bad:x/1');
  assert.deepEqual(o, { cholera: { cases: 1, days: 7 }, plague: { cases: 2, days: 9 } });
  assert.equal(detectClusters(rows(1, 1, { diseaseCode: 'cholera' }), NOW, o).length, 1);
  assert.equal(detectClusters(rows(1, 8, { diseaseCode: 'plague' }), NOW, o).length, 0);
  assert.equal(detectClusters(rows(2, 8, { diseaseCode: 'plague' }), NOW, o).length, 1);
});

test('grade criteria', () => {
  const table: [Parameters<typeof gradeEvent>[0], string, string][] = [
    [{ kind: 'pathogenLoss', cases: 0 }, 'I', 'pathogenLoss'],
    [{ kind: 'infectiousOutbreak', disease: 'pneumonicPlague', cases: 3, largeCity: true, spreading: true }, 'I', 'pneumonicSpread'],
    [{ kind: 'infectiousOutbreak', disease: 'sars', cases: 1, spreading: true }, 'I', 'sarsAvianSpread'],
    [{ kind: 'infectiousOutbreak', disease: 'sars', cases: 1, suspectedOnly: true }, 'II', 'sarsAvianSuspected'],
    [{ kind: 'unknownCluster', cases: 30, provincesAffected: 2, spreading: true }, 'I', 'unknownMultiProvince'],
    [{ kind: 'infectiousOutbreak', disease: 'bubonicPlague', cases: 20 }, 'II', 'bubonicPlague20'],
    [{ kind: 'infectiousOutbreak', disease: 'bubonicPlague', cases: 10 }, 'III', 'bubonicPlague10'],
    [{ kind: 'infectiousOutbreak', disease: 'bubonicPlague', cases: 9 }, 'IV', 'bubonicPlagueUnder10'],
    [{ kind: 'infectiousOutbreak', disease: 'cholera', cases: 9 }, 'IV', 'choleraUnder10'],
    [{ kind: 'infectiousOutbreak', disease: 'cholera', cases: 10 }, 'III', 'cholera10'],
    [{ kind: 'foodPoisoning', cases: 29 }, 'IV', 'otherGeneral'],
    [{ kind: 'foodPoisoning', cases: 30 }, 'IV', 'poisoning30to99'],
    [{ kind: 'foodPoisoning', cases: 99 }, 'IV', 'poisoning30to99'],
    [{ kind: 'foodPoisoning', cases: 100 }, 'III', 'poisoningLarge'],
    [{ kind: 'foodPoisoning', cases: 40, deaths: 1 }, 'III', 'poisoningLarge'],
    [{ kind: 'infectiousOutbreak', disease: 'B', cases: 50, countiesAffected: 2, incidenceRatio: 2.5 }, 'II', 'classBCMultiCounty'],
    [{ kind: 'infectiousOutbreak', disease: 'B', cases: 50, countiesAffected: 2, incidenceRatio: 2 }, 'IV', 'otherGeneral'],
  ];
  for (const [facts, grade, criterion] of table) {
    const r = gradeEvent(facts);
    assert.equal(r.grade, grade, JSON.stringify(facts));
    assert.equal(r.criterion, criterion, JSON.stringify(facts));
  }
});

test('reporting chain: 2 h steps, 1 h national for the listed kinds, late and overdue', () => {
  const t0 = new Date('2026-12-07T00:00:00Z');
  const h = (n: number) => new Date(t0.getTime() + n * 3_600_000);
  const chain = computeChain(
    'infectiousOutbreak',
    t0,
    [
      { step: 'county', doneAt: h(1) },
      { step: 'countyGov', doneAt: h(3.5) }, // deadline h(3): late
    ],
    h(10),
  );
  assert.deepEqual(
    chain.map((s) => s.step),
    ['county', 'countyGov', 'city', 'province', 'national'],
  );
  assert.deepEqual(
    chain.map((s) => s.deadlineAt.getTime()),
    [h(2), h(3), h(5.5), h(7.5), h(8.5)].map((d) => d.getTime()),
  );
  assert.deepEqual(
    chain.map((s) => s.late),
    [false, true, false, false, false],
  );
  assert.deepEqual(
    chain.map((s) => s.overdue),
    [false, false, true, true, true],
  );
  assert.equal(computeChain('other', t0, [], t0).length, 4);
  assert.equal(computeChain('other', t0, [], h(2)).at(0)?.overdue, false);
  assert.equal(computeChain('other', t0, [], h(2.01)).at(0)?.overdue, true);
  assert.equal(nextChainStep('other', [{ step: 'county', doneAt: h(1) }]), 'countyGov');
  assert.equal(
    nextChainStep(
      'other',
      ['county', 'countyGov', 'city', 'province'].map((s) => ({ step: s as 'county', doneAt: h(1) })),
    ),
    null,
  );
});

const actor = (role: Role, regionPrefix = '321302', enterpriseId: string | null = null): Actor => ({
  id: `u-${role}`,
  username: role,
  role,
  scope: { regionPrefix, industries: null, enterpriseId },
});
const ROLES: [Role, Actor][] = [
  ['provinceSupervisor', actor('provinceSupervisor', '32')],
  ['citySupervisor', actor('citySupervisor', '3213')],
  ['countySupervisor', actor('countySupervisor')],
  ['townshipSupervisor', actor('townshipSupervisor', '321302001')],
  ['cdcReviewer', actor('cdcReviewer')],
  ['platformAdmin', actor('platformAdmin', '')],
  ['medicalReporter', actor('medicalReporter', '321302001000', 'f1')],
  ['enterpriseAdmin', actor('enterpriseAdmin', '321302001000', 'e1')],
  ['enterpriseStaff', actor('enterpriseStaff', '321302001000', 'e1')],
];

function expected(role: Role, status: PhEventStatus, action: PhEventAction, hasInitial: boolean): boolean {
  const viewer = [
    'provinceSupervisor',
    'citySupervisor',
    'countySupervisor',
    'townshipSupervisor',
    'cdcReviewer',
    'platformAdmin',
  ].includes(role);
  if (!viewer) return false;
  if (action === 'view') return true;
  const decider = ['provinceSupervisor', 'citySupervisor', 'countySupervisor', 'cdcReviewer'].includes(role);
  const open = status === 'confirmed' || status === 'responding';
  switch (action) {
    case 'confirm':
    case 'dismiss':
      return decider && status === 'signal';
    case 'grade':
    case 'recordChainStep':
    case 'linkCase':
    case 'addTask':
      return decider && open;
    case 'reportInitial':
      return decider && open && !hasInitial;
    case 'reportProgress':
      return decider && open && hasInitial;
    case 'respond':
      return decider && status === 'confirmed';
    case 'addContact':
      return (decider || role === 'townshipSupervisor') && open;
    case 'close':
      return decider && role !== 'cdcReviewer' && open && hasInitial;
  }
  return false;
}

test('allowedEventActions: every status × action × role', () => {
  for (const [role, a] of ROLES) {
    for (const status of PH_EVENT_STATUSES) {
      for (const hasInitialReport of [false, true]) {
        const got = allowedEventActions(a, { status, regionCode: '321302001000', hasInitialReport, chainComplete: false });
        for (const action of PH_EVENT_ACTIONS) {
          assert.equal(
            got.includes(action),
            expected(role, status, action, hasInitialReport),
            `${role} ${status} ${action} ${hasInitialReport}`,
          );
        }
      }
    }
  }
  // Another county sees nothing.
  assert.deepEqual(
    allowedEventActions(actor('countySupervisor', '321311'), {
      status: 'confirmed',
      regionCode: '321302001000',
      hasInitialReport: true,
      chainComplete: false,
    }),
    [],
  );
  // A complete chain offers no step.
  assert.ok(
    !allowedEventActions(actor('countySupervisor'), {
      status: 'confirmed',
      regionCode: '321302001000',
      hasInitialReport: true,
      chainComplete: true,
    }).includes('recordChainStep'),
  );
});

test('the reporting chain: each step recorded by the level that makes the report, or above', () => {
  const levels: [string, Actor][] = [
    ['county CDC', actor('cdcReviewer')],
    ['county', actor('countySupervisor')],
    ['city', actor('citySupervisor', '3213')],
    ['province', actor('provinceSupervisor', '32')],
  ];
  const want: Record<PhChainStep, string[]> = {
    county: ['county CDC', 'county', 'city', 'province'],
    countyGov: ['county CDC', 'county', 'city', 'province'],
    city: ['county CDC', 'county', 'city', 'province'],
    province: ['city', 'province'],
    national: ['province'],
  };
  for (const step of PH_CHAIN_STEPS)
    for (const [name, a] of levels) {
      assert.equal(mayRecordChainStep(a, step), want[step].includes(name), `${name} ${step}`);
      const offered = allowedEventActions(a, {
        status: 'responding',
        regionCode: '321302001000',
        hasInitialReport: true,
        chainComplete: false,
        nextChainStep: step,
      }).includes('recordChainStep');
      assert.equal(offered, want[step].includes(name), `offered: ${name} ${step}`);
    }
});

test('event transitions', () => {
  for (const status of PH_EVENT_STATUSES) {
    for (const action of PH_EVENT_ACTIONS) {
      const to = eventTransition(status, action);
      const want =
        action === 'confirm' && status === 'signal'
          ? 'confirmed'
          : action === 'dismiss' && status === 'signal'
            ? 'dismissed'
            : action === 'respond' && status === 'confirmed'
              ? 'responding'
              : action === 'close' && (status === 'confirmed' || status === 'responding')
                ? 'closed'
                : null;
      assert.equal(to, want, `${status} ${action}`);
    }
  }
});

test('tasks: transitions, who, overdue', () => {
  for (const status of PH_TASK_STATUSES) {
    for (const [role, a] of ROLES) {
      for (const assignee of [null, a.id]) {
        const got = allowedTaskActions(a, { status, regionCode: '321302001000', assigneeId: assignee });
        const manager = ['provinceSupervisor', 'citySupervisor', 'countySupervisor', 'cdcReviewer'].includes(role);
        const inReg = a.scope.enterpriseId === null;
        const open = status === 'open' && inReg;
        assert.equal(got.includes('assign'), open && manager, `${role} ${status} assign`);
        assert.equal(got.includes('cancel'), open && manager, `${role} ${status} cancel`);
        assert.equal(got.includes('done'), open && (manager || assignee === a.id), `${role} ${status} done`);
      }
    }
    assert.equal(taskTransition(status, 'done'), status === 'open' ? 'done' : null);
    assert.equal(taskTransition(status, 'cancel'), status === 'open' ? 'cancelled' : null);
  }
  const due = new Date(NOW.getTime() - 1);
  assert.equal(taskOverdue({ status: 'open', dueAt: due }, NOW), true);
  assert.equal(taskOverdue({ status: 'open', dueAt: NOW }, NOW), false);
  assert.equal(taskOverdue({ status: 'done', dueAt: due }, NOW), false);
});

test('contacts masked', () => {
  assert.equal(maskContactName('张三丰'), '张**');
  assert.equal(maskContactName('李'), '*');
  assert.equal(maskContactPhone('13812345678'), '138****5678');
  assert.equal(seesContactsUnmasked(actor('cdcReviewer'), '321302001000'), true);
  assert.equal(seesContactsUnmasked(actor('countySupervisor'), '321302001000'), false);
  assert.equal(seesContactsUnmasked(actor('cdcReviewer', '321311'), '321302001000'), false);
});

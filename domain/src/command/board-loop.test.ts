import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Role } from '../auth/roles.ts';
import {
  allowedSignalActions,
  maskCallerName,
  maskCallerPhone,
  needsEscalation,
  parentRegionCode,
  SIGNAL_ACTIONS,
  SIGNAL_STAGES,
  type SignalAction,
  type SignalFacts,
  type SignalStage,
  signalTransition,
  stageDueAt,
} from './board-loop.ts';

const TOWN = '321302001000'; // a township of county 321302
const actor = (id: string, role: Role, regionPrefix: string, enterpriseId: string | null = null): Actor => ({
  id,
  username: id,
  role,
  scope: { regionPrefix, industries: null, enterpriseId },
});
const A = {
  admin: actor('admin', 'platformAdmin', ''),
  province: actor('prov', 'provinceSupervisor', '32'),
  city: actor('city', 'citySupervisor', '3213'),
  county: actor('county', 'countySupervisor', '321302'),
  township: actor('town', 'townshipSupervisor', '321302001'),
  otherCounty: actor('other', 'countySupervisor', '321311'),
  otherCity: actor('othercity', 'citySupervisor', '3201'),
  entAdmin: actor('ent', 'enterpriseAdmin', TOWN, 'E1'),
  entStaff: actor('staff', 'enterpriseStaff', TOWN, 'E1'),
  otherEnt: actor('ent2', 'enterpriseAdmin', TOWN, 'E2'),
  cdc: actor('cdc', 'cdcReviewer', '321302'),
  cdcOther: actor('cdc2', 'cdcReviewer', '321311'),
  grid: actor('grid', 'gridWorker', '321302001'),
  inspector: actor('insp', 'departmentInspector', '321302'),
  medical: actor('med', 'medicalReporter', '321302001001', 'H1'),
};
type Key = keyof typeof A;
const ALL = Object.keys(A) as Key[];
const COMMAND_SAFETY: Key[] = ['admin', 'province', 'city', 'county', 'township'];
const COMMAND_HEALTH: Key[] = [...COMMAND_SAFETY, 'cdc'];

type Variant = { name: string; s: SignalFacts };
const base = (stage: SignalStage, over: Partial<SignalFacts> = {}): SignalFacts => ({
  stage,
  domain: 'safety',
  regionCode: TOWN,
  pushedRegionCode: null,
  pushedEnterpriseId: null,
  pushedBy: null,
  feedbackAt: null,
  ...over,
});
const pushedEnt = { pushedEnterpriseId: 'E1', pushedBy: 'county' };
const pushedTown = { pushedRegionCode: TOWN, pushedBy: 'county' };
/** Pushed to a health facility: its reporter (医疗机构报告人) is the unit that answers. */
const pushedFacility = { pushedEnterpriseId: 'H1', pushedBy: 'county' };
const variants: Variant[] = [];
for (const domain of ['safety', 'health'] as const) {
  for (const stage of SIGNAL_STAGES) {
    if (stage === 'pushed') {
      for (const [pname, p] of [
        ['enterprise', pushedEnt],
        ['township', pushedTown],
        ['facility', pushedFacility],
      ] as const) {
        for (const fb of [null, '2026-12-01T00:00:00Z']) {
          variants.push({
            name: `${domain}/pushed→${pname}/${fb ? 'feedback' : 'awaiting'}`,
            s: base(stage, { domain, ...p, feedbackAt: fb }),
          });
        }
      }
    } else if (stage === 'verified' || stage === 'closed') {
      variants.push({ name: `${domain}/${stage}`, s: base(stage, { domain, ...pushedEnt, feedbackAt: '2026-12-01T00:00:00Z' }) });
    } else variants.push({ name: `${domain}/${stage}`, s: base(stage, { domain }) });
  }
}

/** The expected table, written out: which keys may take each action in each variant. */
function expected(v: Variant, action: SignalAction): Key[] {
  const { s } = v;
  const command = s.domain === 'health' ? COMMAND_HEALTH : COMMAND_SAFETY;
  const unit: Key[] =
    s.pushedEnterpriseId === 'H1' ? ['medical'] : s.pushedEnterpriseId ? ['entAdmin', 'entStaff'] : s.pushedRegionCode ? ['township'] : [];
  const pusherSide = command.filter((k) => k === 'admin' || !unit.includes(k));
  switch (action) {
    case 'analyse':
      return s.stage === 'collected' ? command : [];
    case 'judge':
      return s.stage === 'analysed' ? command : [];
    case 'dismiss':
    case 'push':
      return s.stage === 'judged' ? command : [];
    case 'feedback':
      return s.stage === 'pushed' && !s.feedbackAt ? [...unit, 'admin'] : [];
    case 'rejectFeedback':
    case 'verify':
      return s.stage === 'pushed' && s.feedbackAt ? pusherSide : [];
    case 'close':
      return s.stage === 'verified' ? pusherSide : [];
  }
}

test('every stage × action × role follows the transition table', () => {
  let cells = 0;
  for (const v of variants) {
    for (const action of SIGNAL_ACTIONS) {
      const may = expected(v, action);
      for (const k of ALL) {
        const r = signalTransition(A[k], v.s, action);
        assert.equal(r.ok, may.includes(k), `${v.name} ${action} ${k}`);
        const inTable = allowedSignalActions(A[k], v.s).includes(action);
        assert.equal(inTable, may.includes(k), `allowed ${v.name} ${action} ${k}`);
        cells++;
      }
    }
  }
  assert.ok(cells > 1500);
});

test('transitions land on the next stage; wrong stage is invalidState, wrong actor forbidden', () => {
  assert.deepEqual(signalTransition(A.county, base('collected'), 'analyse'), { ok: true, to: 'analysed' });
  assert.deepEqual(signalTransition(A.county, base('analysed'), 'judge'), { ok: true, to: 'judged' });
  assert.deepEqual(signalTransition(A.county, base('judged'), 'push'), { ok: true, to: 'pushed' });
  assert.deepEqual(signalTransition(A.county, base('judged'), 'dismiss'), { ok: true, to: 'closed' });
  assert.deepEqual(signalTransition(A.entAdmin, base('pushed', pushedEnt), 'feedback'), { ok: true, to: 'pushed' });
  const fed = base('pushed', { ...pushedEnt, feedbackAt: new Date() });
  assert.deepEqual(signalTransition(A.county, fed, 'verify'), { ok: true, to: 'verified' });
  assert.deepEqual(signalTransition(A.county, fed, 'rejectFeedback'), { ok: true, to: 'pushed' });
  assert.deepEqual(signalTransition(A.county, base('verified', pushedEnt), 'close'), { ok: true, to: 'closed' });
  assert.deepEqual(signalTransition(A.county, base('collected'), 'judge'), { ok: false, reason: 'invalidState' });
  assert.deepEqual(signalTransition(A.otherCounty, base('collected'), 'analyse'), { ok: false, reason: 'forbidden' });
  assert.deepEqual(signalTransition(A.entAdmin, fed, 'verify'), { ok: false, reason: 'forbidden' });
  // The township pushed to cannot verify its own feedback, the county can.
  const fedTown = base('pushed', { ...pushedTown, feedbackAt: new Date() });
  assert.equal(signalTransition(A.township, fedTown, 'verify').ok, false);
  assert.equal(signalTransition(A.county, fedTown, 'verify').ok, true);
  assert.deepEqual(allowedSignalActions(A.admin, base('closed')), []);
  // A health signal pushed to a health facility: its reporter answers, another enterprise's user does not.
  assert.deepEqual(allowedSignalActions(A.medical, base('pushed', { domain: 'health', ...pushedFacility })), ['feedback']);
  assert.equal(signalTransition(A.entAdmin, base('pushed', { domain: 'health', ...pushedFacility }), 'feedback').ok, false);
});

test('stage deadlines with a fake clock and escalation when overdue', () => {
  const h = { analyseHours: 1, judgeHours: 2, feedbackHours: 24, verifyHours: 24, closeHours: 24 };
  const t0 = new Date('2026-12-07T00:00:00Z');
  assert.equal(stageDueAt('collected', t0, h).toISOString(), '2026-12-07T01:00:00.000Z');
  assert.equal(stageDueAt('analysed', t0, h).toISOString(), '2026-12-07T02:00:00.000Z');
  assert.equal(stageDueAt('pushed', t0, h).toISOString(), '2026-12-08T00:00:00.000Z');
  const own = new Date('2026-12-07T06:00:00Z');
  assert.equal(stageDueAt('pushed', t0, h, { pushDeadline: own }).toISOString(), own.toISOString());
  assert.equal(stageDueAt('pushed', t0, h, { pushDeadline: own, feedbackGiven: true }).toISOString(), '2026-12-08T00:00:00.000Z');
  assert.equal(stageDueAt('verified', t0, h).toISOString(), '2026-12-08T00:00:00.000Z');
  const due = stageDueAt('collected', t0, h);
  assert.equal(needsEscalation({ stage: 'collected', stageDueAt: due, escalatedAt: null }, new Date('2026-12-07T00:59:59Z')), false);
  assert.equal(needsEscalation({ stage: 'collected', stageDueAt: due, escalatedAt: null }, new Date('2026-12-07T01:00:01Z')), true);
  assert.equal(needsEscalation({ stage: 'collected', stageDueAt: due, escalatedAt: t0 }, new Date('2026-12-08T00:00:00Z')), false);
  assert.equal(needsEscalation({ stage: 'closed', stageDueAt: due, escalatedAt: null }, new Date('2026-12-08T00:00:00Z')), false);
});

test('parent regions and masking', () => {
  assert.equal(parentRegionCode('321302001000'), '321302000000');
  assert.equal(parentRegionCode('321302000000'), '321300000000');
  assert.equal(parentRegionCode('321300000000'), '320000000000');
  assert.equal(parentRegionCode('320000000000'), '320000000000');
  assert.equal(maskCallerPhone('13812345678'), '138****5678');
  assert.equal(maskCallerName('张三丰'), '张**');
});

// The drill's state machine: each step allowed and refused by state and by person, the evaluation
// required before reporting, the spot-check for the county only, problems acted on once, and the
// date checks of the bodies.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Actor } from '../auth/roles.ts';
import {
  DRILL_STEP_SCHEMAS,
  type DrillView,
  drillAllowedActions,
  drillCreateSchema,
  drillDateProblems,
  drillNextStatus,
  drillTransition,
} from './drills-workflow.ts';

const E1 = '11111111-1111-4111-8111-111111111111';
const E2 = '22222222-2222-4222-8222-222222222222';
const actor = (role: Actor['role'], regionPrefix: string, enterpriseId: string | null = null): Actor => ({
  id: role,
  username: role,
  role,
  scope: { regionPrefix, industries: null, enterpriseId },
});
const ent = actor('enterpriseAdmin', '321302', E1);
const other = actor('enterpriseAdmin', '321302', E2);
const county = actor('countySupervisor', '321302');
const otherCounty = actor('countySupervisor', '321311');
const town = actor('townshipSupervisor', '321302001');

const view = (v: Partial<DrillView> = {}): DrillView => ({
  status: 'planned',
  ownerKind: 'enterprise',
  enterpriseId: E1,
  regionCode: '321302001000',
  evaluated: false,
  planId: 'plan-1',
  problems: [],
  ...v,
});

describe('drill transitions', () => {
  test('a planned drill: its unit edits, records it held or cancels it; nobody reports it yet', () => {
    assert.deepEqual(drillAllowedActions(ent, view()), ['edit', 'complete', 'cancel', 'addPhoto']);
    assert.deepEqual(drillAllowedActions(other, view()), []);
    assert.deepEqual(drillAllowedActions(county, view()), []);
    const r = drillTransition(ent, view(), 'report');
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.reason, 'invalidState');
  });
  test('report needs the evaluation (409 naming it); then the county spot-checks, not another county', () => {
    const done = view({ status: 'done' });
    const r = drillTransition(ent, done, 'report');
    assert.equal(!r.ok && r.reason, 'notNow');
    assert.match(!r.ok ? r.message.zh : '', /评估报告/);
    assert.equal(drillTransition(ent, { ...done, evaluated: true }, 'report').ok, true);
    const reported = view({ status: 'reported', evaluated: true });
    assert.equal(drillTransition(county, reported, 'spotCheck').ok, true);
    assert.equal(!drillTransition(otherCounty, reported, 'spotCheck').ok && 'refused', 'refused');
    assert.equal((drillTransition(town, reported, 'spotCheck') as { reason?: string }).reason, 'forbidden');
    assert.equal((drillTransition(ent, reported, 'spotCheck') as { reason?: string }).reason, 'forbidden');
    assert.equal((drillTransition(ent, reported, 'evaluate') as { reason?: string }).reason, 'invalidState');
    assert.equal((drillTransition(ent, reported, 'report') as { reason?: string }).reason, 'invalidState');
  });
  test('spot-check outcomes and the correction', () => {
    assert.equal(drillNextStatus('spotCheck', 'reported', { qualified: true }), 'checkedQualified');
    assert.equal(drillNextStatus('spotCheck', 'reported', { qualified: false }), 'checkedUnqualified');
    const bad = view({ status: 'checkedUnqualified', evaluated: true });
    assert.deepEqual(drillAllowedActions(ent, bad).includes('correct'), true);
    assert.equal(drillTransition(county, bad, 'correct').ok, false);
    assert.equal(drillTransition(ent, view({ status: 'checkedQualified', evaluated: true }), 'correct').ok, false);
    assert.equal(drillNextStatus('correct', 'checkedUnqualified'), 'corrected');
  });
  test('a problem becomes a hazard or a revision once; a drill without a plan here has no revision', () => {
    const p = { no: 1, text: '报警不及时', hazardId: null, revisionTriggerId: null };
    const v = view({ status: 'done', evaluated: true, problems: [p] });
    assert.equal(drillTransition(ent, v, 'problemToHazard').ok, true);
    assert.equal(drillTransition(county, v, 'problemToHazard').ok, true);
    assert.equal(drillTransition(ent, v, 'problemToRevision').ok, true);
    const both = view({ status: 'done', evaluated: true, problems: [{ ...p, hazardId: 'h', revisionTriggerId: 'r' }] });
    assert.equal((drillTransition(ent, both, 'problemToHazard') as { reason?: string }).reason, 'notNow');
    assert.equal((drillTransition(ent, both, 'problemToRevision') as { reason?: string }).reason, 'notNow');
    const noPlan = view({ status: 'done', evaluated: true, planId: null, problems: [p] });
    assert.equal((drillTransition(ent, noPlan, 'problemToRevision') as { reason?: string }).reason, 'notNow');
    assert.equal(drillTransition(ent, view({ status: 'planned', problems: [p] }), 'problemToHazard').ok, false);
  });
  test('a government drill: its region’s supervisors record it; it is not reported and has no hazards', () => {
    const gov = view({ ownerKind: 'government', enterpriseId: null, regionCode: '321302001000', status: 'done', evaluated: true });
    assert.equal(drillTransition(town, gov, 'evaluate').ok, true);
    assert.equal(drillTransition(county, gov, 'evaluate').ok, true);
    assert.equal(drillTransition(otherCounty, gov, 'evaluate').ok, false);
    assert.equal(drillTransition(town, gov, 'report').ok, false);
    assert.equal(drillTransition(ent, gov, 'edit').ok, false);
    assert.equal(
      drillTransition(town, { ...gov, problems: [{ no: 1, text: 'x', hazardId: null, revisionTriggerId: null }] }, 'problemToHazard').ok,
      false,
    );
  });
  test('cancelled is final', () => {
    assert.deepEqual(drillAllowedActions(ent, view({ status: 'cancelled' })), []);
  });
});

describe('drill bodies', () => {
  test('create: an enterprise drill names its unit; types are checked', () => {
    const r = drillCreateSchema.safeParse({ title: '演练', contentType: 'x', form: 'live', plannedOn: '2026-13-01' });
    assert.equal(r.success, false);
    const paths = (r.success ? [] : r.error.issues).map((i) => i.path.join('.'));
    assert.ok(paths.includes('contentType') && paths.includes('plannedOn'), paths.join());
    const noUnit = drillCreateSchema.safeParse({ title: '演练', contentType: 'single', form: 'live', plannedOn: '2026-12-01' });
    assert.deepEqual(noUnit.success ? [] : noUnit.error.issues.map((i) => i.path.join('.')), ['enterpriseId']);
  });
  test('held in the future, fewer counted than named, a spot-check deadline not after today', () => {
    const today = '2026-12-07';
    assert.deepEqual(Object.keys(drillDateProblems('complete', { heldOn: '2026-12-08' }, today)), ['heldOn']);
    assert.deepEqual(drillDateProblems('complete', { heldOn: today }, today), {});
    assert.deepEqual(
      Object.keys(drillDateProblems('complete', { participantCount: 1, participants: [{ name: 'a' }, { name: 'b' }] }, today)),
      ['participantCount'],
    );
    assert.deepEqual(Object.keys(drillDateProblems('spotCheck', { correctBy: today }, today)), ['correctBy']);
    const unq = DRILL_STEP_SCHEMAS.spotCheck.safeParse({ version: 1, qualified: false, note: '脚本化' });
    assert.equal(unq.success, false);
    assert.deepEqual(unq.success ? [] : unq.error.issues.map((i) => i.path.join('.')), ['correctBy']);
  });
});

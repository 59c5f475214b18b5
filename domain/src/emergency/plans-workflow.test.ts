// The plan's state machine and the filing deadlines (issue 27): allowed and refused steps by role and
// state; 20 working days to file and 5 to answer across National Day 2026 (holidays and 调休 as data);
// deemed filing at the 5th working day's edge; the 3-year evaluation; re-filing by section.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from '../auth/roles.ts';
import { OFFICIAL_CALENDAR, WEEKENDS_ONLY } from '../calendar/working-days.ts';
import { EMERGENCY_PLAN_TYPES, requiredSections, sectionProblems } from './plans-sections.ts';
import {
  answerDueOn,
  type EmergencyPlanView,
  effectiveFilingStatus,
  evaluationDueOn,
  filingAllowedActions,
  filingDueOn,
  isDeemedFiled,
  needsRefiling,
  planAllowedActions,
} from './plans-workflow.ts';

const E = '00000000-0000-4000-8000-000000000001';
const actor = (role: Actor['role'], regionPrefix = '321302', enterpriseId: string | null = null): Actor => ({
  id: 'u',
  username: 'u',
  role,
  scope: { regionPrefix, industries: null, enterpriseId },
});
const entAdmin = actor('enterpriseAdmin', '321302', E);
const entStaff = actor('enterpriseStaff', '321302', E);
const otherEnt = actor('enterpriseAdmin', '321302', '00000000-0000-4000-8000-000000000002');
const county = actor('countySupervisor');
const otherCounty = actor('countySupervisor', '321311');
const town = actor('townshipSupervisor', '321302100');

const plan = (o: Partial<EmergencyPlanView> = {}): EmergencyPlanView => ({
  ownerKind: 'enterprise',
  enterpriseId: E,
  regionCode: '321302100000',
  status: 'draft',
  mustFile: true,
  filedCurrentVersion: false,
  openFiling: false,
  refilingRequired: false,
  version: 1,
  ...o,
});

test('allowed actions by state and role', () => {
  const rows: [string, Actor, Partial<EmergencyPlanView>, string[]][] = [
    ['draft, enterprise admin', entAdmin, {}, ['edit', 'recordReview', 'recordTrigger', 'abolish']],
    ['draft, staff', entStaff, {}, ['edit', 'recordReview', 'recordTrigger', 'abolish']],
    ['reviewed, admin signs', entAdmin, { status: 'reviewed' }, ['edit', 'sign', 'recordTrigger', 'abolish']],
    ['reviewed, staff cannot sign', entStaff, { status: 'reviewed' }, ['edit', 'recordTrigger', 'abolish']],
    ['signed, admin publishes', entAdmin, { status: 'signed' }, ['publish', 'abolish']],
    ['signed, staff', entStaff, { status: 'signed' }, ['abolish']],
    ['published, not filed', entAdmin, { status: 'published' }, ['revise', 'evaluate', 'recordTrigger', 'submitFiling', 'abolish']],
    // A filing open (submitted or returned): no revision, no abolition, whatever the state.
    ['published, filing open', entAdmin, { status: 'published', openFiling: true }, ['evaluate', 'recordTrigger']],
    ['draft revision, filing open', entAdmin, { status: 'draft', openFiling: true, version: 2 }, ['edit', 'recordReview', 'recordTrigger']],
    ['reviewed, filing open', entAdmin, { status: 'reviewed', openFiling: true }, ['edit', 'sign', 'recordTrigger']],
    ['signed, filing open', entAdmin, { status: 'signed', openFiling: true }, ['publish']],
    ['published, filed', entAdmin, { status: 'published', filedCurrentVersion: true }, ['revise', 'evaluate', 'recordTrigger', 'abolish']],
    [
      'published, filed, re-filing required',
      entAdmin,
      { status: 'published', filedCurrentVersion: true, refilingRequired: true },
      ['revise', 'evaluate', 'recordTrigger', 'submitFiling', 'abolish'],
    ],
    ['published, need not file', entAdmin, { status: 'published', mustFile: false }, ['revise', 'evaluate', 'recordTrigger', 'abolish']],
    ['abolished', entAdmin, { status: 'abolished' }, []],
    ['another enterprise', otherEnt, { status: 'published' }, []],
    ['county reads an enterprise plan only', county, { status: 'draft' }, []],
    [
      'government plan, county',
      county,
      { ownerKind: 'government', enterpriseId: null, status: 'reviewed' },
      ['edit', 'sign', 'recordTrigger', 'abolish'],
    ],
    ['government plan, other county', otherCounty, { ownerKind: 'government', enterpriseId: null }, []],
    ['government plan, township', town, { ownerKind: 'government', enterpriseId: null }, []],
  ];
  for (const [name, a, p, actions] of rows) assert.deepEqual(planAllowedActions(a, plan(p)), actions, name);
});

test('filing actions: the desk accepts or returns once; the unit resubmits', () => {
  const f = { status: 'submitted' as const, enterpriseId: E, regionCode: '321302100000', missingItems: [] as string[] };
  assert.deepEqual(filingAllowedActions(county, f), ['accept', 'returnForItems']);
  assert.deepEqual(filingAllowedActions(actor('citySupervisor', '3213'), f), ['accept', 'returnForItems']);
  assert.deepEqual(filingAllowedActions(otherCounty, f), []);
  assert.deepEqual(filingAllowedActions(town, f), []);
  assert.deepEqual(filingAllowedActions(entAdmin, f), []);
  // One-time notice: once returned and resubmitted, only acceptance is left.
  assert.deepEqual(filingAllowedActions(county, { ...f, missingItems: ['评审意见'] }), ['accept']);
  assert.deepEqual(filingAllowedActions(entAdmin, { ...f, status: 'returned' }), ['resubmit']);
  assert.deepEqual(filingAllowedActions(otherEnt, { ...f, status: 'returned' }), []);
  assert.deepEqual(filingAllowedActions(county, { ...f, status: 'accepted' }), []);
});

test('20 working days to file across 中秋 and National Day 2026 (调休 Sundays and Saturdays count)', () => {
  assert.equal(filingDueOn(OFFICIAL_CALENDAR, '2026-09-15'), '2026-10-19');
  assert.equal(filingDueOn(WEEKENDS_ONLY, '2026-09-15'), '2026-10-13');
  assert.equal(filingDueOn(OFFICIAL_CALENDAR, '2026-12-01'), '2026-12-29');
});

test('the answer window and deemed filing at the 5th working day edge', () => {
  // Submitted Tue 29 Sep: 30 Sep, 8 Oct, 9 Oct, Sat 10 Oct (调休), Mon 12 Oct.
  const due = answerDueOn(OFFICIAL_CALENDAR, '2026-09-29');
  assert.equal(due, '2026-10-12');
  const f = { status: 'submitted' as const, answerDueOn: due };
  assert.equal(isDeemedFiled(f, '2026-10-12'), false, 'on the 5th working day the department may still answer');
  assert.equal(isDeemedFiled(f, '2026-10-13'), true, 'the day after it is deemed filed');
  assert.equal(effectiveFilingStatus(f, '2026-10-13'), 'deemed');
  assert.equal(
    effectiveFilingStatus({ status: 'returned', answerDueOn: due }, '2027-01-01'),
    'returned',
    'a returned filing waits for the unit',
  );
  assert.equal(effectiveFilingStatus({ status: 'accepted', answerDueOn: due }, '2027-01-01'), 'accepted');
});

test('3-year evaluation from the later of publication and last evaluation', () => {
  assert.equal(evaluationDueOn({ publishedOn: '2023-06-30', evaluatedOn: null }), '2026-06-30');
  assert.equal(evaluationDueOn({ publishedOn: '2023-06-30', evaluatedOn: '2025-01-10' }), '2028-01-10');
  assert.equal(evaluationDueOn({ publishedOn: '2024-02-29', evaluatedOn: null }), '2027-02-28');
  assert.equal(evaluationDueOn({ publishedOn: '2024-02-29', evaluatedOn: null }, 4), '2028-02-29');
  assert.equal(evaluationDueOn({ publishedOn: null, evaluatedOn: null }), null);
});

test('sections by type; re-filing by changed section', () => {
  assert.deepEqual(EMERGENCY_PLAN_TYPES, ['comprehensive', 'special', 'onSite']);
  assert.equal(requiredSections('comprehensive').length, 11);
  assert.deepEqual(requiredSections('special'), ['scope', 'organisation', 'responseStart', 'measures']);
  assert.deepEqual(requiredSections('onSite'), ['riskDescription', 'duties', 'handling', 'cautions']);
  assert.deepEqual(Object.keys(sectionProblems('onSite', { warning: 'x' }, false)), ['sections.warning']);
  assert.equal(Object.keys(sectionProblems('onSite', { riskDescription: 'x' }, true)).length, 3);
  assert.equal(needsRefiling(['organisation'], ['organisation', 'handling']), true);
  assert.equal(needsRefiling(['scope'], ['organisation', 'handling']), false);
});

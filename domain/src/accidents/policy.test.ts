// Who may do what with an accident, state × role: the unit's own accounts follow up; each level in
// the chain forwards when it is waited on (Art. 11), acknowledges and notifies once it has the
// report; the grade's level investigates (Art. 19), a higher one may take over (Art. 20), the
// approval is another person's; near-misses are not investigated; a closed accident takes no follow-up.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Actor, ROLES, type Role } from '../auth/roles.ts';
import type { ChainLevel } from './grades.ts';
import {
  ACCIDENT_ACTIONS,
  type AccidentAction,
  type AccidentPolicyView,
  accidentAbilities,
  accidentAllowedActions,
  actorChainLevel,
  mayReportAccident,
  mayViewAccidentStats,
  mayViewAccidents,
} from './policy.ts';

const REGION: Record<Role, string> = {
  platformAdmin: '',
  provinceSupervisor: '32',
  citySupervisor: '3205',
  countySupervisor: '320582',
  townshipSupervisor: '320582100',
  gridWorker: '320582100',
  departmentInspector: '3205',
  enterpriseAdmin: '320582',
  enterpriseStaff: '320582',
  medicalReporter: '320582',
  cdcReviewer: '320582',
};
const actor = (role: Role, id: string = role, enterpriseId: string | null = null): Actor => ({
  id,
  username: id,
  role,
  scope: {
    regionPrefix: REGION[role],
    industries: role === 'departmentInspector' ? ['47'] : null,
    enterpriseId: role === 'enterpriseAdmin' || role === 'enterpriseStaff' ? (enterpriseId ?? 'e1') : null,
  },
});

const OWN = actor('enterpriseAdmin', 'own', 'e1');
const OWN_STAFF = actor('enterpriseStaff', 'ownStaff', 'e1');
const OTHER = actor('enterpriseAdmin', 'other', 'e2');
const COUNTY = actor('countySupervisor', 'county');
const COUNTY2 = actor('countySupervisor', 'county2');
const CITY = actor('citySupervisor', 'city');
const PROVINCE = actor('provinceSupervisor', 'province');
const TOWNSHIP = actor('townshipSupervisor', 'township');
const GRID = actor('gridWorker', 'grid');
const INSPECTOR = actor('departmentInspector', 'inspector');
const ADMIN = actor('platformAdmin', 'admin');

const view = (over: Partial<AccidentPolicyView> = {}): AccidentPolicyView => ({
  status: 'reporting',
  enterpriseId: 'e1',
  nearMiss: false,
  reportingEnded: false,
  waitingAt: null,
  received: [],
  acknowledged: [],
  investigatingLevel: 'county',
  extended: false,
  paused: false,
  submittedBy: null,
  ...over,
});

const AT_CHAIN: AccidentAction[] = ['notifyParallel', 'markFault', 'pushLesson'];
const INVESTIGATING: AccidentAction[] = ['addMember', 'pause', 'submitReport', 'extend'];

// Named chain positions.
/** 一般事故 just reported: the county has it, not yet acknowledged, and must forward to the city. */
const countyWaiting = view({ waitingAt: 'county', received: ['county'] });
/** The county forwarded to the city (the top for 一般), both acknowledged: the chain is complete. */
const cityHasIt = view({ received: ['county', 'city'], acknowledged: ['county'] });
/** 较大事故: the city has it and must forward to the province; the city investigates. */
const majorAtCity = view({ waitingAt: 'city', received: ['county', 'city'], acknowledged: ['county'], investigatingLevel: 'city' });
/** 较大事故, 越级: the county went straight to the province; the city was skipped. */
const majorSkippedCity = view({ received: ['county', 'province'], acknowledged: ['county', 'province'], investigatingLevel: 'city' });
/** 重大事故 at the province, which owes the national report and investigates. */
const seriousAtProvince = view({
  waitingAt: 'province',
  received: ['county', 'city', 'province'],
  acknowledged: ['county', 'city', 'province'],
  investigatingLevel: 'province',
});
const investigating = (over: Partial<AccidentPolicyView> = {}) =>
  view({ status: 'investigating', reportingEnded: true, received: ['county', 'city'], acknowledged: ['county', 'city'], ...over });

const TABLE: [string, Actor, AccidentPolicyView, AccidentAction[]][] = [
  // The unit: its own accounts follow up while reporting is open; another enterprise nothing.
  ['own enterprise, reporting', OWN, countyWaiting, ['followUp']],
  ['own enterprise staff, reporting', OWN_STAFF, countyWaiting, ['followUp']],
  ['own enterprise, investigating (reporting not ended)', OWN, investigating({ reportingEnded: false }), ['followUp']],
  ['own enterprise, reporting ended', OWN, view({ reportingEnded: true }), []],
  ['own enterprise, closed', OWN, view({ status: 'closed' }), []],
  ['other enterprise', OTHER, countyWaiting, []],
  ['an enterprise and a unit outside the directory', OWN, view({ enterpriseId: null }), []],
  // The county.
  [
    'county, just received',
    COUNTY,
    countyWaiting,
    ['followUp', 'endReporting', 'forward', 'acknowledge', ...AT_CHAIN, 'startInvestigation'],
  ],
  ['county, forwarded and acknowledged', COUNTY, cityHasIt, ['followUp', 'endReporting', ...AT_CHAIN, 'startInvestigation']],
  ['county, not reached yet', COUNTY, view({ received: [] }), ['followUp', 'startInvestigation']],
  ['county, 较大 at the city', COUNTY, majorAtCity, ['followUp', 'endReporting', ...AT_CHAIN]],
  ['county, 较大 越级', COUNTY, majorSkippedCity, ['followUp', 'endReporting', ...AT_CHAIN]],
  // The city.
  ['city, 一般 not yet forwarded to it', CITY, countyWaiting, ['followUp', 'takeOver']],
  ['city, 一般 received, not acknowledged', CITY, cityHasIt, ['followUp', 'endReporting', 'acknowledge', ...AT_CHAIN, 'takeOver']],
  [
    'city, 一般 acknowledged',
    CITY,
    view({ received: ['county', 'city'], acknowledged: ['county', 'city'] }),
    ['followUp', 'endReporting', ...AT_CHAIN, 'takeOver'],
  ],
  [
    'city, 较大 waiting at the city',
    CITY,
    majorAtCity,
    ['followUp', 'endReporting', 'forward', 'acknowledge', ...AT_CHAIN, 'startInvestigation'],
  ],
  ['city, 较大 skipped by 越级', CITY, majorSkippedCity, ['followUp', 'startInvestigation']],
  ['city, 重大 at the province', CITY, seriousAtProvince, ['followUp', 'endReporting', ...AT_CHAIN]],
  // The province.
  ['province, 一般', PROVINCE, cityHasIt, ['followUp', 'takeOver']],
  ['province, 较大 not yet forwarded to it', PROVINCE, majorAtCity, ['followUp', 'takeOver']],
  ['province, 较大 越级 received', PROVINCE, majorSkippedCity, ['followUp', 'endReporting', ...AT_CHAIN, 'takeOver']],
  [
    'province, 重大 waiting at the province',
    PROVINCE,
    seriousAtProvince,
    ['followUp', 'endReporting', 'forward', ...AT_CHAIN, 'startInvestigation'],
  ],
  // Others: the township follows up but has no place in the chain; the rest nothing.
  ['township, reporting', TOWNSHIP, countyWaiting, ['followUp']],
  ['township, closed', TOWNSHIP, view({ status: 'closed' }), []],
  ['grid worker', GRID, countyWaiting, []],
  ['department inspector', INSPECTOR, countyWaiting, []],
  ['platform admin', ADMIN, countyWaiting, []],
  // The investigation at the county (一般).
  ['county, investigating', COUNTY, investigating(), [...AT_CHAIN, ...INVESTIGATING]],
  [
    'county, investigating, paused',
    COUNTY,
    investigating({ paused: true }),
    [...AT_CHAIN, 'addMember', 'resume', 'extend'], // no report while an appraisal holds the clock
  ],
  ['county, investigating, extended', COUNTY, investigating({ extended: true }), [...AT_CHAIN, 'addMember', 'pause', 'submitReport']],
  ['city, county investigating', CITY, investigating(), [...AT_CHAIN, 'takeOver']],
  ['province, county investigating', PROVINCE, investigating({ received: ['county', 'city'] }), ['takeOver']],
  ['city, after taking over', CITY, investigating({ investigatingLevel: 'city' }), [...AT_CHAIN, ...INVESTIGATING]],
  ['county, after the city took over', COUNTY, investigating({ investigatingLevel: 'city' }), [...AT_CHAIN]],
  [
    'county, city took over while reporting',
    COUNTY,
    view({ received: ['county'], investigatingLevel: 'city' }),
    ['followUp', 'endReporting', 'acknowledge', ...AT_CHAIN],
  ],
  ['township, investigating', TOWNSHIP, investigating(), []],
  ['own enterprise, investigating', OWN, investigating(), []],
  // Submitted: the approval is another person's; nobody takes over any more.
  ['submitter, submitted', COUNTY, investigating({ status: 'submitted', submittedBy: 'county' }), [...AT_CHAIN]],
  [
    'another county supervisor, submitted',
    COUNTY2,
    investigating({ status: 'submitted', submittedBy: 'county' }),
    [...AT_CHAIN, 'approve', 'returnReport'],
  ],
  ['city, submitted', CITY, investigating({ status: 'submitted', submittedBy: 'county' }), [...AT_CHAIN]],
  ['county, approved', COUNTY, investigating({ status: 'approved', submittedBy: 'county' }), [...AT_CHAIN, 'publish']],
  ['county, published', COUNTY, investigating({ status: 'published', submittedBy: 'county' }), [...AT_CHAIN, 'evaluate']],
  ['county, closed', COUNTY, investigating({ status: 'closed' }), [...AT_CHAIN]],
  [
    'county, closed with reporting never ended',
    COUNTY,
    view({ status: 'closed', received: ['county', 'city'], acknowledged: ['county'] }),
    [...AT_CHAIN],
  ],
  // Near-misses: reported up the chain, never investigated nor taken over.
  [
    'county, near-miss',
    COUNTY,
    view({ ...countyWaiting, nearMiss: true }),
    ['followUp', 'endReporting', 'forward', 'acknowledge', ...AT_CHAIN],
  ],
  ['city, near-miss', CITY, view({ ...cityHasIt, nearMiss: true }), ['followUp', 'endReporting', 'acknowledge', ...AT_CHAIN]],
  ['province, near-miss', PROVINCE, view({ ...cityHasIt, nearMiss: true }), ['followUp']],
  ['own enterprise, near-miss', OWN, view({ ...countyWaiting, nearMiss: true }), ['followUp']],
];

test('state × role: the allowed actions', () => {
  const sorted = (xs: readonly AccidentAction[]) => [...xs].sort();
  for (const [label, who, x, expected] of TABLE) {
    const got = accidentAllowedActions(who, x);
    assert.deepEqual(sorted(got), sorted(expected), label);
    assert.equal(new Set(got).size, got.length, `${label}: no duplicates`);
    for (const a of got) assert.ok(ACCIDENT_ACTIONS.includes(a), a);
  }
});

test('startInvestigation only at the grade’s investigating level, and only while reporting', () => {
  const levels: [Actor, ChainLevel][] = [
    [COUNTY, 'county'],
    [CITY, 'city'],
    [PROVINCE, 'province'],
  ];
  for (const investigatingLevel of ['county', 'city', 'province', 'national'] as const)
    for (const [who, level] of levels) {
      const x = view({ received: ['county', 'city', 'province'], investigatingLevel });
      assert.equal(
        accidentAllowedActions(who, x).includes('startInvestigation'),
        // 特别重大: the province records the State Council's investigation.
        level === investigatingLevel || (investigatingLevel === 'national' && level === 'province'),
        `${level} / ${investigatingLevel}`,
      );
      for (const status of ['investigating', 'submitted', 'approved', 'published', 'closed'] as const)
        assert.equal(accidentAllowedActions(who, { ...x, status }).includes('startInvestigation'), false, `${level} ${status}`);
    }
});

test('takeOver only by a higher level, while reporting or investigating', () => {
  const rank: Record<ChainLevel, number> = { county: 0, city: 1, province: 2, national: 3 };
  for (const investigatingLevel of ['county', 'city', 'province', 'national'] as const)
    for (const who of [COUNTY, CITY, PROVINCE]) {
      const level = actorChainLevel(who);
      assert.ok(level);
      for (const status of ['reporting', 'investigating', 'submitted', 'approved', 'published', 'closed'] as const) {
        const expected: boolean = rank[level] > rank[investigatingLevel] && (status === 'reporting' || status === 'investigating');
        const got = accidentAllowedActions(who, view({ status, investigatingLevel })).includes('takeOver');
        assert.equal(got, expected, `${level} over ${investigatingLevel} when ${status}`);
      }
    }
});

test('a near-miss has no investigation action for anyone in any state', () => {
  const investigation: AccidentAction[] = [
    'startInvestigation',
    'takeOver',
    'addMember',
    'pause',
    'resume',
    'extend',
    'submitReport',
    'returnReport',
    'approve',
    'publish',
    'evaluate',
  ];
  for (const role of ROLES)
    for (const status of ['reporting', 'investigating', 'submitted', 'approved', 'published', 'closed'] as const)
      for (const investigatingLevel of ['county', 'city', 'province'] as const) {
        const got = accidentAllowedActions(
          actor(role),
          view({ status, investigatingLevel, nearMiss: true, received: ['county', 'city', 'province'] }),
        );
        assert.deepEqual(
          got.filter((a) => investigation.includes(a)),
          [],
          `${role} ${status} ${investigatingLevel}`,
        );
      }
});

test('nobody follows up a closed accident; nobody but a chain level forwards', () => {
  for (const role of ROLES) {
    const who = actor(role);
    assert.equal(accidentAllowedActions(who, view({ status: 'closed' })).includes('followUp'), false, role);
    for (const waitingAt of ['county', 'city', 'province'] as const) {
      const got = accidentAllowedActions(who, view({ waitingAt, received: ['county', 'city', 'province'] })).includes('forward');
      assert.equal(got, actorChainLevel(who) === waitingAt, `${role} waiting at ${waitingAt}`);
    }
  }
});

test('chain levels and abilities by role', () => {
  const expected: Record<Role, { level: ChainLevel | null; report: boolean; view: boolean; stats: boolean }> = {
    platformAdmin: { level: null, report: false, view: true, stats: true },
    provinceSupervisor: { level: 'province', report: true, view: true, stats: true },
    citySupervisor: { level: 'city', report: true, view: true, stats: true },
    countySupervisor: { level: 'county', report: true, view: true, stats: true },
    townshipSupervisor: { level: null, report: true, view: true, stats: true },
    gridWorker: { level: null, report: true, view: true, stats: false },
    departmentInspector: { level: null, report: true, view: true, stats: true },
    enterpriseAdmin: { level: null, report: true, view: true, stats: false },
    enterpriseStaff: { level: null, report: true, view: true, stats: false },
    medicalReporter: { level: null, report: false, view: false, stats: false },
    cdcReviewer: { level: null, report: false, view: false, stats: false },
  };
  for (const role of ROLES) {
    const a = actor(role);
    const e = expected[role];
    assert.equal(actorChainLevel(a), e.level, role);
    assert.equal(mayReportAccident(a), e.report, role);
    assert.equal(mayViewAccidents(a), e.view, role);
    assert.equal(mayViewAccidentStats(a), e.stats, role);
    assert.deepEqual(accidentAbilities(a), { 'accidents.view': e.view, 'accidents.report': e.report, 'accidents.stats': e.stats }, role);
  }
});

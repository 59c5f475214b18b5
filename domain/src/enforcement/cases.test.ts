import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Actor, ROLES, type Role } from '../auth/roles.ts';
import {
  CASE_ACTIONS,
  CASE_STATUSES,
  type CaseAction,
  type CaseFacts,
  type CaseStatus,
  caseActions,
  caseDeadlines,
  caseTransition,
  DEFAULT_CASE_RULES,
  hasHearingRight,
  maskPersonName,
  mayViewInterference,
  nextCaseStep,
} from './cases.ts';

const actor = (role: Role, id: string = role, enterpriseId: string | null = null): Actor => ({
  id,
  username: id,
  role,
  scope: { regionPrefix: '32', industries: null, enterpriseId },
});

// Facts under which every time- and money-condition holds, so the table below tests state × role.
const open = (status: CaseStatus, over: Partial<CaseFacts> = {}): CaseFacts => ({
  enterpriseId: 'e1',
  status,
  handlerId: 'handler',
  hearingRight: true,
  notifiedOn: '2026-03-01',
  fine: 30_000,
  owed: 30_000,
  paymentDueOn: '2026-03-20',
  lateFeeDecided: false,
  suspension: true,
  resumed: false,
  publishedAt: null,
  transferred: false,
  ...over,
});

/** The expected table: from which states an action is possible, and who may take it. */
const EXPECTED: Record<CaseAction, { from: CaseStatus[]; who: 'enforcer' | 'second' | 'enforcerOrParty' }> = {
  investigate: { from: ['filed'], who: 'enforcer' },
  editFacts: { from: ['filed', 'investigating'], who: 'enforcer' },
  notify: { from: ['investigating'], who: 'enforcer' },
  requestHearing: { from: ['notified'], who: 'enforcerOrParty' },
  recordHearing: { from: ['hearing'], who: 'enforcer' },
  submitReview: { from: ['notified'], who: 'enforcer' },
  approve: { from: ['review'], who: 'second' },
  sendBack: { from: ['review'], who: 'second' },
  serve: { from: ['decided'], who: 'enforcer' },
  recordPayment: { from: ['served', 'executing'], who: 'enforcer' },
  remind: { from: ['served', 'executing'], who: 'enforcer' },
  decideLateFee: { from: ['served', 'executing'], who: 'enforcer' },
  recordDailyPenalty: { from: ['served', 'executing'], who: 'enforcer' },
  acceptResumption: { from: ['decided', 'served', 'executing', 'closed'], who: 'enforcer' },
  close: { from: ['served', 'executing', 'transferred'], who: 'second' },
  transfer: { from: ['investigating', 'notified', 'hearing', 'review', 'decided', 'served', 'executing'], who: 'enforcer' },
  drop: { from: ['filed', 'investigating', 'notified', 'hearing', 'review'], who: 'second' },
  publish: { from: ['decided', 'served', 'executing', 'closed'], who: 'enforcer' },
  recordInterference: { from: [...CASE_STATUSES], who: 'enforcer' },
};

const ENFORCERS: Role[] = ['countySupervisor', 'citySupervisor', 'provinceSupervisor', 'departmentInspector'];

test('every state × action × role: the transition table', () => {
  let checked = 0;
  for (const status of CASE_STATUSES) {
    for (const action of CASE_ACTIONS) {
      // Time- and money-conditions satisfied for the action under test.
      const facts =
        action === 'close'
          ? open(status, { owed: 0 })
          : action === 'requestHearing'
            ? open(status)
            : open(status, { notifiedOn: '2026-01-01' });
      const today = action === 'requestHearing' ? '2026-03-03' : '2026-04-01';
      const people: [string, Actor][] = [
        ...ROLES.map((r) => [r, actor(r, `${r}-second`, r.startsWith('enterprise') ? 'e1' : null)] as [string, Actor]),
        ...ENFORCERS.map((r) => [`${r} (handler)`, actor(r, 'handler')] as [string, Actor]),
        ['other enterprise', actor('enterpriseAdmin', 'x', 'e2')],
      ];
      for (const [name, a] of people) {
        const e = EXPECTED[action];
        const isEnf = ENFORCERS.includes(a.role);
        const isHandler = a.id === 'handler';
        const isParty = a.role.startsWith('enterprise') && a.scope.enterpriseId === 'e1';
        const allowedWho = e.who === 'enforcer' ? isEnf : e.who === 'second' ? isEnf && !isHandler : isEnf || isParty;
        const r = caseTransition(a, facts, action, today);
        const expected = !e.from.includes(status) ? 'invalidState' : allowedWho ? 'ok' : 'forbidden';
        assert.equal(r.ok ? 'ok' : r.reason, expected, `${status} × ${action} × ${name}`);
        assert.equal(caseActions(a, facts, today).includes(action), expected === 'ok', `caseActions ${status} × ${action} × ${name}`);
        checked++;
      }
    }
  }
  assert.equal(checked, CASE_STATUSES.length * CASE_ACTIONS.length * (ROLES.length + ENFORCERS.length + 1));
});

test('four eyes: the handler cannot approve, send back, drop or close their own case', () => {
  const handler = actor('countySupervisor', 'handler');
  const second = actor('countySupervisor', 'second');
  for (const [status, action] of [
    ['review', 'approve'],
    ['review', 'sendBack'],
    ['investigating', 'drop'],
    ['executing', 'close'],
  ] as const) {
    const c = open(status, { owed: 0 });
    assert.deepEqual(caseTransition(handler, c, action, '2026-04-01'), { ok: false, reason: 'forbidden' });
    assert.equal(caseTransition(second, c, action, '2026-04-01').ok, true);
  }
});

test('the hearing request window is 5 days after the notice, and only with a hearing right', () => {
  const party = actor('enterpriseAdmin', 'p', 'e1');
  const c = open('notified', { notifiedOn: '2026-03-01' });
  assert.deepEqual(caseTransition(party, c, 'requestHearing', '2026-03-06'), { ok: true, to: 'hearing' });
  assert.deepEqual(caseTransition(party, c, 'requestHearing', '2026-03-07'), { ok: false, reason: 'notNow' });
  assert.deepEqual(caseTransition(party, { ...c, hearingRight: false }, 'requestHearing', '2026-03-02'), { ok: false, reason: 'notNow' });
});

test('review waits for the statement and hearing windows unless the party waived them', () => {
  const a = actor('countySupervisor', 'handler');
  const c = open('notified', { notifiedOn: '2026-03-01' });
  assert.equal(caseTransition(a, c, 'submitReview', '2026-03-04').ok, false, 'statement window (3 days) still open');
  assert.equal(caseTransition(a, c, 'submitReview', '2026-03-05').ok, false, 'hearing window (5 days) still open');
  assert.equal(caseTransition(a, c, 'submitReview', '2026-03-07').ok, true);
  assert.equal(caseTransition(a, c, 'submitReview', '2026-03-02', DEFAULT_CASE_RULES, { waived: true }).ok, true);
  assert.equal(caseTransition(a, { ...c, hearingRight: false }, 'submitReview', '2026-03-05').ok, true, 'no hearing right: 3 days');
  assert.ok(caseActions(a, c, '2026-03-02').includes('submitReview'), 'offered with the waiver while the windows run');
});

test('closing needs nothing owed; reminders and the late fee only after the payment is due', () => {
  const second = actor('countySupervisor', 'second');
  const h = actor('countySupervisor', 'handler');
  assert.deepEqual(caseTransition(second, open('executing', { owed: 1 }), 'close', '2026-04-01'), { ok: false, reason: 'notNow' });
  assert.deepEqual(caseTransition(second, open('transferred', { owed: 1 }), 'close', '2026-04-01'), { ok: true, to: 'closed' });
  assert.equal(caseTransition(h, open('served'), 'remind', '2026-03-20').ok, false, 'due that day: not yet late');
  assert.equal(caseTransition(h, open('served'), 'remind', '2026-03-21').ok, true);
  assert.equal(caseTransition(h, open('served', { lateFeeDecided: true }), 'decideLateFee', '2026-04-01').ok, false, 'decided once');
  assert.equal(caseTransition(h, open('served', { owed: 0 }), 'recordPayment', '2026-04-01').ok, false);
});

test('hearing right: fine at the threshold, suspension or revocation', () => {
  const r = DEFAULT_CASE_RULES;
  assert.equal(hasHearingRight({ fine: 49_999, suspension: false, revocation: false }, r), false);
  assert.equal(hasHearingRight({ fine: 50_000, suspension: false, revocation: false }, r), true);
  assert.equal(hasHearingRight({ fine: null, suspension: true, revocation: false }, r), true);
  assert.equal(hasHearingRight({ fine: 1000, suspension: false, revocation: true }, r), true);
  // A fine on a person is held to the person's threshold (20,000 by default), not the unit's.
  assert.equal(hasHearingRight({ fine: 19_999, suspension: false, revocation: false, person: true }, r), false);
  assert.equal(hasHearingRight({ fine: 20_000, suspension: false, revocation: false, person: true }, r), true);
  assert.equal(hasHearingRight({ fine: 20_000, suspension: false, revocation: false }, r), false);
});

test('deadlines: decision warned from day 75 and overdue after day 90; payment and publication', () => {
  const c = {
    ...open('investigating', { notifiedOn: null }),
    filedOn: '2026-01-01',
    decisionDueOn: '2026-04-01',
    decidedOn: null,
    publicationDueOn: null,
  };
  assert.equal(caseDeadlines(c, '2026-03-17')[0]?.state, 'soon');
  assert.equal(caseDeadlines(c, '2026-03-16')[0]?.state, 'open');
  assert.equal(caseDeadlines(c, '2026-04-02')[0]?.state, 'overdue');
  const decided = { ...c, status: 'served' as const, decidedOn: '2026-03-01', publicationDueOn: '2026-03-10', paymentDueOn: '2026-03-20' };
  const d = caseDeadlines(decided, '2026-03-21');
  assert.deepEqual(
    d.map((x) => [x.kind, x.state]),
    [
      ['decision', 'met'],
      ['payment', 'overdue'],
      ['publication', 'overdue'],
    ],
  );
  assert.equal(caseDeadlines({ ...decided, owed: 0, publishedAt: '2026-03-05T00:00:00Z' }, '2026-03-21')[1]?.state, 'met');
});

test('next step by state', () => {
  assert.equal(nextCaseStep({ status: 'filed', owed: 0 }), 'investigate');
  assert.equal(nextCaseStep({ status: 'executing', owed: 10 }), 'recordPayment');
  assert.equal(nextCaseStep({ status: 'executing', owed: 0 }), 'close');
  assert.equal(nextCaseStep({ status: 'closed', owed: 0 }), null);
});

test('interference is visible to supervisors and admins, not to department inspectors or the party', () => {
  const seen = ROLES.filter((r) => mayViewInterference(actor(r)));
  assert.deepEqual(seen, ['platformAdmin', 'provinceSupervisor', 'citySupervisor', 'countySupervisor']);
});

test('a natural person’s name is masked after the surname', () => {
  assert.equal(maskPersonName('张三'), '张*');
  assert.equal(maskPersonName('欧阳娜娜'), '欧阳**');
  assert.equal(maskPersonName('李'), '*');
});

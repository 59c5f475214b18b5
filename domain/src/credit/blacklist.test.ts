// The serious-discredit list's data and candidate rules (令第11号): each automatic inclusion reason
// from the events that make it, the 12-month window of the 较大 accidents at its edge, the cases
// that do not count (undecided, wrong tier), masking, and the proposal's bilingual refusals.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BLACKLIST_REASONS,
  blacklistIndustriesOf,
  blacklistProposalSchema,
  type CandidateAccident,
  type CandidateCase,
  inBlacklistScope,
  maskBlacklistId,
  proposeCandidates,
} from './blacklist.ts';

const E = '00000000-0000-4000-8000-000000000001';
const acc = (id: string, extra: Partial<CandidateAccident> = {}): CandidateAccident => ({
  id,
  number: `SG${id}`,
  enterpriseId: E,
  regionCode: '321302000000',
  grade: 'ordinary',
  occurredAt: '2026-06-01T02:00:00.000Z',
  nearMiss: false,
  faults: [],
  ...extra,
});
const kase = (id: string, extra: Partial<CandidateCase> = {}): CandidateCase => ({
  id,
  enterpriseId: E,
  regionCode: '321302000000',
  departmentId: null,
  title: '未按规定开展隐患排查',
  facts: '',
  article: '101',
  tier: 'first',
  status: 'decided',
  fine: 50_000,
  paid: 0,
  paymentDueOn: null,
  decisionNumber: '（宿城）应急罚〔2026〕3号',
  agency: false,
  ...extra,
});
const RULES = { penaltyGraceDays: 30 };
const reasons = (a: CandidateAccident[], c: CandidateCase[], today = '2026-12-07') =>
  proposeCandidates(a, c, today, RULES).map((p) => `${p.reason}:${p.sourceId}:${p.subjectType}`);

test('nine reasons: five accident-related, four others, two of them provisional', () => {
  assert.equal(BLACKLIST_REASONS.length, 9);
  assert.deepEqual(
    BLACKLIST_REASONS.map((r) => r.number),
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  assert.equal(BLACKLIST_REASONS.filter((r) => r.kind === 'accident').length, 5);
  assert.deepEqual(
    BLACKLIST_REASONS.filter((r) => r.provisional).map((r) => r.code),
    ['penaltyNotExecuted', 'otherSerious'],
  );
});

test('industries of the Decree by GB/T 4754 code; construction is outside it', () => {
  assert.deepEqual(blacklistIndustriesOf('0610'), ['mining']);
  assert.ok(blacklistIndustriesOf('2614').includes('chemical'));
  assert.ok(blacklistIndustriesOf('2672').includes('fireworks'));
  assert.deepEqual(blacklistIndustriesOf('4700'), []);
  assert.deepEqual(blacklistIndustriesOf(null), []);
  assert.equal(inBlacklistScope('unit', '4700'), false);
  assert.equal(inBlacklistScope('person', '3110'), true);
  assert.equal(inBlacklistScope('agency', null), true);
});

const CASES: { name: string; accidents?: CandidateAccident[]; cases?: CandidateCase[]; today?: string; want: string[] }[] = [
  { name: '重大 accident', accidents: [acc('a1', { grade: 'serious' })], want: ['majorAccident:a1:unit'] },
  { name: '特别重大 accident', accidents: [acc('a1', { grade: 'especiallySerious' })], want: ['majorAccident:a1:unit'] },
  { name: 'one 较大 accident is not enough', accidents: [acc('a1', { grade: 'major' })], want: [] },
  {
    name: 'two 较大 accidents within 12 months: the later one is the source',
    accidents: [
      acc('a1', { grade: 'major', occurredAt: '2025-12-10T00:00:00.000Z' }),
      acc('a2', { grade: 'major', occurredAt: '2026-12-01T00:00:00.000Z' }),
    ],
    want: ['repeatedSeriousAccidents:a2:unit'],
  },
  {
    name: 'two 较大 accidents exactly 12 months apart still count (the edge is inside)',
    accidents: [
      acc('a1', { grade: 'major', occurredAt: '2025-12-01T00:00:00.000Z' }),
      acc('a2', { grade: 'major', occurredAt: '2026-12-01T00:00:00.000Z' }),
    ],
    want: ['repeatedSeriousAccidents:a2:unit'],
  },
  {
    name: 'two 较大 accidents 12 months and a day apart do not',
    accidents: [
      acc('a1', { grade: 'major', occurredAt: '2025-11-30T23:59:59.000Z' }),
      acc('a2', { grade: 'major', occurredAt: '2026-12-01T00:00:00.000Z' }),
    ],
    want: [],
  },
  {
    name: '较大 accidents of two different units do not add up',
    accidents: [acc('a1', { grade: 'major' }), acc('a2', { grade: 'major', enterpriseId: '00000000-0000-4000-8000-000000000002' })],
    want: [],
  },
  { name: '瞒报', accidents: [acc('a1', { faults: ['concealed'] })], want: ['concealedAccident:a1:unit'] },
  { name: '谎报', accidents: [acc('a1', { faults: ['false', 'late'] })], want: ['concealedAccident:a1:unit'] },
  { name: '迟报 and 漏报 are not reasons', accidents: [acc('a1', { faults: ['late', 'missed'] })], want: [] },
  { name: 'a near miss is not an accident', accidents: [acc('a1', { grade: 'serious', nearMiss: true })], want: [] },
  { name: 'an accident without an enterprise on record', accidents: [acc('a1', { grade: 'serious', enterpriseId: null })], want: [] },
  {
    name: 'Art. 114 fined 2–5 times (aggravated tier)',
    cases: [kase('c1', { article: '114', tier: 'aggravated' })],
    want: ['multipleFine:c1:unit'],
  },
  { name: 'Art. 114 at the ordinary amount is not', cases: [kase('c1', { article: '114', tier: 'first' })], want: [] },
  { name: 'Art. 114 not yet decided is not', cases: [kase('c1', { article: '114', tier: 'aggravated', status: 'review' })], want: [] },
  { name: 'an agency’s false report (Art. 92)', cases: [kase('c1', { article: '92', agency: true })], want: ['agencyFraud:c1:agency'] },
  {
    name: 'operating without a licence',
    cases: [kase('c1', { title: '未取得危险化学品经营许可证从事经营', article: null })],
    want: ['unlicensed:c1:unit'],
  },
  {
    name: 'operating while the licence is suspended',
    cases: [kase('c1', { facts: '安全生产许可证暂扣期间继续组织生产' })],
    want: ['unlicensed:c1:unit'],
  },
  {
    name: 'a fine unpaid more than 30 days after its due date',
    cases: [kase('c1', { status: 'executing', paymentDueOn: '2026-11-06' })],
    today: '2026-12-07',
    want: ['penaltyNotExecuted:c1:unit'],
  },
  {
    name: 'a fine unpaid exactly 30 days after its due date is not yet',
    cases: [kase('c1', { status: 'executing', paymentDueOn: '2026-11-07' })],
    today: '2026-12-07',
    want: [],
  },
  { name: 'a fine paid in full', cases: [kase('c1', { status: 'executing', paymentDueOn: '2026-01-01', paid: 50_000 })], want: [] },
];

for (const c of CASES) {
  test(`candidate: ${c.name}`, () => {
    assert.deepEqual(reasons(c.accidents ?? [], c.cases ?? [], c.today).sort(), [...c.want].sort());
  });
}

test('candidate: an intermediary report found false lists the agency; one not found false does not', () => {
  const reports = [
    { id: 'r1', intermediaryId: 'i1', regionCode: '321302000000', title: '某公司安全现状评价报告', falseFound: true },
    { id: 'r2', intermediaryId: 'i1', regionCode: '321302000000', title: '另一份报告', falseFound: false },
  ];
  const got = proposeCandidates([], [], '2026-12-07', RULES, reports);
  assert.deepEqual(
    got.map((p) => [p.reason, p.subjectType, p.intermediaryId, p.enterpriseId, p.sourceType, p.sourceId]),
    [['agencyFraud', 'agency', 'i1', null, 'report', 'r1']],
  );
});

test('candidates carry their source and the deciding department (谁处罚、谁决定)', () => {
  const dep = '00000000-0000-4000-8000-00000000000d';
  const [p] = proposeCandidates([], [kase('c1', { article: '114', tier: 'aggravated', departmentId: dep })], '2026-12-07', RULES);
  assert.equal(p?.departmentId, dep);
  assert.equal(p?.sourceType, 'case');
  assert.equal(p?.sourceRef, '（宿城）应急罚〔2026〕3号');
  const [m] = proposeCandidates([acc('a1', { grade: 'especiallySerious', number: 'SG3213022026-0001' })], [], '2026-12-07', RULES);
  assert.equal(m?.facts, '发生特别重大生产安全事故（事故编号：SG3213022026-0001）');
});

test('ID numbers are masked 4 + stars + 4', () => {
  assert.equal(maskBlacklistId('321302198001011234'), '3213**********1234');
  assert.equal(maskBlacklistId(null), null);
  assert.equal(maskBlacklistId('12345'), '*****');
});

test('a proposal: a person needs name and ID number; the reason must fit the subject', () => {
  const r = blacklistProposalSchema.safeParse({ subjectType: 'person', reason: 'agencyFraud', penaltyDecisionRef: 'x', facts: 'y' });
  assert.equal(r.success, false);
  const paths = r.error?.issues.map((i) => i.path.join('.')).sort();
  assert.deepEqual(paths, ['enterpriseId', 'personIdNumber', 'personName']);
  const bad = blacklistProposalSchema.safeParse({
    subjectType: 'unit',
    reason: 'desertion',
    enterpriseId: E,
    penaltyDecisionRef: '（宿城）应急罚〔2026〕3号',
    facts: '主要负责人逃匿',
  });
  assert.equal(bad.success, false);
  assert.match(bad.error?.issues[0]?.message ?? '', /^该情形不适用于此类主体\|\|This reason/);
  const ok = blacklistProposalSchema.safeParse({
    subjectType: 'person',
    reason: 'desertion',
    enterpriseId: E,
    personName: '王某',
    personIdNumber: '32130219800101123x',
    personRole: 'principal',
    penaltyDecisionRef: '（宿城）应急罚〔2026〕3号',
    facts: '事故发生后逃匿',
  });
  assert.equal(ok.success, true);
  assert.equal(ok.data?.personIdNumber, '32130219800101123X');
});

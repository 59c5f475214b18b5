// The serious-discredit list (安全生产严重失信主体名单, 应急管理部令第11号, in force 2023-10-01) as data
// and pure rules: the industries and intermediaries it covers (Art. 2), the nine inclusion reasons
// (Art. 7–8 as the news summaries give them; two wordings UNCONFIRMED), the subjects (units,
// agencies, natural persons), masking of ID numbers, and the candidates the events propose
// ("谁处罚、谁决定": the department that decided the penalty decides the listing, Art. 4).
// Facts and sources: STANDARDS-NEXT.md §4.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import type { AccidentGrade } from '../whistleblowing/rewards.ts';

type Bilingual = { zh: string; en: string };

/** Who may be listed: a production unit, an intermediary agency (安全评价/认证/检测/检验机构), a natural person. */
export const BLACKLIST_SUBJECT_TYPES = ['unit', 'agency', 'person'] as const;
export type BlacklistSubjectType = (typeof BLACKLIST_SUBJECT_TYPES)[number];
export const BLACKLIST_SUBJECT_LABELS: Record<BlacklistSubjectType, Bilingual> = {
  unit: { zh: '生产经营单位', en: 'Production unit' },
  agency: { zh: '中介机构', en: 'Intermediary agency' },
  person: { zh: '自然人', en: 'Natural person' },
};

/** A person's role on the list: the unit's 主要负责人 or another responsible person (责任人员). */
export const BLACKLIST_PERSON_ROLES = ['principal', 'responsible'] as const;
export type BlacklistPersonRole = (typeof BLACKLIST_PERSON_ROLES)[number];
export const BLACKLIST_PERSON_ROLE_LABELS: Record<BlacklistPersonRole, Bilingual> = {
  principal: { zh: '主要负责人', en: 'Principal officer' },
  responsible: { zh: '责任人员', en: 'Responsible person' },
};

/**
 * The industries 令第11号 Art. 2 names, mapped to GB/T 4754-2017 divisions where one fits (the
 * enterprise's industry code starts with one of them). 商贸 and 危险化学品 are trades that cut across
 * divisions: 危险化学品 is matched by the chemical divisions and the wholesale of chemicals (5166).
 */
export const BLACKLIST_INDUSTRIES: readonly { key: string; zh: string; en: string; codes: readonly string[] }[] = [
  { key: 'mining', zh: '矿山（含尾矿库）', en: 'Mining (tailings ponds included)', codes: ['06', '07', '08', '09', '10', '11', '12'] },
  { key: 'chemical', zh: '化工（含石油化工）', en: 'Chemicals (petrochemicals included)', codes: ['25', '26', '28', '29'] },
  { key: 'pharmaceutical', zh: '医药', en: 'Pharmaceuticals', codes: ['27'] },
  { key: 'hazardousChemicals', zh: '危险化学品', en: 'Hazardous chemicals', codes: ['26', '5166', '5162'] },
  { key: 'fireworks', zh: '烟花爆竹', en: 'Fireworks', codes: ['2672'] },
  { key: 'oilExtraction', zh: '石油开采', en: 'Oil extraction', codes: ['07'] },
  { key: 'metallurgy', zh: '冶金', en: 'Metallurgy', codes: ['31'] },
  { key: 'nonFerrous', zh: '有色', en: 'Non-ferrous metals', codes: ['32'] },
  { key: 'buildingMaterials', zh: '建材', en: 'Building materials', codes: ['30'] },
  { key: 'machinery', zh: '机械', en: 'Machinery', codes: ['33', '34', '35', '36', '37', '38', '39', '40', '43'] },
  { key: 'lightIndustry', zh: '轻工', en: 'Light industry', codes: ['13', '14', '15', '19', '20', '21', '22', '23', '24', '41'] },
  { key: 'textiles', zh: '纺织', en: 'Textiles', codes: ['17', '18'] },
  { key: 'tobacco', zh: '烟草', en: 'Tobacco', codes: ['16'] },
  { key: 'commerce', zh: '商贸', en: 'Commerce and trade', codes: ['51', '52'] },
];

/** The intermediaries' kinds the Decree covers (the credit file's `intermediaries.kind`). */
export const BLACKLIST_AGENCY_KINDS = ['evaluation', 'certification', 'testing', 'inspection'] as const;
export const BLACKLIST_AGENCY_KIND_LABELS: Record<(typeof BLACKLIST_AGENCY_KINDS)[number], Bilingual> = {
  evaluation: { zh: '安全评价机构', en: 'Safety evaluation agency' },
  certification: { zh: '认证机构', en: 'Certification agency' },
  testing: { zh: '检测机构', en: 'Testing agency' },
  inspection: { zh: '检验机构', en: 'Inspection agency' },
};

/** The Decree's industries an industry code belongs to (empty: outside the Decree's scope). */
export function blacklistIndustriesOf(industryCode: string | null | undefined): string[] {
  if (!industryCode) return [];
  return BLACKLIST_INDUSTRIES.filter((i) => i.codes.some((c) => industryCode.startsWith(c))).map((i) => i.key);
}

/**
 * Whether the Decree covers the subject (Art. 2): an agency always; a unit, or a person through the
 * unit they work for, when its industry is one of the Decree's.
 */
export const inBlacklistScope = (subjectType: BlacklistSubjectType, industryCode: string | null | undefined) =>
  subjectType === 'agency' || blacklistIndustriesOf(industryCode).length > 0;

export const BLACKLIST_REASON_CODES = [
  'majorAccident',
  'repeatedSeriousAccidents',
  'multipleFine',
  'concealedAccident',
  'desertion',
  'unlicensed',
  'agencyFraud',
  'penaltyNotExecuted',
  'otherSerious',
] as const;
export type BlacklistReason = (typeof BLACKLIST_REASON_CODES)[number];

export type BlacklistReasonDef = {
  code: BlacklistReason;
  /** 1–9 in the Decree's order (5 accident-related, then 4 others). */
  number: number;
  kind: 'accident' | 'nonAccident';
  zh: string;
  en: string;
  /** Who this reason lists. */
  subjects: readonly BlacklistSubjectType[];
  /** Proposed from the events by proposeCandidates (the others are proposed by hand). */
  automatic: boolean;
  /** The wording is not confirmed against the Decree's text (shown 暂定). */
  provisional: boolean;
  source: string;
};

const NEWS = 'ccin.com.cn 新闻摘要（令第11号）';
/** The nine inclusion reasons (令第11号), as data. */
export const BLACKLIST_REASONS: readonly BlacklistReasonDef[] = [
  {
    code: 'majorAccident',
    number: 1,
    kind: 'accident',
    zh: '发生特别重大、重大生产安全事故的生产经营单位及其主要负责人，以及经调查认定负有责任应列入的其他单位和人员',
    en: 'Especially serious or serious accident: the unit, its principal and others found responsible',
    subjects: ['unit', 'agency', 'person'],
    automatic: true,
    provisional: false,
    source: NEWS,
  },
  {
    code: 'repeatedSeriousAccidents',
    number: 2,
    kind: 'accident',
    zh: '12个月内累计发生2起以上较大生产安全事故的生产经营单位及其主要负责人',
    en: 'Two or more major accidents within 12 months: the unit and its principal',
    subjects: ['unit', 'person'],
    automatic: true,
    provisional: false,
    source: NEWS,
  },
  {
    code: 'multipleFine',
    number: 3,
    kind: 'accident',
    zh: '发生生产安全事故，情节特别严重、影响特别恶劣，依照《安全生产法》第一百一十四条规定被处以罚款数额2倍以上5倍以下罚款的生产经营单位及其主要负责人',
    en: 'Fined 2–5 times the amount under Art. 114 of the Work Safety Law: the unit and its principal',
    subjects: ['unit', 'person'],
    automatic: true,
    provisional: false,
    source: NEWS,
  },
  {
    code: 'concealedAccident',
    number: 4,
    kind: 'accident',
    zh: '瞒报、谎报生产安全事故的生产经营单位及其有关责任人员',
    en: 'Concealed or falsely reported an accident: the unit and the persons responsible',
    subjects: ['unit', 'person'],
    automatic: true,
    provisional: false,
    source: NEWS,
  },
  {
    code: 'desertion',
    number: 5,
    kind: 'accident',
    zh: '生产安全事故发生后，不立即组织事故抢救，或者在事故调查处理期间擅离职守或者逃匿的生产经营单位主要负责人',
    en: 'Principal who did not lead the rescue, or left the post or fled during the investigation',
    subjects: ['person'],
    automatic: false,
    provisional: false,
    source: NEWS,
  },
  {
    code: 'unlicensed',
    number: 6,
    kind: 'nonAccident',
    zh: '未依法取得安全生产相关许可或者许可被暂扣、吊销期间从事相关生产经营活动的生产经营单位及其主要负责人',
    en: 'Operated without the required safety licence, or while it was suspended or revoked',
    subjects: ['unit', 'person'],
    automatic: true,
    provisional: false,
    source: `${NEWS}（部分）`,
  },
  {
    code: 'agencyFraud',
    number: 7,
    kind: 'nonAccident',
    zh: '承担安全评价、认证、检测、检验职责的机构及其直接责任人员租借资质、挂靠、出具虚假报告或者证书',
    en: 'Evaluation, certification, testing or inspection agency that lent its qualification or issued a false report or certificate',
    subjects: ['agency', 'person'],
    automatic: true,
    provisional: false,
    source: 'kl007.cn 摘要（令第11号）',
  },
  {
    code: 'penaltyNotExecuted',
    number: 8,
    kind: 'nonAccident',
    zh: '在应急管理部门作出行政处罚后，有执行能力拒不执行或者逃避执行的生产经营单位及其主要负责人',
    en: 'Able to carry out a penalty decision but refused or evaded it',
    subjects: ['unit', 'person'],
    automatic: true,
    provisional: true,
    source: 'UNCONFIRMED：STANDARDS-NEXT §4 “(3)(4) remaining two — believed: 有执行能力拒不执行处罚决定”，原文未核对',
  },
  {
    code: 'otherSerious',
    number: 9,
    kind: 'nonAccident',
    zh: '其他违反安全生产法律法规受到行政处罚，且性质恶劣、情节严重的',
    en: 'Other violations penalised whose nature is egregious and circumstances serious',
    subjects: ['unit', 'agency', 'person'],
    automatic: false,
    provisional: true,
    source: 'UNCONFIRMED：STANDARDS-NEXT §4 “believed: 其他性质恶劣情节严重”，原文未核对',
  },
];

/** The reasons in a few words, for lists and the public page (the full wording is BLACKLIST_REASONS'). */
export const BLACKLIST_REASON_LABELS: Record<BlacklistReason, Bilingual> = {
  majorAccident: { zh: '发生重大、特别重大生产安全事故', en: 'Serious or especially serious accident' },
  repeatedSeriousAccidents: { zh: '12个月内发生2起以上较大事故', en: 'Two or more major accidents in 12 months' },
  multipleFine: { zh: '事故罚款被处2倍以上5倍以下', en: 'Accident fine of 2–5 times (Art. 114)' },
  concealedAccident: { zh: '瞒报、谎报生产安全事故', en: 'Concealed or falsely reported accident' },
  desertion: { zh: '事故后不组织抢救、擅离职守或逃匿', en: 'Failed to lead the rescue, left the post or fled' },
  unlicensed: { zh: '未取得许可或许可暂扣吊销期间从事生产经营', en: 'Operated without a valid licence' },
  agencyFraud: { zh: '中介机构租借资质、挂靠、出具虚假报告或证书', en: 'Agency lent its qualification or issued a false report' },
  penaltyNotExecuted: { zh: '有执行能力拒不执行处罚决定', en: 'Refused to carry out a penalty decision' },
  otherSerious: { zh: '其他性质恶劣、情节严重的违法行为', en: 'Other egregious and serious violations' },
};

export const blacklistReason = (code: BlacklistReason) => BLACKLIST_REASONS.find((r) => r.code === code) as BlacklistReasonDef;

/** The Decree's basis printed on the notice and the decision. */
export const BLACKLIST_BASIS_ZH = '《安全生产严重失信主体名单管理办法》（应急管理部令第11号）';

// ---- persons' ID numbers -------------------------------------------------------------------------

/** 18-digit resident ID number (the last may be X). */
export const ID_NUMBER_PATTERN = /^\d{17}[\dX]$/;

/**
 * A person's ID number as shown to anyone but the deciding department: the first four and the
 * last four characters, the rest starred (3213**********1234). Short or odd input is starred whole.
 */
export function maskBlacklistId(id: string | null | undefined): string | null {
  if (!id) return null;
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

// ---- candidates from events -------------------------------------------------------------------------

/** Where a candidate came from: an accident, a penalty case, an agency's report found false, or a supervisor's hand. */
export const BLACKLIST_SOURCE_TYPES = ['accident', 'case', 'report', 'manual'] as const;
export type BlacklistSourceType = (typeof BLACKLIST_SOURCE_TYPES)[number];

export type CandidateAccident = {
  id: string;
  number: string;
  enterpriseId: string | null;
  regionCode: string;
  grade: AccidentGrade;
  occurredAt: string;
  nearMiss: boolean;
  /** Recorded reporting faults (accident_faults.fault). */
  faults: readonly string[];
};

export type CandidateCase = {
  id: string;
  enterpriseId: string;
  regionCode: string;
  departmentId: string | null;
  title: string;
  facts: string;
  article: string | null;
  tier: string | null;
  status: string;
  fine: number | null;
  paid: number;
  paymentDueOn: string | null;
  /** The decision's number (处罚决定书文号), when issued. */
  decisionNumber: string | null;
  /** Whether the case's enterprise is an intermediary (its USCC is in `intermediaries`). */
  agency: boolean;
};

/** An intermediary's report the credit file recorded as false (intermediary_reports.false_found_at). */
export type CandidateAgencyReport = {
  id: string;
  intermediaryId: string;
  regionCode: string;
  title: string;
  falseFound: boolean;
};

export type ProposedCandidate = {
  reason: BlacklistReason;
  subjectType: BlacklistSubjectType;
  /** The unit (or agency kept in the enterprise directory); null for an agency known only as an intermediary. */
  enterpriseId: string | null;
  intermediaryId?: string;
  regionCode: string;
  departmentId: string | null;
  sourceType: 'accident' | 'case' | 'report';
  sourceId: string;
  /** The source as people read it (事故编号, 处罚决定书文号 or case title). */
  sourceRef: string;
  /** The facts as the notice states them (经查，你（单位）…), drawn from the source. */
  facts: string;
};

/** A case's penalty has been decided (受到行政处罚, Art. 3): the statuses from the decision on. */
export const DECIDED_CASE_STATUSES = ['decided', 'served', 'executing', 'closed'] as const;

/**
 * Operating without a licence (reason 6): no article of our penalty grid is that offence (it is
 * 安全生产许可证条例 Art. 19 and the sector rules), so the case's title or facts say it.
 */
export const UNLICENSED_PATTERN = /未(依法)?取得[^，。；]{0,16}许可|无证(生产|经营|开采|储存|运输)|(暂扣|吊销)[^，。；]{0,10}期间/;

const DAY_MS = 86_400_000;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** `iso` plus `months` calendar months (a 31st falls back to the month's last day). */
export function addMonthsIso(iso: string, months: number): string {
  const d = new Date(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString();
}

export type CandidateRules = { penaltyGraceDays: number };

/**
 * The candidates the events propose today. Pure: the server feeds the rows it can see and inserts
 * what is not yet there (one per subject + reason + source). Accidents need an enterprise on record;
 * near misses (涉险) are not accidents for this purpose.
 */
export function proposeCandidates(
  accidents: readonly CandidateAccident[],
  cases: readonly CandidateCase[],
  today: string,
  rules: CandidateRules,
  reports: readonly CandidateAgencyReport[] = [],
): ProposedCandidate[] {
  const out: ProposedCandidate[] = [];
  const real = accidents.filter((a) => a.enterpriseId && !a.nearMiss);
  for (const a of real) {
    const base = { subjectType: 'unit' as const, enterpriseId: a.enterpriseId as string, regionCode: a.regionCode, departmentId: null };
    const src = { sourceType: 'accident' as const, sourceId: a.id, sourceRef: a.number };
    const grade = a.grade === 'especiallySerious' ? '特别重大' : '重大';
    if (a.grade === 'serious' || a.grade === 'especiallySerious')
      out.push({ reason: 'majorAccident', ...base, ...src, facts: `发生${grade}生产安全事故（事故编号：${a.number}）` });
    if (a.faults.includes('concealed') || a.faults.includes('false')) {
      const what = [a.faults.includes('concealed') ? '瞒报' : '', a.faults.includes('false') ? '谎报' : ''].filter(Boolean).join('、');
      out.push({ reason: 'concealedAccident', ...base, ...src, facts: `对生产安全事故（事故编号：${a.number}）存在${what}行为` });
    }
    // Two or more 较大 accidents within 12 months: the later one completes the count and is the source.
    if (a.grade === 'major') {
      const from = addMonthsIso(a.occurredAt, -12);
      const earlier = real.filter(
        (b) =>
          b.id !== a.id && b.enterpriseId === a.enterpriseId && b.grade === 'major' && b.occurredAt >= from && b.occurredAt <= a.occurredAt,
      );
      if (earlier.length >= 1)
        out.push({
          reason: 'repeatedSeriousAccidents',
          ...base,
          ...src,
          facts: `12个月内累计发生${earlier.length + 1}起较大生产安全事故（最近一起事故编号：${a.number}）`,
        });
    }
  }
  for (const c of cases) {
    if (!(DECIDED_CASE_STATUSES as readonly string[]).includes(c.status)) continue;
    const base = { enterpriseId: c.enterpriseId, regionCode: c.regionCode, departmentId: c.departmentId };
    const src = { sourceType: 'case' as const, sourceId: c.id, sourceRef: c.decisionNumber ?? c.title };
    if (c.article === '114' && c.tier === 'aggravated')
      out.push({
        reason: 'multipleFine',
        subjectType: 'unit',
        ...base,
        ...src,
        facts: `${c.title}，依照《安全生产法》第一百一十四条被处以罚款数额2倍以上5倍以下的罚款${c.fine ? `（${c.fine}元）` : ''}`,
      });
    if (c.article === '92')
      out.push({
        reason: 'agencyFraud',
        subjectType: 'agency',
        ...base,
        ...src,
        facts: `${c.title}，依照《安全生产法》第九十二条受到行政处罚`,
      });
    if (UNLICENSED_PATTERN.test(`${c.title} ${c.facts}`))
      out.push({ reason: 'unlicensed', subjectType: c.agency ? 'agency' : 'unit', ...base, ...src, facts: `${c.title}，并受到行政处罚` });
    const owed = (c.fine ?? 0) - c.paid;
    if (
      (c.status === 'served' || c.status === 'executing') &&
      owed > 0 &&
      c.paymentDueOn !== null &&
      today > addDays(c.paymentDueOn, rules.penaltyGraceDays)
    )
      out.push({
        reason: 'penaltyNotExecuted',
        subjectType: c.agency ? 'agency' : 'unit',
        ...base,
        ...src,
        facts: `被处罚款${c.fine}元（${c.title}），缴款期限${c.paymentDueOn}届满逾${rules.penaltyGraceDays}日仍有${owed}元未缴纳`,
      });
  }
  // 出具虚假报告: a report the credit file found false lists its agency (Art. 92 cases above list it too).
  for (const r of reports) {
    if (!r.falseFound) continue;
    out.push({
      reason: 'agencyFraud',
      subjectType: 'agency',
      enterpriseId: null,
      intermediaryId: r.intermediaryId,
      regionCode: r.regionCode,
      departmentId: null,
      sourceType: 'report',
      sourceId: r.id,
      sourceRef: r.title,
      facts: `出具的《${r.title}》经核查为虚假报告`,
    });
  }
  return out;
}

// ---- input ----------------------------------------------------------------------------------------

const text = (max: number, zh: string, en: string) =>
  z
    .string(bi(`请填写${zh}`, `Give the ${en}`))
    .trim()
    .min(1, bi(`请填写${zh}`, `Give the ${en}`))
    .max(max, bi(`${zh}最多 ${max} 个字符`, `The ${en} is at most ${max} characters`));

/** A supervisor's own proposal: the subject, the reason and the penalty decision it rests on. */
export const blacklistProposalSchema = z
  .object({
    subjectType: z.enum(BLACKLIST_SUBJECT_TYPES, bi('请选择主体类型', 'Choose the kind of subject')),
    reason: z.enum(BLACKLIST_REASON_CODES, bi('请选择列入情形', 'Choose the reason')),
    enterpriseId: z.uuid(bi('请选择单位', 'Choose the unit')).optional(),
    intermediaryId: z.uuid(bi('请选择机构', 'Choose the agency')).optional(),
    personName: text(40, '姓名', 'name').optional(),
    personIdNumber: z
      .string()
      .trim()
      .toUpperCase()
      .regex(ID_NUMBER_PATTERN, bi('身份证号码应为18位', 'The ID number has 18 characters'))
      .optional(),
    personRole: z.enum(BLACKLIST_PERSON_ROLES, bi('请选择人员身份', 'Choose the role')).optional(),
    penaltyDecisionRef: text(80, '行政处罚决定书文号', 'penalty decision number'),
    facts: text(2000, '失信事实', 'facts'),
  })
  .superRefine(
    (b, ctx) => {
      if (b.subjectType === 'person') {
        if (!b.personName) ctx.addIssue({ code: 'custom', path: ['personName'], message: bi('请填写姓名', 'Give the name') });
        if (!b.personIdNumber)
          ctx.addIssue({ code: 'custom', path: ['personIdNumber'], message: bi('请填写身份证号码', 'Give the ID number') });
      }
      if (b.subjectType === 'unit' && !b.enterpriseId)
        ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: bi('请选择单位', 'Choose the unit') });
      if (b.subjectType === 'agency' && !b.enterpriseId && !b.intermediaryId)
        ctx.addIssue({ code: 'custom', path: ['intermediaryId'], message: bi('请选择机构', 'Choose the agency') });
      if (b.subjectType === 'person' && !b.enterpriseId && !b.intermediaryId)
        ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: bi('请选择其所在单位', 'Choose the unit the person belongs to') });
      const reason = BLACKLIST_REASONS.find((r) => r.code === b.reason);
      if (reason && BLACKLIST_SUBJECT_TYPES.includes(b.subjectType) && !reason.subjects.includes(b.subjectType))
        ctx.addIssue({
          code: 'custom',
          path: ['reason'],
          message: bi('该情形不适用于此类主体', 'This reason does not apply to this kind of subject'),
        });
      // Run even when another field is wrong (zod skips refinements then), so one 400 names every missing field.
    },
    { when: () => true } as never,
  );
export type BlacklistProposal = z.infer<typeof blacklistProposalSchema>;

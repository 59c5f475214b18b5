// The credit level of an enterprise or an intermediary (信用等级, issue 26): a pure rule over the
// events of its credit file. There is no national scheme for the level of a work-safety credit
// file (令第11号 regulates only the serious-discredit list), so every weight and threshold is a
// provisional setting (credit/settings.ts) and this file only applies them.
//
// The score starts at 100 and each event in the window (default the last 36 months, the length of
// a listing under 令第11号) takes points off; good records add some back:
//   penalty decided (行政处罚决定)                       − penalty each
//   accident: 一般 − accidentOrdinary, 较大 − accidentMajor; 重大/特别重大: level D whatever the score
//   hazard listed for supervision (挂牌督办)             − listedHazard each
//   hazard fix overdue (逾期未整改)                      − overdueFix each
//   safety commitment broken (违背安全承诺)              − brokenCommitment each
//   this year's commitment not signed                   − unsignedCommitment (enterprises only)
//   false report by an intermediary (虚假报告)          − falseReport each
//   standardisation grade in force: 一级/二级/三级         + standardizationLevel1/2/3
//   clean years (no penalty or accident in a year)      + cleanYear each, at most 3
// Levels: score ≥ levelA → A 守信, ≥ levelB → B 基本守信, ≥ levelC → C 失信, otherwise D 严重失信.
// Currently listed on the serious-discredit list (严重失信主体名单): D, whatever the score.
import { z } from 'zod';

export const CREDIT_LEVELS = ['A', 'B', 'C', 'D'] as const;
export type CreditLevel = (typeof CREDIT_LEVELS)[number];
export const CREDIT_LEVEL_LABELS: Record<CreditLevel, { zh: string; en: string }> = {
  A: { zh: 'A 级（守信）', en: 'A (trustworthy)' },
  B: { zh: 'B 级（基本守信）', en: 'B (mostly trustworthy)' },
  C: { zh: 'C 级（失信）', en: 'C (untrustworthy)' },
  D: { zh: 'D 级（严重失信）', en: 'D (seriously untrustworthy)' },
};

/** The counts of a subject's credit events inside the window, read by the server from their tables. */
export type CreditFacts = {
  penalties: number;
  accidentsOrdinary: number;
  accidentsMajor: number;
  /** 重大 or 特别重大 accidents. */
  accidentsSerious: number;
  listedHazards: number;
  overdueFixes: number;
  brokenCommitments: number;
  /** Only for enterprises: this year's commitment is not signed (null: not applicable). */
  commitmentUnsigned: boolean | null;
  falseReports: number;
  standardization: 'level1' | 'level2' | 'level3' | null;
  /** Whole years in the window without a penalty or an accident (0–3). */
  cleanYears: number;
  blacklisted: boolean;
};

export const EMPTY_FACTS: CreditFacts = {
  penalties: 0,
  accidentsOrdinary: 0,
  accidentsMajor: 0,
  accidentsSerious: 0,
  listedHazards: 0,
  overdueFixes: 0,
  brokenCommitments: 0,
  commitmentUnsigned: null,
  falseReports: 0,
  standardization: null,
  cleanYears: 0,
  blacklisted: false,
};

/** The weights and thresholds (settings credit.*). */
export type CreditRule = {
  penalty: number;
  accidentOrdinary: number;
  accidentMajor: number;
  listedHazard: number;
  overdueFix: number;
  brokenCommitment: number;
  unsignedCommitment: number;
  falseReport: number;
  standardizationLevel1: number;
  standardizationLevel2: number;
  standardizationLevel3: number;
  cleanYear: number;
  levelA: number;
  levelB: number;
  levelC: number;
};

export const DEFAULT_CREDIT_RULE: CreditRule = {
  penalty: 5,
  accidentOrdinary: 10,
  accidentMajor: 30,
  listedHazard: 8,
  overdueFix: 3,
  brokenCommitment: 15,
  unsignedCommitment: 5,
  falseReport: 30,
  standardizationLevel1: 10,
  standardizationLevel2: 5,
  standardizationLevel3: 2,
  cleanYear: 3,
  levelA: 90,
  levelB: 75,
  levelC: 60,
};

/** The setting key of each field of the rule. */
export const creditRuleSettingKey = (k: keyof CreditRule) => `credit.${k}` as const;
export const CREDIT_RULE_KEYS = Object.keys(DEFAULT_CREDIT_RULE) as (keyof CreditRule)[];

export const creditReasonSchema = z.object({ code: z.string(), zh: z.string(), en: z.string(), points: z.number() });
export type CreditReason = z.infer<typeof creditReasonSchema>;
export type CreditResult = { level: CreditLevel; score: number; reasons: CreditReason[] };

/** The maximum number of clean years that count. */
export const MAX_CLEAN_YEARS = 3;

/** Thresholds must fall: A > B > C. */
export function creditRuleProblem(r: CreditRule): { zh: string; en: string } | null {
  if (r.levelA > r.levelB && r.levelB > r.levelC) return null;
  return { zh: '信用等级分值阈值应满足 A > B > C', en: 'Credit level thresholds must fall: A > B > C' };
}

/** The level, score and every reason that counted, in the order of the rules above. */
export function creditLevel(f: CreditFacts, rule: CreditRule = DEFAULT_CREDIT_RULE): CreditResult {
  const r = creditRuleProblem(rule) ? DEFAULT_CREDIT_RULE : rule;
  const reasons: CreditReason[] = [];
  const minus = (code: string, n: number, each: number, zh: string, en: string) => {
    if (n > 0 && each > 0) reasons.push({ code, zh: `${zh} ${n} 项 −${n * each}`, en: `${en}: ${n}, −${n * each}`, points: -n * each });
  };
  minus('penalties', f.penalties, r.penalty, '行政处罚', 'Penalties decided');
  minus('accidentsOrdinary', f.accidentsOrdinary, r.accidentOrdinary, '一般事故', 'Ordinary accidents');
  minus('accidentsMajor', f.accidentsMajor, r.accidentMajor, '较大事故', 'Major accidents');
  minus('listedHazards', f.listedHazards, r.listedHazard, '挂牌督办隐患', 'Hazards listed for supervision');
  minus('overdueFixes', f.overdueFixes, r.overdueFix, '逾期未整改隐患', 'Overdue fixes');
  minus('brokenCommitments', f.brokenCommitments, r.brokenCommitment, '违背安全承诺', 'Broken safety commitments');
  if (f.commitmentUnsigned && r.unsignedCommitment > 0)
    reasons.push({
      code: 'commitmentUnsigned',
      zh: `本年度安全承诺未签署 −${r.unsignedCommitment}`,
      en: `This year's safety commitment not signed −${r.unsignedCommitment}`,
      points: -r.unsignedCommitment,
    });
  minus('falseReports', f.falseReports, r.falseReport, '出具虚假报告', 'False reports');
  const bonus =
    f.standardization === 'level1'
      ? r.standardizationLevel1
      : f.standardization === 'level2'
        ? r.standardizationLevel2
        : f.standardization === 'level3'
          ? r.standardizationLevel3
          : 0;
  if (f.standardization && bonus > 0) {
    const zhGrade = { level1: '一', level2: '二', level3: '三' }[f.standardization];
    reasons.push({
      code: 'standardization',
      zh: `安全生产标准化${zhGrade}级 +${bonus}`,
      en: `Standardisation ${f.standardization} +${bonus}`,
      points: bonus,
    });
  }
  const clean = Math.max(0, Math.min(MAX_CLEAN_YEARS, f.cleanYears));
  if (clean > 0 && r.cleanYear > 0)
    reasons.push({
      code: 'cleanYears',
      zh: `连续 ${clean} 年无处罚、无事故 +${clean * r.cleanYear}`,
      en: `${clean} clean years +${clean * r.cleanYear}`,
      points: clean * r.cleanYear,
    });

  const score = 100 + reasons.reduce((s, x) => s + x.points, 0);
  let level: CreditLevel = score >= r.levelA ? 'A' : score >= r.levelB ? 'B' : score >= r.levelC ? 'C' : 'D';
  if (f.accidentsSerious > 0) {
    reasons.push({
      code: 'accidentsSerious',
      zh: `重大及以上事故 ${f.accidentsSerious} 起，直接评为 D 级`,
      en: `${f.accidentsSerious} serious or especially serious accidents: level D`,
      points: 0,
    });
    level = 'D';
  }
  if (f.blacklisted) {
    reasons.push({
      code: 'blacklisted',
      zh: '列入严重失信主体名单，直接评为 D 级',
      en: 'On the serious-discredit list: level D',
      points: 0,
    });
    level = 'D';
  }
  return { level, score, reasons };
}

/** Whether a change of level is a fall (A → C, B → D …): the 工作台 shows recent falls to C or D. */
export const levelFell = (from: CreditLevel | null, to: CreditLevel) =>
  from !== null && CREDIT_LEVELS.indexOf(to) > CREDIT_LEVELS.indexOf(from);

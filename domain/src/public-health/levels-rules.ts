// Region risk levels (风险等级, issue 28): the historic rule sets of STANDARDS-NEXT §7.4 as data,
// the proposal over a region's case facts, the check of a level change (raising always allowed;
// lowering needs the rule's quiet period since the last case, or an override with a reason),
// who confirms, and the announcement text. Pure. Owner: levels.
import { type Actor, isAdmin, regionPrefix } from '../auth/roles.ts';
import type { Bilingual } from '../errors/messages.ts';

export const PH_RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type PhRiskLevel = (typeof PH_RISK_LEVELS)[number];
export const PH_RISK_LEVEL_LABELS: Record<PhRiskLevel, Bilingual> = {
  low: { zh: '低风险', en: 'Low risk' },
  medium: { zh: '中风险', en: 'Medium risk' },
  high: { zh: '高风险', en: 'High risk' },
};
const RANK: Record<PhRiskLevel, number> = { low: 0, medium: 1, high: 2 };

export type RiskRuleSet = {
  code: string;
  name: string;
  /** How the level follows from the facts: '2020' = cumulative and cluster; '2022' = time since the last case. */
  kind: '2020' | '2022';
  /** The window of "new cases" in days (2020: 14 天内; 2022: 连续 7 天无新增). */
  windowDays: number;
  /** 2020: more than this many cumulative cases (累计 >50 例) with a cluster → high. */
  cumulativeHigh: number;
  /** 2020: a cluster (聚集性疫情) = at least this many cases in the window (provisional reading). */
  clusterMinCases: number;
  /** Quiet days (no new case since the last one) needed to lower from → to. */
  quietDays: { highToMedium: number; highToLow: number; mediumToLow: number };
  source: string;
  provisional: boolean;
};

/** 2020-02 → 2022-06: 低 无确诊或连续 14 天无新增; 中 14 天内有新增且累计 ≤50, 或累计 >50 但 14 天内无聚集; 高 累计 >50 且 14 天内有聚集 (§7.4). */
export const RULES_2020: RiskRuleSet = {
  code: '2020',
  name: '2020年分区分级（县/乡镇街道）',
  kind: '2020',
  windowDays: 14,
  cumulativeHigh: 50,
  clusterMinCases: 2,
  quietDays: { highToMedium: 14, highToLow: 14, mediumToLow: 14 },
  source: 'STANDARDS-NEXT §7.4 — 国务院联防联控机制 2020-02 分区分级指导意见（文号 UNCONFIRMED）；聚集性疫情按 14 天内 2 例及以上（暂定）',
  provisional: true,
};

/** 防控方案第九版 (2022-06-27): 高 病例居住地; 连续 7 天无新增 → 中; 再连续 3 天无新增 → 低 (§7.4). */
export const RULES_2022: RiskRuleSet = {
  code: '2022',
  name: '2022年防控方案第九版',
  kind: '2022',
  windowDays: 7,
  cumulativeHigh: 0,
  clusterMinCases: 1,
  quietDays: { highToMedium: 7, highToLow: 10, mediumToLow: 10 },
  source: 'STANDARDS-NEXT §7.4 — 防控方案第九版（2022-06-27）；“第7天全员核酸阴性”不在本系统数据内，不作判断',
  provisional: false,
};

export const RISK_RULE_SETS: Record<string, RiskRuleSet> = { '2020': RULES_2020, '2022': RULES_2022 };

/** The configurable current rule set: the 2022 shape with numbers from settings. */
export function customRuleSet(s: { windowDays: number; quietToMedium: number; quietToLow: number }): RiskRuleSet {
  return {
    ...RULES_2022,
    code: 'current',
    name: '现行规则（可配置）',
    windowDays: s.windowDays,
    quietDays: { highToMedium: s.quietToMedium, highToLow: s.quietToLow, mediumToLow: s.quietToLow },
    source: '设置：公共卫生 › 风险等级（暂定，默认取 2022 年规则）',
    provisional: true,
  };
}

export function ruleSetByCode(code: string, custom: Parameters<typeof customRuleSet>[0]): RiskRuleSet {
  return RISK_RULE_SETS[code] ?? customRuleSet(custom);
}

export type RegionFacts = {
  /** All counted cases of the region (not merged, not revoked). */
  totalCases: number;
  /** Cases diagnosed within the rule set's window before now. */
  recentCases: number;
  lastCaseAt: Date | null;
};

const DAY = 86_400_000;
export const quietDaysSince = (lastCaseAt: Date | null, now: Date) =>
  lastCaseAt === null ? Number.POSITIVE_INFINITY : Math.floor((now.getTime() - lastCaseAt.getTime()) / DAY);

export type Proposal = { level: PhRiskLevel; reasons: Bilingual[] };

export function proposeLevel(rs: RiskRuleSet, f: RegionFacts, now: Date): Proposal {
  const quiet = quietDaysSince(f.lastCaseAt, now);
  if (rs.kind === '2020') {
    if (f.totalCases === 0) return { level: 'low', reasons: [{ zh: '无确诊病例', en: 'No confirmed case' }] };
    if (f.recentCases === 0)
      return {
        level: 'low',
        reasons: [{ zh: `连续${rs.windowDays}天无新增确诊病例`, en: `No new case for ${rs.windowDays} days` }],
      };
    const recent = { zh: `${rs.windowDays}天内新增${f.recentCases}例`, en: `${f.recentCases} new case(s) in ${rs.windowDays} days` };
    if (f.totalCases > rs.cumulativeHigh && f.recentCases >= rs.clusterMinCases)
      return {
        level: 'high',
        reasons: [
          { zh: `累计${f.totalCases}例，超过${rs.cumulativeHigh}例`, en: `${f.totalCases} cases in all, more than ${rs.cumulativeHigh}` },
          { zh: `${rs.windowDays}天内有聚集性疫情`, en: `A cluster within ${rs.windowDays} days` },
        ],
      };
    return {
      level: 'medium',
      reasons: [
        recent,
        f.totalCases > rs.cumulativeHigh
          ? { zh: `累计${f.totalCases}例，但${rs.windowDays}天内无聚集性疫情`, en: `${f.totalCases} cases in all but no cluster` }
          : { zh: `累计${f.totalCases}例，不超过${rs.cumulativeHigh}例`, en: `${f.totalCases} cases in all, at most ${rs.cumulativeHigh}` },
      ],
    };
  }
  if (quiet < rs.quietDays.highToMedium)
    return {
      level: 'high',
      reasons: [
        {
          zh: `${rs.windowDays}天内有新增病例（最近一例距今${quiet}天）`,
          en: `A new case within ${rs.windowDays} days (last ${quiet} days ago)`,
        },
      ],
    };
  if (quiet < rs.quietDays.highToLow)
    return {
      level: 'medium',
      reasons: [
        {
          zh: `连续${quiet}天无新增，未满${rs.quietDays.highToLow}天`,
          en: `No new case for ${quiet} days, fewer than ${rs.quietDays.highToLow}`,
        },
      ],
    };
  return {
    level: 'low',
    reasons: [
      f.lastCaseAt === null ? { zh: '无病例', en: 'No case' } : { zh: `连续${quiet}天无新增病例`, en: `No new case for ${quiet} days` },
    ],
  };
}

export const OVERRIDE_REASON_MIN = 10;

export type LevelChangeCheck = { ok: true; override: boolean } | { ok: false; status: 400 | 409; fields: Record<string, Bilingual> };

export function requiredQuietDays(rs: RiskRuleSet, from: PhRiskLevel, to: PhRiskLevel): number {
  if (RANK[to] >= RANK[from]) return 0;
  if (from === 'high') return to === 'medium' ? rs.quietDays.highToMedium : rs.quietDays.highToLow;
  return rs.quietDays.mediumToLow;
}

/** Raising is always allowed; lowering needs the quiet period since the last case, or a reasoned override. */
export function checkLevelChange(
  current: PhRiskLevel,
  target: PhRiskLevel,
  lastCaseAt: Date | null,
  now: Date,
  rs: RiskRuleSet,
  override?: { reason?: string | null } | null,
): LevelChangeCheck {
  const need = requiredQuietDays(rs, current, target);
  if (need === 0) return { ok: true, override: false };
  const quiet = quietDaysSince(lastCaseAt, now);
  if (quiet >= need) return { ok: true, override: false };
  if (!override)
    return {
      ok: false,
      status: 409,
      fields: {
        level: {
          zh: `降为${PH_RISK_LEVEL_LABELS[target].zh}需连续${need}天无新增病例，现仅${quiet}天；如确需调整，请填写理由强制调整`,
          en: `Lowering to ${PH_RISK_LEVEL_LABELS[target].en.toLowerCase()} needs ${need} days without a new case, only ${quiet} so far; give a reason to override`,
        },
      },
    };
  const reason = (override.reason ?? '').trim();
  if (reason.length < OVERRIDE_REASON_MIN)
    return {
      ok: false,
      status: 400,
      fields: {
        reason: {
          zh: `强制调整须说明理由，至少${OVERRIDE_REASON_MIN}个字`,
          en: `An override needs a reason of at least ${OVERRIDE_REASON_MIN} characters`,
        },
      },
    };
  return { ok: true, override: true };
}

export type LevelRegionKind = 'township' | 'county';
export const levelRegionKind = (code: string): LevelRegionKind | null => {
  const p = regionPrefix(code);
  return p.length === 9 ? 'township' : p.length === 6 ? 'county' : null;
};

export type LevelAction = 'view' | 'recompute' | 'confirm' | 'override';

/**
 * A township's level is confirmed by its county (countySupervisor), a county's by its city
 * (citySupervisor); the platform admin anywhere. The 疾控 reviewer may recompute (proposals only);
 * other supervisors of the region see it.
 */
export function allowedLevelActions(a: Actor, regionCode: string): LevelAction[] {
  const kind = levelRegionKind(regionCode);
  if (!kind) return [];
  if (isAdmin(a)) return ['view', 'recompute', 'confirm', 'override'];
  if (!regionCode.startsWith(a.scope.regionPrefix) || a.scope.enterpriseId !== null) return [];
  const p = a.scope.regionPrefix.length;
  const confirms =
    (a.role === 'countySupervisor' && kind === 'township' && p === 6) || (a.role === 'citySupervisor' && kind === 'county' && p === 4);
  if (confirms) return ['view', 'recompute', 'confirm', 'override'];
  if (a.role === 'cdcReviewer') return ['view', 'recompute'];
  if (['provinceSupervisor', 'citySupervisor', 'countySupervisor', 'townshipSupervisor'].includes(a.role)) return ['view'];
  return [];
}

// ---- announcement -----------------------------------------------------------------------------

const DIGITS = '〇一二三四五六七八九';
/** 1–99 in Chinese words (十, 十二, 二十, 二十五). */
export function zhNumber(n: number): string {
  if (n < 10) return DIGITS[n] ?? String(n);
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return String(n);
}

/** Beijing date and time parts of an instant. */
export function beijingParts(d: Date) {
  const b = new Date(d.getTime() + 8 * 3600_000);
  return { y: b.getUTCFullYear(), m: b.getUTCMonth() + 1, d: b.getUTCDate(), h: b.getUTCHours(), min: b.getUTCMinutes() };
}
const bjDateTime = (d: Date) => {
  const p = beijingParts(d);
  return `${p.y}年${p.m}月${p.d}日${p.h}时${p.min ? `${p.min}分` : ''}`;
};
const bjDate = (d: Date) => {
  const p = beijingParts(d);
  return `${p.y}年${p.m}月${p.d}日`;
};

export type AnnouncementChange = { regionName: string; from: PhRiskLevel; to: PhRiskLevel; quietDays?: number | null };
export type AnnouncementInput = {
  issuer: string;
  /** The area named in the title (e.g. the township, or the county when several change). */
  area: string;
  effectiveFrom: Date;
  issuedAt: Date;
  number: string;
  changes: AnnouncementChange[];
};

/** 关于调整××疫情风险等级的公告: official Chinese text, Beijing dates, no English. */
export function announcementText(a: AnnouncementInput): { title: string; body: string } {
  const title = `关于调整${a.area}疫情风险等级的公告`;
  const lines = a.changes.map((c, i) => {
    const up = RANK[c.to] > RANK[c.from];
    const why =
      !up && c.quietDays != null && Number.isFinite(c.quietDays) ? `，该地区已连续${zhNumber(Math.min(c.quietDays, 99))}天无新增病例` : '';
    return `${zhNumber(i + 1)}、${c.regionName}由${PH_RISK_LEVEL_LABELS[c.from].zh}地区${up ? '调升' : '调降'}为${PH_RISK_LEVEL_LABELS[c.to].zh}地区${why}。`;
  });
  const anyUp = a.changes.some((c) => RANK[c.to] > RANK[c.from]);
  const body = [
    `根据《中华人民共和国传染病防治法》和疫情防控有关规定，经综合研判，${a.issuer}决定自${bjDateTime(a.effectiveFrom)}起调整下列地区疫情风险等级：`,
    ...lines,
    anyUp
      ? '请上述地区居民和来往人员配合做好健康监测、个人防护等防控工作，如出现发热、咳嗽等症状及时就医。'
      : '请广大居民继续做好个人防护，共同巩固疫情防控成果。',
    '特此公告。',
    '',
    a.issuer,
    bjDate(a.issuedAt),
    // The 文号 already has its issuer in brackets (（张家港市）防控告〔2026〕1号): not bracketed twice.
    /^[（(]/.test(a.number) ? a.number : `（${a.number}）`,
  ].join('\n');
  return { title, body };
}

// 风险等级's commands and reads (issue 28): proposals computed over ph_cases by the rule set in force
// (a setting), confirmation by the responsible level with an effective time and the announcement
// (numbered 防控告, text from domain's announcementText), overrides with a reason, history, the
// board's data and the public data (no person, no case detail). Rules: domain levels-rules.ts;
// SQL: levels-store.ts; audit in the same transaction. Owner: levels.
import {
  type Actor,
  allowedLevelActions,
  announcementText,
  beijingParts,
  checkLevelChange,
  DOCUMENT_TYPES,
  isAdmin,
  OVERRIDE_REASON_MIN,
  PH_RISK_LEVELS,
  type PhRiskLevel,
  phLevelsAbilities,
  proposeLevel,
  quietDaysSince,
  type RegionFacts,
  type RiskRuleSet,
  regionPrefix,
  ruleSetByCode,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { readScoped, withScope } from '../../db/scope.ts';
import { newDocumentNumber } from '../../documents/numbers.ts';
import { renderNotice } from '../../documents/official-pdf.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { iso } from '../../time.ts';
import { effectiveSetting } from '../settings/service.ts';
import {
  caseFacts,
  closeProposals,
  currentLevels,
  type FactRow,
  findLevel,
  findProposal,
  insertLevel,
  type LevelRow,
  latestLevel,
  levelHistory,
  levelRegions,
  lockRegionLevel,
  pendingProposals,
  type RegionRow,
  regionNamed,
  upsertProposal,
} from './levels-store.ts';

const DAY = 86_400_000;

/** The rule set in force at a place (settings of its province). */
export async function ruleSetAt(q: Queryable, regionCode: string): Promise<{ rs: RiskRuleSet; diseases: string[] }> {
  const code = await effectiveSetting(q, 'phLevels.ruleSet', regionCode);
  const rs = ruleSetByCode(String(code), {
    windowDays: Number(await effectiveSetting(q, 'phLevels.windowDays', regionCode)),
    quietToMedium: Number(await effectiveSetting(q, 'phLevels.quietToMedium', regionCode)),
    quietToLow: Number(await effectiveSetting(q, 'phLevels.quietToLow', regionCode)),
  });
  const diseases = String(await effectiveSetting(q, 'phLevels.diseases', regionCode))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return { rs, diseases };
}

/** Facts of townships (their rows) and counties (the sum of their townships). */
function factsOf(rows: FactRow[], code: string): RegionFacts {
  const p = regionPrefix(code);
  let totalCases = 0;
  let recentCases = 0;
  let last: string | null = null;
  for (const r of rows)
    if (r.region_code.startsWith(p)) {
      totalCases += r.total;
      recentCases += r.recent;
      if (r.last && (!last || r.last > last)) last = r.last;
    }
  return { totalCases, recentCases, lastCaseAt: last ? new Date(last) : null };
}

const factsJson = (f: RegionFacts) => ({
  totalCases: f.totalCases,
  recentCases: f.recentCases,
  lastCaseAt: f.lastCaseAt?.toISOString() ?? null,
});

/**
 * Recomputes the proposals under a province-or-smaller prefix: the regions with counted cases, a
 * level other than low, or a pending proposal (every other region stays low). Returns the counts.
 */
export async function recomputeIn(q: Queryable, prefix: string, now: Date): Promise<{ regions: number; proposals: number }> {
  const { rs, diseases } = await ruleSetAt(q, prefix.padEnd(2, '0').slice(0, 2) === '00' ? '' : prefix);
  const windowStart = new Date(now.getTime() - rs.windowDays * DAY);
  const facts = await caseFacts(q, prefix, diseases, windowStart, now);
  const levels = await currentLevels(q, prefix, now);
  const pending = await pendingProposals(q, prefix);
  const codes = new Set<string>();
  for (const f of facts) {
    codes.add(f.region_code);
    codes.add(`${f.region_code.slice(0, 6)}000000`);
  }
  for (const l of levels) codes.add(l.region_code);
  for (const p of pending) codes.add(p.region_code);
  const regions = await levelRegions(q, prefix, [...codes]);
  const current = new Map(levels.map((l) => [l.region_code, l.level]));
  let proposals = 0;
  for (const r of regions) {
    const f = factsOf(facts, r.code);
    const cur = current.get(r.code) ?? 'low';
    const p = proposeLevel(rs, f, now);
    if (p.level === cur) {
      await closeProposals(q, r.code, null, null, now);
      continue;
    }
    if (
      (await upsertProposal(q, {
        regionCode: r.code,
        current: cur,
        proposed: p.level,
        ruleSet: rs.code,
        reasons: p.reasons,
        facts: factsJson(f),
        at: now,
      })) === 'new'
    )
      proposals++;
  }
  return { regions: regions.length, proposals };
}

/** The scheduled job: every province (as the system). */
export async function runLevelProposals(db: Db, now: Date): Promise<{ regions: number; proposals: number }> {
  const provinces = await db.query<{ p: string }>(
    `SELECT DISTINCT left(region_code, 2) AS p FROM (
       SELECT region_code FROM ph_cases WHERE diagnosed_at > $1
       UNION SELECT region_code FROM ph_region_levels WHERE level <> 'low'
       UNION SELECT region_code FROM ph_level_proposals WHERE status = 'pending') x`,
    [new Date(now.getTime() - 400 * DAY).toISOString()],
  );
  const out = { regions: 0, proposals: 0 };
  for (const { p } of provinces) {
    const r = await db.transaction((tx) => recomputeIn(tx, p, now));
    out.regions += r.regions;
    out.proposals += r.proposals;
  }
  return out;
}

export const recomputeBodySchema = z.object({
  regionCode: z
    .string()
    .regex(/^\d{12}$/, '地区代码格式不正确||Invalid region code')
    .optional(),
});

export async function recompute(db: Db, actor: Actor, body: z.output<typeof recomputeBodySchema> | undefined, now = new Date()) {
  const b = body ?? {};
  const code = b.regionCode ?? actor.scope.regionPrefix.padEnd(12, '0');
  const prefix = b.regionCode ? regionPrefix(b.regionCode) : actor.scope.regionPrefix;
  // Those who confirm (county, city) and the 疾控 reviewers recompute within their scope.
  const may =
    isAdmin(actor) || (['countySupervisor', 'citySupervisor', 'cdcReviewer'].includes(actor.role) && actor.scope.enterpriseId === null);
  if (!may || !prefix.startsWith(actor.scope.regionPrefix)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    const r = await recomputeIn(tx, prefix, now);
    await appendAudit(tx, actor, { action: 'phLevel.recompute', entityType: 'phRegionLevel', regionCode: code, after: r });
    return r;
  });
}

export const changeBodySchema = z.object({
  level: z.enum(PH_RISK_LEVELS, '请选择风险等级||Choose a level'),
  effectiveFrom: z.iso.datetime({ offset: true, message: '请填写生效时间||Give the effective time' }).optional(),
  override: z.boolean().optional(),
  reason: z.string().max(2000, '理由不超过2000字||At most 2000 characters').optional(),
  proposalId: z.uuid('编号格式不正确||Invalid id').optional(),
});
export type ChangeBody = z.output<typeof changeBodySchema>;

/** A proposal's confirmation: its level and id come from the proposal. */
export const confirmBodySchema = changeBodySchema.omit({ level: true, proposalId: true });

/** The responsible level's issuer: a township's county government, a county's city government. */
async function issuerOf(q: Queryable, region: RegionRow): Promise<string> {
  const parent = region.parent_code ? await regionNamed(q, region.parent_code) : undefined;
  return `${parent?.name ?? region.name}人民政府`;
}

/** Confirms a level (a proposal's, or a chosen one) from an effective time, with its announcement. */
export async function changeLevel(db: Db, actor: Actor, regionCode: string, b: ChangeBody, now = new Date()) {
  const actions = allowedLevelActions(actor, regionCode);
  if (!actions.includes('confirm')) throw forbidden();
  if (b.override && !actions.includes('override')) throw forbidden();
  const effectiveFrom = b.effectiveFrom ? new Date(b.effectiveFrom) : now;
  if (effectiveFrom.getTime() < now.getTime() - 10 * 60_000)
    throw invalid({ effectiveFrom: { zh: '生效时间不能早于现在', en: 'The effective time cannot be in the past' } });
  return withScope(db, actor.scope, async (tx) => {
    const region = await regionNamed(tx, regionCode);
    if (!region) throw notFound();
    const leadDays = Number(await effectiveSetting(tx, 'phLevels.maxLeadDays', regionCode));
    if (effectiveFrom.getTime() > now.getTime() + leadDays * DAY)
      throw invalid({
        effectiveFrom: { zh: `生效时间不能晚于${leadDays}天后`, en: `The effective time is at most ${leadDays} days ahead` },
      });
    await lockRegionLevel(tx, regionCode);
    const latest = await latestLevel(tx, regionCode);
    // A change already confirmed but not yet in force: the next one waits until it takes effect (at
    // most maxLeadDays), so that `current` is always the level in force now.
    if (latest && new Date(latest.effective_from).getTime() > now.getTime()) {
      const at = new Date(latest.effective_from);
      const p = beijingParts(at);
      throw new AppError(
        'conflict',
        {
          zh: `该地区已有待生效的调整（${p.y}年${p.m}月${p.d}日${p.h}时${p.min}分起），生效后再调整`,
          en: `A change of this region takes effect at ${at.toISOString()}; change it after that`,
        },
        { effectiveFrom: { zh: '已有待生效的调整', en: 'A change is already scheduled' } },
      );
    }
    // The level in force now (the latest row has taken effect).
    const current: PhRiskLevel = latest?.level ?? 'low';
    if (latest && effectiveFrom < new Date(latest.effective_from))
      throw invalid({ effectiveFrom: { zh: '生效时间不能早于上一次调整的生效时间', en: 'Not before the previous change took effect' } });
    if (b.level === current)
      throw new AppError(
        'conflict',
        { zh: `该地区已是${b.level === 'low' ? '低' : b.level === 'medium' ? '中' : '高'}风险`, en: 'The region already has that level' },
        { level: { zh: '与现行等级相同', en: 'Same as the current level' } },
      );
    const { rs, diseases } = await ruleSetAt(tx, regionCode);
    const facts = factsOf(
      await caseFacts(tx, regionPrefix(regionCode), diseases, new Date(now.getTime() - rs.windowDays * DAY), now),
      regionCode,
    );
    const check = checkLevelChange(current, b.level, facts.lastCaseAt, now, rs, b.override ? { reason: b.reason } : null);
    if (!check.ok) {
      if (check.status === 400) throw invalid(check.fields);
      throw new AppError('conflict', check.fields.level, check.fields);
    }
    if (b.proposalId) {
      const p = await findProposal(tx, b.proposalId);
      if (!p || p.region_code !== regionCode || p.status !== 'pending')
        throw new AppError('conflict', { zh: '该建议已处理或已被新的建议取代', en: 'The proposal was decided or superseded' });
    }
    const issuer = await issuerOf(tx, region);
    const { number } = await newDocumentNumber(tx, 'riskLevelNotice', regionCode, DOCUMENT_TYPES.riskLevelNotice.pattern, now);
    const { title, body: text } = announcementText({
      issuer,
      area: region.name,
      effectiveFrom,
      issuedAt: now,
      number,
      changes: [{ regionName: region.name, from: current, to: b.level, quietDays: quietDaysSince(facts.lastCaseAt, now) }],
    });
    const id = await insertLevel(tx, {
      regionCode,
      level: b.level,
      previousLevel: current,
      effectiveFrom,
      ruleSet: rs.code,
      proposalId: b.proposalId ?? null,
      confirmedBy: actor.id,
      reason: b.reason?.trim() || null,
      override: check.override,
      announcement: { number, title, text, issuer },
    });
    await closeProposals(tx, regionCode, b.level, actor.id, now);
    await appendAudit(tx, actor, {
      action: check.override ? 'phLevel.override' : 'phLevel.confirm',
      entityType: 'phRegionLevel',
      entityId: id,
      regionCode,
      before: { level: current },
      after: { level: b.level, effectiveFrom: effectiveFrom.toISOString(), ruleSet: rs.code, override: check.override, number },
    });
    return { id, number, title, text, level: b.level, effectiveFrom: effectiveFrom.toISOString(), override: check.override };
  });
}

export async function confirmProposal(
  db: Db,
  actor: Actor,
  id: string,
  body: z.output<typeof confirmBodySchema> | undefined,
  now = new Date(),
) {
  const b = body ?? {};
  const p = await readScoped(db, actor.scope, (tx) => findProposalRead(tx, id));
  if (!p) throw notFound();
  return changeLevel(db, actor, p.region_code, { ...b, level: p.proposed_level, proposalId: id }, now);
}

async function findProposalRead(q: Queryable, id: string) {
  const [r] = await q.query<{ region_code: string; proposed_level: PhRiskLevel }>(
    'SELECT region_code, proposed_level FROM ph_level_proposals WHERE id = $1',
    [id],
  );
  return r;
}

const levelView = (l: LevelRow) => ({
  id: l.id,
  regionCode: l.region_code,
  level: l.level,
  previousLevel: l.previous_level,
  effectiveFrom: l.effective_from,
  effectiveTo: l.effective_to,
  ruleSet: l.rule_set,
  confirmedBy: l.confirmed_by_name,
  reason: l.reason,
  override: l.override,
  announcement: l.announcement_number
    ? { number: l.announcement_number, title: l.announcement_title, text: l.announcement_text, issuer: l.issuer }
    : null,
});

export const boardQuerySchema = z.object({
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, '地区代码格式不正确||Invalid region code')
    .optional(),
});

/** The board: every county and township in scope with its level, the pending proposals, the rule set. */
export async function levelBoard(db: Db, actor: Actor, query: unknown, now = new Date()) {
  const q = boardQuerySchema.parse(query ?? {});
  if (!phLevelsAbilities(actor)['phLevels.view'] || actor.scope.enterpriseId !== null) throw forbidden();
  let prefix = actor.scope.regionPrefix;
  if (q.regionCode) {
    const p = regionPrefix(q.regionCode.padEnd(12, '0'));
    if (p.startsWith(prefix)) prefix = p;
  }
  return readScoped(db, actor.scope, async (tx) => {
    const { rs, diseases } = await ruleSetAt(tx, prefix);
    const [regions, levels, proposals, facts] = [
      await levelRegions(tx, prefix),
      await currentLevels(tx, prefix, now),
      await pendingProposals(tx, prefix),
      await caseFacts(tx, prefix, diseases, new Date(now.getTime() - rs.windowDays * DAY), now),
    ];
    const byCode = new Map(levels.map((l) => [l.region_code, l]));
    const names = new Map(regions.map((r) => [r.code, r.name]));
    return {
      ruleSet: {
        code: rs.code,
        name: rs.name,
        windowDays: rs.windowDays,
        quietDays: rs.quietDays,
        source: rs.source,
        provisional: rs.provisional,
      },
      overrideReasonMin: OVERRIDE_REASON_MIN,
      regions: regions.map((r) => {
        const l = byCode.get(r.code);
        const f = factsOf(facts, r.code);
        return {
          code: r.code,
          name: r.name,
          kind: r.level,
          parentCode: r.parent_code,
          level: l?.level ?? 'low',
          effectiveFrom: l?.effective_from ?? null,
          recentCases: f.recentCases,
          totalCases: f.totalCases,
          lastCaseAt: f.lastCaseAt?.toISOString() ?? null,
          allowedActions: allowedLevelActions(actor, r.code),
        };
      }),
      proposals: proposals.map((p) => ({
        id: p.id,
        regionCode: p.region_code,
        regionName: names.get(p.region_code) ?? p.region_code,
        currentLevel: p.current_level,
        proposedLevel: p.proposed_level,
        ruleSet: p.rule_set,
        reasons: p.reasons,
        facts: p.facts,
        proposedAt: p.proposed_at,
        allowedActions: allowedLevelActions(actor, p.region_code).filter((a) => a === 'confirm' || a === 'override'),
      })),
    };
  });
}

export const proposalListQuerySchema = z.object({
  /** Only those this user may confirm (the 工作台's item). */
  mine: z.enum(['1']).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
});

/** The pending proposals in scope (with `mine`, those the user may confirm): the list the 工作台 item counts. */
export async function listProposals(db: Db, actor: Actor, q: z.output<typeof proposalListQuerySchema>) {
  if (!phLevelsAbilities(actor)['phLevels.view'] || actor.scope.enterpriseId !== null) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const rows = (await pendingProposals(tx, actor.scope.regionPrefix)).filter(
      (p) => !q.mine || allowedLevelActions(actor, p.region_code).includes('confirm'),
    );
    const items = rows.map((p) => ({
      id: p.id,
      regionCode: p.region_code,
      currentLevel: p.current_level,
      proposedLevel: p.proposed_level,
      ruleSet: p.rule_set,
      reasons: p.reasons,
      proposedAt: p.proposed_at,
      allowedActions: allowedLevelActions(actor, p.region_code).filter((a) => a === 'confirm' || a === 'override'),
    }));
    return { items, total: items.length };
  });
}

export async function regionHistory(db: Db, actor: Actor, regionCode: string) {
  if (!allowedLevelActions(actor, regionCode).includes('view')) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const region = await regionNamed(tx, regionCode);
    if (!region) throw notFound();
    return { code: region.code, name: region.name, kind: region.level, history: (await levelHistory(tx, regionCode)).map(levelView) };
  });
}

export async function announcementPdf(db: Db, actor: Actor, id: string): Promise<{ pdf: Buffer; number: string; title: string }> {
  const l = await readScoped(db, actor.scope, (tx) => findLevel(tx, id));
  if (!l?.announcement_number || !allowedLevelActions(actor, l.region_code).includes('view')) throw notFound();
  return announcementPdfOf(l);
}

async function announcementPdfOf(l: LevelRow) {
  const lines = (l.announcement_text ?? '').split('\n');
  // The text ends with: blank line, issuer, date, (number) — the PDF draws its own signature.
  const end = lines.indexOf('');
  const pdf = await renderNotice({
    issuer: l.issuer ?? '',
    number: l.announcement_number ?? '',
    title: l.announcement_title ?? '',
    body: end > 0 ? lines.slice(0, end) : lines,
    signer: l.issuer ?? '',
    date: new Date(l.effective_from),
  });
  return { pdf, number: l.announcement_number ?? '', title: l.announcement_title ?? '' };
}

export const openQuerySchema = z.object({
  region: z
    .string()
    .regex(/^\d{2,12}$/, '地区代码格式不正确||Invalid region code')
    .optional(),
});

/**
 * The public data (no login): each county and township with a level row (others are low), and the
 * recent announcements. No person and no case appears here.
 */
export async function openHealthRisk(db: Db, query: unknown, now = new Date()) {
  const q = openQuerySchema.parse(query ?? {});
  const prefix = q.region ? regionPrefix(q.region.padEnd(12, '0')) : '';
  const levels = await currentLevels(db, prefix, now);
  const regions = await levelRegions(
    db,
    prefix,
    levels.map((l) => l.region_code),
  );
  const names = new Map(regions.map((r) => [r.code, r]));
  const params: unknown[] = [now.toISOString()];
  let where = '';
  if (prefix) {
    params.push(prefix, `${prefix}~`);
    where = 'AND l.region_code >= $2 AND l.region_code < $3';
  }
  const recent = await db.query<{
    id: string;
    region_code: string;
    name: string;
    level: string;
    previous_level: string | null;
    effective_from: string | Date;
    announcement_number: string;
    announcement_title: string;
    announcement_text: string;
  }>(
    `SELECT l.id, l.region_code, r.name, l.level, l.previous_level, l.effective_from, l.announcement_number, l.announcement_title, l.announcement_text
       FROM ph_region_levels l JOIN regions r ON r.code = l.region_code
      WHERE l.announcement_number IS NOT NULL AND l.effective_from <= $1::timestamptz + interval '7 days' ${where}
      ORDER BY l.effective_from DESC LIMIT 20`,
    params,
  );
  return {
    updatedAt: now.toISOString(),
    regions: levels.map((l) => ({
      code: l.region_code,
      name: names.get(l.region_code)?.name ?? l.region_code,
      kind: names.get(l.region_code)?.level ?? null,
      parentCode: names.get(l.region_code)?.parent_code ?? null,
      level: l.level,
      effectiveFrom: l.effective_from,
    })),
    announcements: recent.map((a) => ({
      id: a.id,
      regionCode: a.region_code,
      regionName: a.name,
      level: a.level,
      previousLevel: a.previous_level,
      effectiveFrom: iso(a.effective_from),
      number: a.announcement_number,
      title: a.announcement_title,
      text: a.announcement_text,
    })),
  };
}

export async function openAnnouncementPdf(db: Db, id: string) {
  const l = await findLevel(db, id);
  if (!l?.announcement_number) throw notFound();
  return announcementPdfOf(l);
}

// The 约谈 triggers a government must decide on: the domain's rules (安委〔2018〕2号, counts for the
// county as settings) over the accidents of the governments one level below it, with each
// firing's decision (summon: a draft 约谈 is opened; dismiss: with the reason). A county decides
// nothing (no level below is covered) and never reads the decisions about itself: they are stored
// in the deciding government's region.
import {
  type Actor,
  actorGovernment,
  evaluateTriggers,
  fieldMessages,
  isAdmin,
  type RecordKind,
  summonedLevelOf,
  type TriggerFiring,
  type TriggerLevel,
  triggerDecisionSchema,
  triggerRules,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { AppError, conflict, forbidden, invalid } from '../../http/errors.ts';
import { iso } from '../../time.ts';
import { effectiveSetting } from '../settings/service.ts';
import { nameOf, regionNames, requireGovernment, requireView } from './common.ts';

const NATIONAL = '000000000000';

/** The government deciding (its 12-digit code, '' prefix for the nation) and the level it summons. */
function decider(actor: Actor): { region: string; level: TriggerLevel | null } {
  const gov = actorGovernment(actor);
  if (gov) return { region: gov.region, level: summonedLevelOf(gov.level) };
  if (isAdmin(actor)) return { region: NATIONAL, level: summonedLevelOf('national') };
  return { region: '', level: null };
}

async function rulesFor(tx: Scoped, region: string) {
  // The nation reads the national values ('' is the national place).
  const settingRegion = region === NATIONAL ? '' : region;
  const [countyMajorCount, countyFatalOrdinaryCount, lookback] = await Promise.all([
    effectiveSetting(tx, 'accountability.countyMajorCount', settingRegion),
    effectiveSetting(tx, 'accountability.countyFatalOrdinaryCount', settingRegion),
    effectiveSetting(tx, 'accountability.triggerLookbackDays', settingRegion),
  ]);
  return { rules: triggerRules({ countyMajorCount, countyFatalOrdinaryCount }), lookback };
}

type AccidentRow = {
  id: string;
  number: string;
  unit_name: string;
  region_code: string;
  occurred_at: Date;
  grade: 'ordinary' | 'major' | 'serious' | 'especiallySerious';
  near_miss: boolean;
  deaths: number | null;
  concealed: boolean;
};

/** The firings for the caller (only those of its summoned level), with the accidents they count. */
async function firingsFor(tx: Scoped, actor: Actor, now: Date) {
  const d = decider(actor);
  if (!d.level)
    return { d, firings: [] as TriggerFiring[], accidents: new Map<string, AccidentRow>(), rules: [] as ReturnType<typeof triggerRules> };
  const { rules, lookback } = await rulesFor(tx, d.region);
  const levelRules = rules.filter((r) => r.level === d.level);
  // The longest window is six months: reading lookback + 190 days covers every count.
  const from = new Date(now.getTime() - (lookback + 190) * 86_400_000);
  const rows = await tx.query<AccidentRow>(
    `SELECT a.id, a.number, a.unit_name, a.region_code, a.occurred_at, a.grade, a.near_miss, a.deaths,
            EXISTS (SELECT 1 FROM accident_faults f WHERE f.accident_id = a.id AND f.fault IN ('false', 'concealed')) AS concealed
       FROM accidents a
      WHERE a.region_code >= $1 AND a.region_code < $1 || '~' AND a.occurred_at >= $2 AND a.occurred_at <= $3 AND NOT a.near_miss`,
    [tx.scope.regionPrefix, from.toISOString(), now.toISOString()],
  );
  const firings = evaluateTriggers(
    rows.map((r) => ({
      id: r.id,
      regionCode: r.region_code,
      occurredAt: iso(r.occurred_at) as string,
      grade: r.grade,
      nearMiss: r.near_miss,
      deaths: r.deaths,
      concealed: r.concealed,
    })),
    levelRules,
    now.toISOString(),
    lookback,
  ).filter((f) => f.targetRegion !== d.region);
  return { d, firings, accidents: new Map(rows.map((r) => [r.id, r])), rules: levelRules };
}

export const triggerListQuerySchema = z.object({ pending: z.enum(['true']).optional() });

type DecisionRow = {
  trigger_key: string;
  decision: 'summon' | 'dismiss';
  reason: string | null;
  record_id: string | null;
  decided_by_name: string;
  decided_at: Date;
};

async function listTriggersIn(tx: Scoped, actor: Actor, q: z.infer<typeof triggerListQuerySchema>, now: Date) {
  const { firings, accidents, rules } = await firingsFor(tx, actor, now);
  const decisions = firings.length
    ? await tx.query<DecisionRow>(
        `SELECT trigger_key, decision, reason, record_id, decided_by_name, decided_at FROM accountability_trigger_decisions
          WHERE trigger_key = ANY ($1::text[]) AND region_code >= $2 AND region_code < $2 || '~'`,
        [firings.map((f) => f.key), tx.scope.regionPrefix],
      )
    : [];
  const byKey = new Map(decisions.map((x) => [x.trigger_key, x]));
  const names = await regionNames(
    tx,
    firings.map((f) => f.targetRegion),
  );
  const ruleOf = new Map(rules.map((r) => [r.key, r]));
  const manage = !!actorGovernment(actor);
  const items = firings
    .filter((f) => !q.pending || !byKey.has(f.key))
    .map((f) => {
      const dec = byKey.get(f.key);
      const rule = ruleOf.get(f.rule);
      return {
        key: f.key,
        rule: f.rule,
        label: rule?.label ?? { zh: f.rule, en: f.rule },
        provisional: rule?.provisional ?? false,
        source: rule?.source ?? '',
        level: f.level,
        targetRegion: f.targetRegion,
        targetName: names.get(f.targetRegion) ?? f.targetRegion,
        summoned: f.summoned,
        firedAt: f.firedAt,
        accidents: f.accidentIds.map((id) => {
          const a = accidents.get(id) as AccidentRow;
          return { id, number: a.number, unitName: a.unit_name, occurredAt: iso(a.occurred_at), grade: a.grade, deaths: a.deaths };
        }),
        decision: dec
          ? {
              decision: dec.decision,
              reason: dec.reason,
              recordId: dec.record_id,
              decidedByName: dec.decided_by_name,
              decidedAt: iso(dec.decided_at),
            }
          : null,
        allowedActions: !dec && manage ? ['summon', 'dismiss'] : [],
      };
    });
  return {
    items,
    total: items.length,
    summonedLevel: decider(actor).level,
    rules: rules.map((r) => ({ key: r.key, label: r.label, provisional: r.provisional, source: r.source })),
  };
}

export function listTriggers(db: Db, actor: Actor, q: z.infer<typeof triggerListQuerySchema>, now = new Date()) {
  requireView(actor);
  return readScoped(db, actor.scope, (tx) => listTriggersIn(tx, actor, q, now));
}

/** The 工作台 count: the list's own pending total. */
export async function countPendingTriggers(tx: Scoped, actor: Actor, now = new Date()) {
  return (await listTriggersIn(tx, actor, { pending: 'true' }, now)).total;
}

export function decideTrigger(db: Db, actor: Actor, raw: unknown, now = new Date()) {
  const gov = requireGovernment(actor);
  // A county has no level below it under 安委〔2018〕2号: it decides nothing (and never about itself).
  if (!summonedLevelOf(gov.level)) throw forbidden({ zh: '县级无下级约谈情形可决定', en: 'A county decides no triggers' });
  const body = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const keyParsed = z.string().min(1).max(200).safeParse(body.key);
  const { key: _k, ...rest } = body;
  const parsed = triggerDecisionSchema.safeParse(rest);
  if (!keyParsed.success || !parsed.success) {
    throw invalid({
      ...(keyParsed.success ? {} : { key: { zh: '请选择约谈情形', en: 'Pick the trigger' } }),
      ...(parsed.success ? {} : fieldMessages(parsed.error.issues)),
    });
  }
  const key = keyParsed.data;
  const b = parsed.data;
  return withScope(db, actor.scope, async (tx) => {
    const { firings, accidents, rules } = await firingsFor(tx, actor, now);
    const f = firings.find((x) => x.key === key);
    if (!f) throw new AppError('not_found', { zh: '约谈情形不存在或已过期', en: 'No such trigger (or it is no longer current)' });
    // The key is the primary key: a concurrent second decision waits and then fails here.
    const [taken] = await tx.query('SELECT 1 FROM accountability_trigger_decisions WHERE trigger_key = $1 FOR UPDATE', [key]);
    if (taken) throw conflict({ zh: '该约谈情形已作出决定', en: 'This trigger was already decided' });
    let recordId: string | null = null;
    if (b.decision === 'summon') {
      const rule = rules.find((r) => r.key === f.rule);
      const names = await regionNames(tx, [f.targetRegion]);
      const list = f.accidentIds
        .map((id) => accidents.get(id) as AccidentRow)
        .map((a) => `${a.unit_name}（${a.number}）`)
        .join('、');
      const reason = `${names.get(f.targetRegion) ?? ''}${rule?.label.zh ?? ''}：${list}。`;
      const kind: RecordKind = 'interview';
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO accountability_records (kind, region_code, target_region_code, reason, trigger_key, rule, accident_ids, summoned, created_by, created_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8::jsonb, $9, $10) RETURNING id`,
        [
          kind,
          gov.region,
          f.targetRegion,
          b.reason ? `${reason}${b.reason}` : reason,
          key,
          f.rule,
          f.accidentIds,
          JSON.stringify([{ name: '（待定）', position: f.summoned === 'principal' ? '主要负责人' : '分管负责人' }]),
          actor.id,
          nameOf(actor),
        ],
      );
      recordId = (row as { id: string }).id;
      await appendAudit(tx, actor, {
        action: 'accountabilityRecord.create',
        entityType: 'accountabilityRecord',
        entityId: recordId,
        regionCode: gov.region,
        after: { kind, targetRegion: f.targetRegion, triggerKey: key },
      });
    }
    await tx.query(
      `INSERT INTO accountability_trigger_decisions (trigger_key, region_code, target_region_code, rule, decision, reason, record_id, decided_by, decided_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [key, gov.region, f.targetRegion, f.rule, b.decision, b.reason, recordId, actor.id, nameOf(actor)],
    );
    await appendAudit(tx, actor, {
      action: 'accountabilityTrigger.decide',
      entityType: 'accountabilityTrigger',
      entityId: null,
      regionCode: gov.region,
      after: {
        key,
        targetRegion: f.targetRegion,
        rule: f.rule,
        decision: b.decision,
        reason: b.reason,
        recordId,
        accidentIds: f.accidentIds,
      },
    });
    return { key, decision: b.decision, recordId };
  });
}

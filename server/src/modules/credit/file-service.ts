// Credit files (信用档案): one page per enterprise or intermediary gathering its penalties,
// accidents, listed hazards, overdue fixes, blacklist entries, commitments and good records, with
// the level and its history; the list of enterprises by level; commitments signed and broken.
// Every read is scoped (an enterprise reads only its own file); every change is audited in its
// transaction and recomputes the level there.
import {
  type Actor,
  BLACKLIST_STATUS_LABELS,
  type BlacklistStatus,
  type BreachInput,
  type CreditEvent,
  type CreditFile,
  type CreditLevel,
  type CreditListQuery,
  type CreditReason,
  commitmentText,
  isAdmin,
  isCreditRegulator,
  isEnterpriseUser,
  maySignCommitment,
  mayViewCredit,
  type SignCommitmentInput,
} from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { readScoped, type Scoped, scopeFilter, withScope } from '../../db/scope.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { iso, todayInShanghai } from '../../time.ts';
import {
  ENTRY_JSON,
  hasBlacklist,
  listedExpr,
  reasonLabel,
  recomputeCredit,
  recomputeCreditIn,
  recomputeIntermediaryCredit,
} from './level-store.ts';

const E_SCOPE = { region: 'e.region_code', industry: 'e.industry_code', enterpriseId: 'e.id' };
const thisYear = () => Number(todayInShanghai().slice(0, 4));
const GRADE_ZH: Record<string, string> = {
  ordinary: '一般事故',
  major: '较大事故',
  serious: '重大事故',
  especiallySerious: '特别重大事故',
};
const STD_ZH: Record<string, string> = { level1: '一级', level2: '二级', level3: '三级' };

type LevelRow = { level: CreditLevel; score: number; reasons: CreditReason[]; computed_at: Date | string } | undefined;
type ChangeRow = {
  changed_at: Date | string;
  from_level: CreditLevel | null;
  to_level: CreditLevel;
  score: number;
  cause: string;
  reasons: CreditReason[];
};

async function levelOf(tx: Scoped, subject: 'enterprise' | 'intermediary', id: string) {
  const [l] = await tx.query<NonNullable<LevelRow>>(
    'SELECT level, score, reasons, computed_at FROM credit_levels WHERE subject_type = $1 AND subject_id = $2',
    [subject, id],
  );
  const history = await tx.query<ChangeRow>(
    `SELECT changed_at, from_level, to_level, score, cause, reasons FROM credit_level_changes
      WHERE subject_type = $1 AND subject_id = $2 ORDER BY changed_at DESC, id DESC LIMIT 100`,
    [subject, id],
  );
  return {
    level: l?.level ?? null,
    score: l?.score ?? null,
    reasons: l?.reasons ?? [],
    computedAt: l ? iso(l.computed_at) : null,
    history: history.map((h) => ({
      at: iso(h.changed_at) as string,
      fromLevel: h.from_level,
      toLevel: h.to_level,
      score: h.score,
      cause: h.cause,
      reasons: h.reasons,
    })),
  };
}

/** The blacklist entries of a subject, read by the agreed columns plus whatever names the reason and decision. */
async function blacklistEvents(tx: Scoped, column: 'enterprise_id' | 'intermediary_id', id: string): Promise<CreditEvent[]> {
  if (!(await hasBlacklist(tx))) return [];
  const rows = await tx.query<{ e: Record<string, unknown> }>(
    `SELECT ${ENTRY_JSON} AS e FROM credit_blacklist_entries b WHERE b.${column} = $1 AND b.subject_type <> 'person' ORDER BY b.listed_at DESC NULLS LAST LIMIT 50`,
    [id],
  );
  return rows.map(({ e }) => {
    const s = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : null);
    const listed = s('status') === 'listed' && !!s('expires_at') && new Date(s('expires_at') as string) > new Date();
    const reason = reasonLabel(s('reason'));
    const number = s('decision_number') ?? s('decision_doc_no') ?? s('penalty_decision_ref');
    return {
      kind: 'blacklist' as const,
      at: s('listed_at') ?? s('created_at') ?? new Date().toISOString(),
      // The status in words (the file is read by people, never a code).
      title: listed ? '列入严重失信主体名单（在列）' : `严重失信主体名单（${statusWords(s('status'), s('expires_at'))}）`,
      detail:
        [reason, number ? `决定书 ${number}` : null, s('expires_at') ? `至 ${s('expires_at')?.slice(0, 10)}` : null]
          .filter(Boolean)
          .join('；') || null,
      link: null,
    };
  });
}

/** A list entry's status as a person reads it; a listing past its term is 期满移出 even before the hourly job. */
function statusWords(status: string | null, expiresAt: string | null): string {
  if (status === 'listed' && expiresAt && new Date(expiresAt) <= new Date()) return BLACKLIST_STATUS_LABELS.expired.zh;
  return status && Object.hasOwn(BLACKLIST_STATUS_LABELS, status) ? BLACKLIST_STATUS_LABELS[status as BlacklistStatus].zh : '—';
}

type EnterpriseHead = {
  id: string;
  name: string;
  credit_code: string;
  region_code: string;
  standardization_grade: string | null;
  valid_until: string | null;
  listed: boolean;
};

/** One enterprise's credit file; 404 outside the caller's scope (an enterprise: any other). */
export async function enterpriseFile(db: Db, actor: Actor, enterpriseId: string): Promise<CreditFile> {
  if (!mayViewCredit(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [enterpriseId];
    const [e] = await tx.query<EnterpriseHead>(
      `SELECT e.id, e.name, e.credit_code, e.region_code, e.standardization_grade,
              to_char(e.standardization_valid_until, 'YYYY-MM-DD') AS valid_until, ${await listedExpr(tx, 'e.id')} AS listed
         FROM enterprises e WHERE e.id = $1 AND ${scopeFilter(tx.scope, params, E_SCOPE)}`,
      params,
    );
    if (!e) throw notFound();
    const events: CreditEvent[] = [];
    const cases = await tx.query<{ id: string; title: string; decided_at: Date; fine_yuan: string | null; article: string | null }>(
      `SELECT id, title, decided_at, fine_yuan, article FROM enforcement_cases
        WHERE enterprise_id = $1 AND decided_at IS NOT NULL AND status <> 'dropped' ORDER BY decided_at DESC LIMIT 50`,
      [enterpriseId],
    );
    for (const c of cases)
      events.push({
        kind: 'penalty',
        at: iso(c.decided_at) as string,
        title: `行政处罚：${c.title}`,
        detail:
          [c.article ? `安全生产法第${c.article}条` : null, c.fine_yuan ? `罚款 ${Number(c.fine_yuan)} 元` : null]
            .filter(Boolean)
            .join('；') || null,
        link: `/enforcement/cases/${c.id}`,
      });
    const accidents = await tx.query<{
      id: string;
      number: string;
      grade: string;
      occurred_at: Date;
      deaths: number | null;
      type: string | null;
    }>(
      `SELECT id, number, grade, occurred_at, deaths, type FROM accidents WHERE enterprise_id = $1 AND NOT near_miss ORDER BY occurred_at DESC LIMIT 50`,
      [enterpriseId],
    );
    for (const a of accidents)
      events.push({
        kind: 'accident',
        at: iso(a.occurred_at) as string,
        title: `${GRADE_ZH[a.grade] ?? a.grade} ${a.number}`,
        detail: a.deaths !== null ? `死亡 ${a.deaths} 人` : null,
        link: `/accidents/${a.id}`,
      });
    const hazards = await tx.query<{
      id: string;
      description: string;
      listed_at: Date | null;
      overdue: boolean;
      deadline: string | null;
      status: string;
      created_at: Date;
    }>(
      `SELECT id, description, listed_at, overdue, to_char(deadline, 'YYYY-MM-DD') AS deadline, status, created_at FROM hazards
        WHERE enterprise_id = $1 AND (listed_at IS NOT NULL OR overdue) AND status <> 'cancelled' ORDER BY created_at DESC LIMIT 50`,
      [enterpriseId],
    );
    for (const h of hazards) {
      if (h.listed_at)
        events.push({
          kind: 'listedHazard',
          at: iso(h.listed_at) as string,
          title: `挂牌督办：${h.description}`,
          detail: null,
          link: `/hazards/${h.id}`,
        });
      if (h.overdue)
        events.push({
          kind: 'overdueFix',
          at: h.deadline ?? (iso(h.created_at) as string),
          title: `逾期未整改：${h.description}`,
          detail: h.status === 'closed' ? '已整改销号' : '尚未整改完毕',
          link: `/hazards/${h.id}`,
        });
    }
    events.push(...(await blacklistEvents(tx, 'enterprise_id', enterpriseId)));
    const commitments = await tx.query<{ year: number; signer: string; signed_at: Date }>(
      'SELECT year, signer, signed_at FROM safety_commitments WHERE enterprise_id = $1 ORDER BY year DESC',
      [enterpriseId],
    );
    for (const c of commitments)
      events.push({
        kind: 'commitment',
        at: iso(c.signed_at) as string,
        title: `签署 ${c.year} 年度安全承诺`,
        detail: `承诺人：${c.signer}`,
        link: null,
      });
    const breaches = await tx.query<{ year: number; reason: string; occurred_on: string }>(
      "SELECT year, reason, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on FROM commitment_breaches WHERE enterprise_id = $1 ORDER BY occurred_on DESC",
      [enterpriseId],
    );
    for (const b of breaches)
      events.push({ kind: 'brokenCommitment', at: b.occurred_on, title: `违背 ${b.year} 年度安全承诺`, detail: b.reason, link: null });
    if (e.standardization_grade && e.valid_until && e.valid_until >= todayInShanghai())
      events.push({
        kind: 'goodRecord',
        at: e.valid_until,
        title: `安全生产标准化${STD_ZH[e.standardization_grade] ?? ''}企业`,
        detail: `有效期至 ${e.valid_until}`,
        link: null,
      });
    events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    const level = await levelOf(tx, 'enterprise', enterpriseId);
    const signed = commitments.some((c) => c.year === thisYear());
    const allowed: CreditFile['allowedActions'] = [];
    if (isAdmin(actor) || isCreditRegulator(actor)) allowed.push('recompute', 'breach');
    if (maySignCommitment(actor) && !signed) allowed.push('sign');
    return {
      subject: 'enterprise',
      id: e.id,
      name: e.name,
      uscc: e.credit_code,
      regionCode: e.region_code,
      ...level,
      listed: e.listed,
      events,
      commitmentSigned: signed,
      allowedActions: allowed,
    };
  });
}

/** One intermediary's credit file: its reports (false ones marked) and blacklist entries. */
export async function intermediaryFile(db: Db, actor: Actor, id: string): Promise<CreditFile> {
  if (!mayViewCredit(actor) || isEnterpriseUser(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [id];
    const [i] = await tx.query<{ id: string; name: string; uscc: string; region_code: string; listed: boolean }>(
      `SELECT i.id, i.name, i.uscc, i.region_code, ${await listedExpr(tx, 'i.id', 'intermediary')} AS listed
         FROM intermediaries i WHERE i.id = $1 AND i.deleted_at IS NULL AND ${scopeFilter(tx.scope, params, { region: 'i.region_code' })}`,
      params,
    );
    if (!i) throw notFound();
    const reports = await tx.query<{
      title: string;
      enterprise_name: string;
      report_date: string;
      false_found_at: Date | null;
      false_reason: string | null;
    }>(
      `SELECT title, enterprise_name, to_char(report_date, 'YYYY-MM-DD') AS report_date, false_found_at, false_reason
         FROM intermediary_reports WHERE intermediary_id = $1 ORDER BY report_date DESC LIMIT 100`,
      [id],
    );
    const events: CreditEvent[] = [];
    for (const r of reports) {
      events.push({
        kind: 'report',
        at: r.report_date,
        title: `出具报告：${r.title}`,
        detail: `委托单位：${r.enterprise_name}`,
        link: null,
      });
      if (r.false_found_at)
        events.push({
          kind: 'falseReport',
          at: iso(r.false_found_at) as string,
          title: `认定虚假报告：${r.title}`,
          detail: r.false_reason,
          link: null,
        });
    }
    events.push(...(await blacklistEvents(tx, 'intermediary_id', id)));
    events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    return {
      subject: 'intermediary',
      id: i.id,
      name: i.name,
      uscc: i.uscc,
      regionCode: i.region_code,
      ...(await levelOf(tx, 'intermediary', id)),
      listed: i.listed,
      events,
      commitmentSigned: null,
      allowedActions: isAdmin(actor) || isCreditRegulator(actor) ? ['recompute'] : [],
    };
  });
}

/** The WHERE of the list by level (shared with the 工作台's counts). $1 = this year. */
async function listWhere(tx: Scoped, q: Omit<CreditListQuery, 'page' | 'pageSize'>, params: unknown[]) {
  const where = [scopeFilter(tx.scope, params, E_SCOPE)];
  if (q.level) {
    params.push(q.level);
    where.push(`l.level = $${params.length}`);
  }
  if (q.q) {
    params.push(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(e.name ILIKE $${params.length} OR e.credit_code ILIKE $${params.length})`);
  }
  const listed = await listedExpr(tx, 'e.id');
  if (q.listed) where.push(q.listed === 'true' ? listed : `NOT ${listed}`);
  if (q.fellWithinDays) {
    params.push(q.fellWithinDays);
    where.push(`EXISTS (SELECT 1 FROM credit_level_changes ch WHERE ch.subject_type = 'enterprise' AND ch.subject_id = e.id
      AND ch.to_level IN ('C', 'D') AND ch.from_level IS DISTINCT FROM ch.to_level AND ch.from_level IS NOT NULL
      AND (ch.from_level < ch.to_level) AND ch.changed_at > now() - make_interval(days => $${params.length}::int))`);
  }
  if (q.unsigned) where.push('NOT EXISTS (SELECT 1 FROM safety_commitments c WHERE c.enterprise_id = e.id AND c.year = $1)');
  return { where: where.join(' AND '), listed };
}

const LIST_FROM = "enterprises e LEFT JOIN credit_levels l ON l.subject_type = 'enterprise' AND l.subject_id = e.id";

export async function countCredit(tx: Scoped, q: Omit<CreditListQuery, 'page' | 'pageSize'>): Promise<number> {
  const params: unknown[] = [thisYear()];
  const { where } = await listWhere(tx, q, params);
  const [n] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${LIST_FROM} WHERE ${where} AND $1::int IS NOT NULL`, params);
  return n?.n ?? 0;
}

/** Enterprises of the jurisdiction with their level, most serious first; counts by level. */
export async function listCredit(db: Db, actor: Actor, q: CreditListQuery) {
  // An enterprise account's scope is its own unit: its list has its own row at most.
  if (!mayViewCredit(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [thisYear()];
    const { where, listed } = await listWhere(tx, q, params);
    const total = await countCredit(tx, q);
    const pageParams = [...params, q.pageSize, (q.page - 1) * q.pageSize];
    const rows = await tx.query<{
      id: string;
      name: string;
      credit_code: string;
      region_code: string;
      level: CreditLevel | null;
      score: number | null;
      listed: boolean;
      signed: boolean;
      changed_at: Date | null;
    }>(
      `SELECT e.id, e.name, e.credit_code, e.region_code, l.level, l.score, ${listed} AS listed,
              EXISTS (SELECT 1 FROM safety_commitments c WHERE c.enterprise_id = e.id AND c.year = $1) AS signed, l.changed_at
         FROM ${LIST_FROM} WHERE ${where}
        ORDER BY l.level DESC NULLS LAST, l.score NULLS LAST, e.name, e.id LIMIT $${pageParams.length - 1} OFFSET $${pageParams.length}`,
      pageParams,
    );
    const scopeParams: unknown[] = [];
    const counts = await tx.query<{ level: CreditLevel | null; n: number }>(
      `SELECT l.level, count(*)::int AS n FROM ${LIST_FROM} WHERE ${scopeFilter(tx.scope, scopeParams, E_SCOPE)} GROUP BY l.level`,
      scopeParams,
    );
    const byLevel = { A: 0, B: 0, C: 0, D: 0, none: 0 };
    for (const c of counts) byLevel[c.level ?? 'none'] = c.n;
    return {
      total,
      counts: byLevel,
      items: rows.map((r) => ({
        enterpriseId: r.id,
        name: r.name,
        uscc: r.credit_code,
        regionCode: r.region_code,
        level: r.level,
        score: r.score,
        listed: r.listed,
        commitmentSigned: r.signed,
        changedAt: iso(r.changed_at),
      })),
    };
  });
}

/** A regulator recomputes one file or the jurisdiction's; audited once with the counts. */
export async function recomputeCommand(
  db: Db,
  actor: Actor,
  target: { enterpriseId?: string | undefined; intermediaryId?: string | undefined },
) {
  if (!isAdmin(actor) && !isCreditRegulator(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    let result: Awaited<ReturnType<typeof recomputeCredit>>;
    const cause = '监管部门重新计算';
    if (target.enterpriseId) {
      const params: unknown[] = [target.enterpriseId];
      const [e] = await tx.query(`SELECT 1 FROM enterprises e WHERE e.id = $1 AND ${scopeFilter(tx.scope, params, E_SCOPE)}`, params);
      if (!e) throw notFound();
      result = await recomputeCredit(tx, target.enterpriseId, cause);
    } else if (target.intermediaryId) {
      const params: unknown[] = [target.intermediaryId];
      const [i] = await tx.query(
        `SELECT 1 FROM intermediaries i WHERE i.id = $1 AND ${scopeFilter(tx.scope, params, { region: 'i.region_code' })}`,
        params,
      );
      if (!i) throw notFound();
      result = await recomputeIntermediaryCredit(tx, target.intermediaryId, cause);
    } else result = await recomputeCreditIn(tx, cause);
    await appendAudit(tx, actor, {
      action: 'credit.recompute',
      entityType: 'creditFile',
      entityId: target.enterpriseId ?? target.intermediaryId ?? `scope:${actor.scope.regionPrefix || '00'}`,
      regionCode: actor.scope.regionPrefix ? actor.scope.regionPrefix.padEnd(12, '0') : null,
      after: result,
    });
    return result;
  });
}

// ---- commitments -------------------------------------------------------------------------------

type CommitmentRow = {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  year: number;
  signer: string;
  signer_title: string | null;
  signed_at: Date;
  text: string;
};

/** The commitments of one enterprise (its own, or one in the regulator's scope), with their breaches. */
export async function listCommitments(db: Db, actor: Actor, enterpriseId: string | undefined) {
  if (!mayViewCredit(actor)) throw forbidden();
  const id = isEnterpriseUser(actor) ? actor.scope.enterpriseId : enterpriseId;
  if (!id) throw invalid({ enterpriseId: { zh: '请指定企业', en: 'Choose the enterprise' } });
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [id];
    const [e] = await tx.query<{ name: string }>(
      `SELECT e.name FROM enterprises e WHERE e.id = $1 AND ${scopeFilter(tx.scope, params, E_SCOPE)}`,
      params,
    );
    if (!e) throw notFound();
    const rows = await tx.query<CommitmentRow>(
      `SELECT c.id, c.enterprise_id, $2::text AS enterprise_name, c.year, c.signer, c.signer_title, c.signed_at, c.text
         FROM safety_commitments c WHERE c.enterprise_id = $1 ORDER BY c.year DESC`,
      [id, e.name],
    );
    const breaches = await tx.query<{
      id: string;
      year: number;
      reason: string;
      occurred_on: string;
      recorded_by_name: string | null;
      recorded_at: Date;
    }>(
      `SELECT b.id, b.year, b.reason, to_char(b.occurred_on, 'YYYY-MM-DD') AS occurred_on, u.display_name AS recorded_by_name, b.recorded_at
         FROM commitment_breaches b LEFT JOIN users u ON u.id = b.recorded_by WHERE b.enterprise_id = $1 ORDER BY b.occurred_on DESC`,
      [id],
    );
    const year = thisYear();
    return {
      enterpriseId: id,
      enterpriseName: e.name,
      year,
      signedThisYear: rows.some((r) => r.year === year),
      template: commitmentText(year, e.name, '（承诺人）'),
      items: rows.map((r) => ({
        id: r.id,
        enterpriseId: r.enterprise_id,
        enterpriseName: r.enterprise_name,
        year: r.year,
        signer: r.signer,
        signerTitle: r.signer_title,
        signedAt: iso(r.signed_at) as string,
        text: r.text,
        breaches: breaches
          .filter((b) => b.year === r.year)
          .map((b) => ({
            id: b.id,
            reason: b.reason,
            occurredOn: b.occurred_on,
            recordedByName: b.recorded_by_name,
            recordedAt: iso(b.recorded_at) as string,
          })),
      })),
      unattachedBreaches: breaches
        .filter((b) => !rows.some((r) => r.year === b.year))
        .map((b) => ({ id: b.id, year: b.year, reason: b.reason, occurredOn: b.occurred_on })),
    };
  });
}

/** Signs the year's commitment: the enterprise's administrator for itself, or a regulator for one in scope (paper). */
export async function signCommitment(db: Db, actor: Actor, input: SignCommitmentInput) {
  if (!maySignCommitment(actor)) throw forbidden();
  const enterpriseId = isEnterpriseUser(actor) ? actor.scope.enterpriseId : input.enterpriseId;
  if (!enterpriseId) throw invalid({ enterpriseId: { zh: '请选择企业', en: 'Choose the enterprise' } });
  // A commitment is for this year or the next (signed in December for the coming year), never for a past one.
  const year = thisYear();
  if (input.year < year || input.year > year + 1)
    throw invalid({ year: { zh: `只能签署 ${year} 或 ${year + 1} 年度的承诺`, en: `Only ${year} or ${year + 1} may be signed` } });
  return withScope(db, actor.scope, async (tx) => {
    const params: unknown[] = [enterpriseId];
    const [e] = await tx.query<{ name: string; region_code: string; industry_code: string }>(
      `SELECT e.name, e.region_code, e.industry_code FROM enterprises e WHERE e.id = $1 AND ${scopeFilter(tx.scope, params, E_SCOPE)} FOR UPDATE OF e`,
      params,
    );
    if (!e) throw notFound();
    const text = commitmentText(input.year, e.name, input.signer);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO safety_commitments (enterprise_id, region_code, industry_code, year, signer, signer_title, text, signed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (enterprise_id, year) DO NOTHING RETURNING id`,
      [enterpriseId, e.region_code, e.industry_code, input.year, input.signer, input.signerTitle ?? null, text, actor.id],
    );
    if (!row)
      throw new AppError('conflict', { zh: `${input.year} 年度安全承诺已签署`, en: `The ${input.year} commitment is already signed` });
    await appendAudit(tx, actor, {
      action: 'credit.commitmentSign',
      entityType: 'safetyCommitment',
      entityId: row.id,
      regionCode: e.region_code,
      after: { enterpriseId, year: input.year, signer: input.signer },
    });
    await recomputeCredit(tx, enterpriseId, `签署 ${input.year} 年度安全承诺`);
    return { id: row.id, year: input.year, text };
  });
}

/** A regulator records a broken commitment with the facts: an event that lowers the level. */
export async function recordBreach(db: Db, actor: Actor, input: BreachInput) {
  if (!isCreditRegulator(actor)) throw forbidden();
  if (input.occurredOn > todayInShanghai()) throw invalid({ occurredOn: { zh: '日期不能晚于今天', en: 'Not after today' } });
  return withScope(db, actor.scope, async (tx) => {
    const params: unknown[] = [input.enterpriseId];
    const [e] = await tx.query<{ region_code: string; industry_code: string }>(
      `SELECT e.region_code, e.industry_code FROM enterprises e WHERE e.id = $1 AND ${scopeFilter(tx.scope, params, E_SCOPE)} FOR UPDATE OF e`,
      params,
    );
    if (!e) throw notFound();
    const [c] = await tx.query<{ id: string }>('SELECT id FROM safety_commitments WHERE enterprise_id = $1 AND year = $2', [
      input.enterpriseId,
      input.year,
    ]);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO commitment_breaches (enterprise_id, region_code, industry_code, year, commitment_id, reason, occurred_on, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [input.enterpriseId, e.region_code, e.industry_code, input.year, c?.id ?? null, input.reason, input.occurredOn, actor.id],
    );
    await appendAudit(tx, actor, {
      action: 'credit.commitmentBreach',
      entityType: 'safetyCommitment',
      entityId: row?.id ?? null,
      regionCode: e.region_code,
      after: { enterpriseId: input.enterpriseId, year: input.year, reason: input.reason, occurredOn: input.occurredOn },
    });
    const level = await recomputeCredit(tx, input.enterpriseId, `违背 ${input.year} 年度安全承诺`);
    return { id: row?.id, ...level };
  });
}

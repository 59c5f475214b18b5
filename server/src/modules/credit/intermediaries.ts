// Intermediaries (中介机构): the directory of 安全评价、检测检验、认证 agencies in the regulator's
// scope (CRUD, deletion keeps the row for the records that name it), their reports (published
// ones on a public page), and a report found false (虚假报告), which lowers the agency's level.
import {
  type Actor,
  type falseReportSchema,
  type Intermediary,
  type IntermediaryAction,
  type IntermediaryInput,
  type IntermediaryReport,
  type IntermediaryReportInput,
  isEnterpriseUser,
  mayManageIntermediaries,
  mayViewCredit,
} from '@taishan/domain';
import type { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, scopeFilter, withScope } from '../../db/scope.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { dateOnly, iso } from '../../time.ts';
import { hasBlacklist, listedExpr, listedSql, recomputeIntermediaryCredit } from './level-store.ts';

const I_SCOPE = { region: 'i.region_code' };

type Row = {
  id: string;
  name: string;
  uscc: string;
  kind: Intermediary['kind'];
  region_code: string;
  region_name: string | null;
  qualification_number: string | null;
  qualification_valid_until: string | null;
  address: string | null;
  staff: { name: string; qualificationNumber: string }[];
  level: Intermediary['level'];
  listed: boolean;
  version: number;
  created_at: Date;
};

const actionsOf = (actor: Actor): IntermediaryAction[] => (mayManageIntermediaries(actor) ? ['edit', 'delete', 'addReport'] : []);

const toIntermediary = (r: Row, actor: Actor): Intermediary => ({
  id: r.id,
  name: r.name,
  uscc: r.uscc,
  kind: r.kind,
  regionCode: r.region_code,
  regionName: r.region_name,
  qualificationNumber: r.qualification_number,
  qualificationValidUntil: r.qualification_valid_until,
  address: r.address,
  staff: r.staff,
  level: r.level,
  listed: r.listed,
  version: r.version,
  createdAt: iso(r.created_at) as string,
  allowedActions: actionsOf(actor),
});

async function select(tx: Scoped, where: string, params: unknown[], tail = '') {
  return tx.query<Row>(
    `SELECT i.id, i.name, i.uscc, i.kind, i.region_code, rg.name AS region_name, i.qualification_number,
            to_char(i.qualification_valid_until, 'YYYY-MM-DD') AS qualification_valid_until, i.address, i.staff,
            l.level, ${await listedExpr(tx, 'i.id', 'intermediary')} AS listed, i.version, i.created_at
       FROM intermediaries i LEFT JOIN regions rg ON rg.code = i.region_code
       LEFT JOIN credit_levels l ON l.subject_type = 'intermediary' AND l.subject_id = i.id
      WHERE i.deleted_at IS NULL AND ${scopeFilter(tx.scope, params, I_SCOPE)} AND ${where} ${tail}`,
    params,
  );
}

const find = async (tx: Scoped, id: string, forUpdate = false) =>
  (await select(tx, `i.id = $1`, [id], forUpdate ? 'FOR UPDATE OF i' : ''))[0];

const mayView = (actor: Actor) => mayViewCredit(actor) && !isEnterpriseUser(actor);

export async function listIntermediaries(
  db: Db,
  actor: Actor,
  q: { q?: string | undefined; kind?: string | undefined; page: number; pageSize: number },
) {
  if (!mayView(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [];
    const where = ['true'];
    if (q.q) {
      params.push(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(i.name ILIKE $${params.length} OR i.uscc ILIKE $${params.length})`);
    }
    if (q.kind) {
      params.push(q.kind);
      where.push(`i.kind = $${params.length}`);
    }
    const countParams = [...params];
    const [n] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM intermediaries i WHERE i.deleted_at IS NULL AND ${where.join(' AND ')} AND ${scopeFilter(tx.scope, countParams, I_SCOPE)}`,
      countParams,
    );
    const pageParams = [...params];
    const rows = await select(
      tx,
      where.join(' AND '),
      pageParams,
      `ORDER BY i.name, i.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    );
    return {
      total: n?.n ?? 0,
      items: rows.map((r) => toIntermediary(r, actor)),
      allowedActions: mayManageIntermediaries(actor) ? ['create'] : [],
    };
  });
}

export async function getIntermediary(db: Db, actor: Actor, id: string) {
  if (!mayView(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const r = await find(tx, id);
    if (!r) throw notFound();
    return { ...toIntermediary(r, actor), reports: await reportsOf(tx, 'r.intermediary_id = $1', [id]) };
  });
}

/** The region must be inside the caller's scope: a county registers agencies of its own county. */
function regionInScope(actor: Actor, regionCode: string) {
  if (!regionCode.startsWith(actor.scope.regionPrefix))
    throw invalid({ regionCode: { zh: '所在地不在本辖区内', en: 'The region is outside your jurisdiction' } });
}

const uniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';
const duplicate = () => invalid({ uscc: { zh: '该统一社会信用代码已登记', en: 'This credit code is already registered' } });

export async function createIntermediary(db: Db, actor: Actor, input: IntermediaryInput) {
  if (!mayManageIntermediaries(actor)) throw forbidden();
  regionInScope(actor, input.regionCode);
  try {
    return await withScope(db, actor.scope, async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO intermediaries (name, uscc, kind, region_code, qualification_number, qualification_valid_until, address, staff)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) RETURNING id`,
        [
          input.name,
          input.uscc,
          input.kind,
          input.regionCode,
          input.qualificationNumber,
          input.qualificationValidUntil ?? null,
          input.address ?? null,
          JSON.stringify(input.staff),
        ],
      );
      const id = row?.id as string;
      await appendAudit(tx, actor, {
        action: 'credit.intermediaryCreate',
        entityType: 'intermediary',
        entityId: id,
        regionCode: input.regionCode,
        after: input,
      });
      await recomputeIntermediaryCredit(tx, id, '登记');
      return toIntermediary((await find(tx, id)) as Row, actor);
    });
  } catch (e) {
    if (uniqueViolation(e)) throw duplicate();
    throw e;
  }
}

export async function updateIntermediary(db: Db, actor: Actor, id: string, input: IntermediaryInput) {
  regionInScope(actor, input.regionCode);
  try {
    return await withScope(db, actor.scope, async (tx) => {
      const before = await lockForCommand(tx, id, {
        find: (t, i) => find(t, i, true),
        may: () => mayManageIntermediaries(actor),
        ...(input.version !== undefined ? { version: input.version, versionOf: (r: Row) => r.version } : {}),
      });
      await tx.query(
        `UPDATE intermediaries SET name = $2, uscc = $3, kind = $4, region_code = $5, qualification_number = $6,
           qualification_valid_until = $7, address = $8, staff = $9::jsonb, version = version + 1, updated_at = now() WHERE id = $1`,
        [
          id,
          input.name,
          input.uscc,
          input.kind,
          input.regionCode,
          input.qualificationNumber,
          input.qualificationValidUntil ?? null,
          input.address ?? null,
          JSON.stringify(input.staff),
        ],
      );
      await tx.query("UPDATE credit_levels SET region_code = $2 WHERE subject_type = 'intermediary' AND subject_id = $1", [
        id,
        input.regionCode,
      ]);
      await appendAudit(tx, actor, {
        action: 'credit.intermediaryUpdate',
        entityType: 'intermediary',
        entityId: id,
        regionCode: input.regionCode,
        before: { ...toIntermediary(before, actor), allowedActions: undefined },
        after: input,
      });
      return toIntermediary((await find(tx, id)) as Row, actor);
    });
  } catch (e) {
    if (uniqueViolation(e)) throw duplicate();
    throw e;
  }
}

export async function deleteIntermediary(db: Db, actor: Actor, id: string) {
  return withScope(db, actor.scope, async (tx) => {
    const before = await lockForCommand(tx, id, { find: (t, i) => find(t, i, true), may: () => mayManageIntermediaries(actor) });
    // An agency on the list stays in the directory until its term ends: deleting it would hide the
    // listing from its credit file and the joint-sanction checks (令第11号, 联合惩戒).
    if ((await hasBlacklist(tx)) && (await tx.query(`SELECT 1 WHERE ${listedSql('$1::uuid', 'intermediary')}`, [id])).length)
      throw conflict({
        zh: '该机构在严重失信主体名单内，期满或移出前不能删除',
        en: 'The agency is on the serious-discredit list and cannot be deleted until it is removed',
      });
    await tx.query('UPDATE intermediaries SET deleted_at = now(), version = version + 1 WHERE id = $1', [id]);
    await appendAudit(tx, actor, {
      action: 'credit.intermediaryDelete',
      entityType: 'intermediary',
      entityId: id,
      regionCode: before.region_code,
      before: { name: before.name, uscc: before.uscc },
    });
    return { id };
  });
}

// ---- reports -----------------------------------------------------------------------------------

type ReportRow = {
  id: string;
  intermediary_id: string;
  intermediary_name: string;
  enterprise_id: string | null;
  enterprise_name: string;
  title: string;
  report_date: string;
  conclusion: IntermediaryReport['conclusion'];
  summary: string | null;
  published_at: Date | null;
  false_found_at: Date | null;
  false_reason: string | null;
};

const REPORT_SELECT = `SELECT r.id, r.intermediary_id, i.name AS intermediary_name, r.enterprise_id, r.enterprise_name, r.title,
  to_char(r.report_date, 'YYYY-MM-DD') AS report_date, r.conclusion, r.summary, r.published_at, r.false_found_at, r.false_reason
  FROM intermediary_reports r JOIN intermediaries i ON i.id = r.intermediary_id`;

const toReport = (r: ReportRow): IntermediaryReport => ({
  id: r.id,
  intermediaryId: r.intermediary_id,
  intermediaryName: r.intermediary_name,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  title: r.title,
  reportDate: r.report_date,
  conclusion: r.conclusion,
  summary: r.summary,
  published: r.published_at !== null,
  falseFoundAt: iso(r.false_found_at),
  falseReason: r.false_reason,
});

async function reportsOf(tx: Scoped, where: string, params: unknown[]) {
  return (await tx.query<ReportRow>(`${REPORT_SELECT} WHERE ${where} ORDER BY r.report_date DESC, r.id LIMIT 200`, params)).map(toReport);
}

export async function addReport(db: Db, actor: Actor, intermediaryId: string, input: IntermediaryReportInput) {
  return withScope(db, actor.scope, async (tx) => {
    const agency = await lockForCommand(tx, intermediaryId, {
      find: (t, i) => find(t, i, true),
      may: () => mayManageIntermediaries(actor),
    });
    if (input.enterpriseId) {
      const [e] = await tx.query('SELECT 1 FROM enterprises WHERE id = $1', [input.enterpriseId]);
      if (!e) throw invalid({ enterpriseId: { zh: '委托单位不存在或不在本辖区', en: 'No such enterprise in your jurisdiction' } });
    }
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO intermediary_reports (intermediary_id, region_code, enterprise_id, enterprise_name, title, report_date, conclusion, summary, published_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9 THEN now() END, $10) RETURNING id`,
      [
        intermediaryId,
        agency.region_code,
        input.enterpriseId ?? null,
        input.enterpriseName,
        input.title,
        input.reportDate,
        input.conclusion,
        input.summary ?? null,
        input.publish,
        actor.id,
      ],
    );
    await appendAudit(tx, actor, {
      action: 'credit.reportCreate',
      entityType: 'intermediaryReport',
      entityId: row?.id ?? null,
      regionCode: agency.region_code,
      after: { intermediaryId, ...input },
    });
    return (await reportsOf(tx, 'r.id = $1', [row?.id]))[0];
  });
}

/** A regulator finds a report false (出具虚假报告): the agency's level falls; a blacklist reason. */
export async function markReportFalse(db: Db, actor: Actor, reportId: string, input: z.infer<typeof falseReportSchema>) {
  if (!mayManageIntermediaries(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    const params: unknown[] = [reportId];
    const [r] = await tx.query<{ intermediary_id: string; region_code: string; false_found_at: Date | null }>(
      `SELECT r.intermediary_id, r.region_code, r.false_found_at FROM intermediary_reports r
        WHERE r.id = $1 AND ${scopeFilter(tx.scope, params, { region: 'r.region_code' })} FOR UPDATE`,
      params,
    );
    if (!r) throw notFound();
    if (r.false_found_at) throw new AppError('conflict', { zh: '该报告已认定为虚假报告', en: 'Already found false' });
    await tx.query('UPDATE intermediary_reports SET false_found_at = now(), false_reason = $2, false_found_by = $3 WHERE id = $1', [
      reportId,
      input.reason,
      actor.id,
    ]);
    await appendAudit(tx, actor, {
      action: 'credit.reportFalse',
      entityType: 'intermediaryReport',
      entityId: reportId,
      regionCode: r.region_code,
      after: { reason: input.reason },
    });
    await recomputeIntermediaryCredit(tx, r.intermediary_id, '认定虚假报告');
    return (await reportsOf(tx, 'r.id = $1', [reportId]))[0];
  });
}

/** Published reports, newest first: the public page (安全评价报告公开). */
export async function publishedReports(db: Db, q: { page: number; pageSize: number }) {
  const rows = await db.query<ReportRow>(
    `${REPORT_SELECT} WHERE r.published_at IS NOT NULL AND i.deleted_at IS NULL ORDER BY r.report_date DESC, r.id LIMIT $1 OFFSET $2`,
    [q.pageSize, (q.page - 1) * q.pageSize],
  );
  const [n] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM intermediary_reports r JOIN intermediaries i ON i.id = r.intermediary_id WHERE r.published_at IS NOT NULL AND i.deleted_at IS NULL',
  );
  return {
    total: n?.n ?? 0,
    items: rows.map((r) => ({
      intermediaryName: r.intermediary_name,
      enterpriseName: r.enterprise_name,
      title: r.title,
      reportDate: dateOnly(r.report_date),
      conclusion: r.conclusion,
      summary: r.summary,
      falseFound: r.false_found_at !== null,
    })),
  };
}

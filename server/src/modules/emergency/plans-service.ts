// 应急预案与备案's commands and reads (issue 27, owner: plans): plans of enterprises and government
// departments with their GB/T 29639 sections, versions, review, signature, publication, evaluation,
// revision triggers; filing with the department (submit, one-time notice, resubmit, accept with the
// numbered 备案登记表, deemed filed after 5 working days, derived on read too); the regulator's desk
// lists (pending, overdue submissions, units that must file but have none filed, evaluations overdue).
// Rules are domain's (plans-workflow, plans-obligations, plans-sections); every command locks the
// row, checks the version and writes its audit event in the same transaction.
import {
  type Actor,
  annexProblems,
  answerDueOn as answerDue,
  DEFAULT_REFILING_SECTIONS,
  EMERGENCY_PLAN_ACTIONS,
  type EmergencyPlanAction,
  type EmergencyPlanStatus,
  type EmergencyPlanType,
  type EmergencyPlanView,
  effectiveFilingStatus,
  evaluationDueOn,
  FILING_ACTIONS,
  type FilingAction,
  type FilingStatus,
  fieldMessages,
  filingAllowedActions,
  filingDueOn as filingDue,
  isDecree708Unit,
  mayAcceptFilings,
  mayManagePlan,
  maySignPlan,
  mayViewEmergencyPlans,
  mustFilePlans,
  needsRefiling,
  PLAN_SECTIONS,
  PLAN_STEP_SCHEMAS,
  type PlanPost,
  planAllowedActions,
  planCreateSchema,
  planEditSchema,
  planRefusal,
  reviewKind,
  reviewReasons,
  sectionProblems,
  workingDaysBetween,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, scopeFilter, withScope } from '../../db/scope.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { dateOnly, iso, todayInShanghai } from '../../time.ts';
import { workingCalendar } from '../calendar/index.ts';
import { effectiveSetting } from '../settings/service.ts';
import { issuePlanDocument } from './plans-documents.ts';
import { recordRevisionTrigger } from './plans-store.ts';

// ---- rows ------------------------------------------------------------------------------------------

export type PlanRow = {
  id: string;
  owner_kind: 'enterprise' | 'government';
  enterprise_id: string | null;
  enterprise_name: string | null;
  department_id: string | null;
  department_name: string | null;
  region_code: string;
  region_name: string | null;
  industry_code: string | null;
  plan_type: EmergencyPlanType;
  title: string;
  status: EmergencyPlanStatus;
  plan_version: number;
  sections: Record<string, string>;
  annexes: Record<string, string>;
  posts: PlanPost[];
  risk_point_ids: string[];
  installation_ids: string[];
  review_kind: 'review' | 'demonstration' | null;
  reviewed_on: string | Date | null;
  review_experts: string | null;
  review_minutes: string | null;
  review_opinion: string | null;
  signed_by_name: string | null;
  principal_name: string | null;
  signed_at: string | Date | null;
  published_on: string | Date | null;
  published_at: string | Date | null;
  must_file: boolean;
  filing_due_on: string | Date | null;
  evaluated_on: string | Date | null;
  evaluation_note: string | null;
  refiling_required: boolean;
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
  // derived
  filed_version: number | null;
  open_filing_id: string | null;
  open_triggers: number;
};

const SELECT = `SELECT p.*, e.name AS enterprise_name, d.name AS department_name, r.name AS region_name,
  (SELECT max(f.plan_version) FROM emergency_plan_filings f WHERE f.plan_id = p.id
     AND (f.status IN ('accepted', 'deemed') OR (f.status = 'submitted' AND f.answer_due_on < $TODAY::date))) AS filed_version,
  (SELECT f.id FROM emergency_plan_filings f WHERE f.plan_id = p.id AND f.status IN ('submitted', 'returned')
     AND NOT (f.status = 'submitted' AND f.answer_due_on < $TODAY::date) LIMIT 1) AS open_filing_id,
  (SELECT count(*)::int FROM emergency_plan_triggers t WHERE t.plan_id = p.id AND t.status = 'open') AS open_triggers
  FROM emergency_plans p
  LEFT JOIN enterprises e ON e.id = p.enterprise_id
  LEFT JOIN departments d ON d.id = p.department_id
  LEFT JOIN regions r ON r.code = p.region_code`;

const SCOPE_COLUMNS = { region: 'p.region_code', industry: 'p.industry_code', enterpriseId: 'p.enterprise_id' };

/** The SELECT with today's date bound as parameter `todayParam`. */
const selectWith = (todayParam: number) => SELECT.replaceAll('$TODAY', `$${todayParam}`);

async function findPlan(tx: Scoped, id: string, forUpdate = false, today = todayInShanghai()): Promise<PlanRow | undefined> {
  const params: unknown[] = [id, today];
  const where = scopeFilter(tx.scope, params, SCOPE_COLUMNS);
  const [r] = await tx.query<PlanRow>(`${selectWith(2)} WHERE p.id = $1 AND ${where}${forUpdate ? ' FOR UPDATE OF p' : ''}`, params);
  return r;
}

const viewOf = (r: PlanRow): EmergencyPlanView => ({
  ownerKind: r.owner_kind,
  enterpriseId: r.enterprise_id,
  regionCode: r.region_code,
  status: r.status,
  mustFile: r.must_file,
  filedCurrentVersion: r.filed_version !== null && Number(r.filed_version) >= r.plan_version,
  openFiling: r.open_filing_id !== null,
  refilingRequired: r.refiling_required,
  version: r.plan_version,
});

const nameOf = (a: Actor) => a.username;

// ---- the unit's obligations -------------------------------------------------------------------------

type UnitRow = {
  id: string;
  name: string;
  region_code: string;
  industry_code: string;
  high_risk: string[];
  employees: number | null;
  revenue_wan: number | null;
  installations: number;
};

const UNIT_SELECT = `SELECT e.id, e.name, e.region_code, e.industry_code, e.high_risk, e.employees, e.revenue_wan,
  (SELECT count(*)::int FROM major_hazard_installations m WHERE m.enterprise_id = e.id AND m.is_major_hazard) AS installations
  FROM enterprises e`;

const unitOf = (u: UnitRow) => ({
  industryCode: u.industry_code,
  highRisk: u.high_risk ?? [],
  employees: u.employees,
  revenueWan: u.revenue_wan === null ? null : Number(u.revenue_wan),
  majorHazardInstallations: Number(u.installations),
});

async function othersMustFile(q: Queryable, regionCode: string) {
  return Number(await effectiveSetting(q, 'emergencyPlans.othersMustFile', regionCode)) === 1;
}

async function unitObligations(tx: Scoped, enterpriseId: string) {
  const [u] = await tx.query<UnitRow>(`${UNIT_SELECT} WHERE e.id = $1`, [enterpriseId]);
  if (!u) return null;
  const unit = unitOf(u);
  const others = await othersMustFile(tx, u.region_code);
  return {
    unit: u,
    decree708: isDecree708Unit(unit),
    mustFile: mustFilePlans(unit, { othersMustFile: others }),
    othersMustFileProvisional: !isDecree708Unit(unit),
    reviewKind: reviewKind(unit),
    reviewReasons: reviewReasons(unit),
  };
}

// ---- list ------------------------------------------------------------------------------------------

export const PLAN_VIEWS = [
  'all',
  'toSign',
  'filingDue',
  'filingOverdue',
  'filingReturned',
  'evaluationDue',
  'evaluationOverdue',
  'openTriggers',
] as const;

export const planListQuerySchema = z.object({
  view: z.enum(PLAN_VIEWS, { message: '未知的视图||Unknown view' }).default('all'),
  ownerKind: z.enum(['enterprise', 'government']).optional(),
  planType: z.enum(['comprehensive', 'special', 'onSite']).optional(),
  status: z.enum(['draft', 'reviewed', 'signed', 'published', 'abolished']).optional(),
  enterpriseId: z.uuid({ message: '企业编号格式不正确||Invalid enterprise id' }).optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PlanListQuery = z.infer<typeof planListQuerySchema>;

async function evaluationYears(q: Queryable, regionPrefix: string) {
  return Number(await effectiveSetting(q, 'emergencyPlans.evaluationYears', regionPrefix.padEnd(12, '0')));
}

/** The list's WHERE (shared with the 工作台 counts). */
async function planWhere(tx: Scoped, q: PlanListQuery, params: unknown[], today: string): Promise<string> {
  const parts = [scopeFilter(tx.scope, params, SCOPE_COLUMNS)];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    parts.push(sql.replaceAll('$?', `$${params.length}`));
  };
  if (q.ownerKind) add('p.owner_kind = $?', q.ownerKind);
  if (q.planType) add('p.plan_type = $?', q.planType);
  if (q.status) add('p.status = $?', q.status);
  if (q.enterpriseId) add('p.enterprise_id = $?', q.enterpriseId);
  if (q.q) add("(p.title ILIKE '%' || $? || '%' OR e.name ILIKE '%' || $? || '%')", q.q);
  // Today is bound only when a view reads it (an unreferenced parameter is an error in PostgreSQL).
  let todayIndex = 0;
  const today$ = () => {
    if (!todayIndex) todayIndex = params.push(today);
    return `$${todayIndex}::date`;
  };
  const filed = () => `EXISTS (SELECT 1 FROM emergency_plan_filings f WHERE f.plan_id = p.id AND f.plan_version = p.plan_version
      AND (f.status IN ('accepted', 'deemed') OR (f.status = 'submitted' AND f.answer_due_on < ${today$()})))`;
  const open = () => `EXISTS (SELECT 1 FROM emergency_plan_filings f WHERE f.plan_id = p.id AND f.status IN ('submitted', 'returned')
      AND NOT (f.status = 'submitted' AND f.answer_due_on < ${today$()}))`;
  const due = "p.status = 'published' AND p.must_file AND NOT p.refiling_required";
  switch (q.view) {
    case 'toSign':
      parts.push("p.status IN ('reviewed', 'signed')");
      break;
    case 'filingDue':
      parts.push(`p.status = 'published' AND p.must_file AND (NOT ${filed()} OR p.refiling_required) AND NOT ${open()}`);
      break;
    case 'filingOverdue':
      parts.push(`${due} AND NOT ${filed()} AND NOT ${open()} AND p.filing_due_on < ${today$()}`);
      break;
    case 'evaluationDue':
    case 'evaluationOverdue': {
      params.push(await evaluationYears(tx, tx.scope.regionPrefix));
      const next = `(greatest(p.published_on, coalesce(p.evaluated_on, p.published_on)) + make_interval(years => $${params.length}::int))::date`;
      parts.push(`p.status = 'published' AND ${q.view === 'evaluationDue' ? `${next} <= ${today$()} + 30` : `${next} < ${today$()}`}`);
      break;
    }
    case 'filingReturned':
      parts.push("EXISTS (SELECT 1 FROM emergency_plan_filings f WHERE f.plan_id = p.id AND f.status = 'returned')");
      break;
    case 'openTriggers':
      parts.push(
        "p.status <> 'abolished' AND EXISTS (SELECT 1 FROM emergency_plan_triggers x WHERE x.plan_id = p.id AND x.status = 'open')",
      );
      break;
    case 'all':
      break;
  }
  return parts.join(' AND ');
}

export async function countPlansFor(tx: Scoped, q: PlanListQuery, today = todayInShanghai()): Promise<number> {
  const params: unknown[] = [];
  const where = await planWhere(tx, q, params, today);
  const [r] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM emergency_plans p LEFT JOIN enterprises e ON e.id = p.enterprise_id WHERE ${where}`,
    params,
  );
  return Number(r?.n ?? 0);
}

export async function listPlans(db: Db, actor: Actor, q: PlanListQuery, now = new Date()) {
  if (!mayViewEmergencyPlans(actor)) throw forbidden();
  const today = todayInShanghai(now);
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [today];
    const where = await planWhere(tx, q, params, today);
    const total = await countPlansFor(tx, q, today);
    params.push(q.pageSize, (q.page - 1) * q.pageSize);
    const rows = await tx.query<PlanRow>(
      `${selectWith(1)} WHERE ${where} ORDER BY p.updated_at DESC, p.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const years = await evaluationYears(tx, actor.scope.regionPrefix);
    return { items: rows.map((r) => summary(actor, r, today, years)), total, page: q.page, pageSize: q.pageSize };
  });
}

function summary(actor: Actor, r: PlanRow, today: string, years: number) {
  const evaluationDue = evaluationDueOn({ publishedOn: dateOnly(r.published_on), evaluatedOn: dateOnly(r.evaluated_on) }, years);
  return {
    id: r.id,
    ownerKind: r.owner_kind,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    regionCode: r.region_code,
    regionName: r.region_name,
    planType: r.plan_type,
    title: r.title,
    status: r.status,
    planVersion: r.plan_version,
    publishedOn: dateOnly(r.published_on),
    mustFile: r.must_file,
    filingDueOn: dateOnly(r.filing_due_on),
    filedVersion: r.filed_version === null ? null : Number(r.filed_version),
    openFilingId: r.open_filing_id,
    refilingRequired: r.refiling_required,
    evaluatedOn: dateOnly(r.evaluated_on),
    evaluationDueOn: evaluationDue,
    evaluationOverdue: r.status === 'published' && evaluationDue !== null && evaluationDue < today,
    openTriggers: Number(r.open_triggers),
    version: r.version,
    updatedAt: iso(r.updated_at),
    allowedActions: planAllowedActions(actor, viewOf(r)),
  };
}

// ---- detail ----------------------------------------------------------------------------------------

type FilingRow = {
  id: string;
  plan_id: string;
  plan_version: number;
  region_code: string;
  enterprise_id: string | null;
  status: FilingStatus;
  materials: Record<string, boolean>;
  submitted_at: string | Date;
  submitted_on: string | Date;
  answer_due_on: string | Date;
  submitted_by_name: string | null;
  missing_items: string[];
  returned_at: string | Date | null;
  returned_by_name: string | null;
  resubmitted_at: string | Date | null;
  accepted_at: string | Date | null;
  accepted_by_name: string | null;
  deemed_at: string | Date | null;
  record_number: string | null;
  version: number;
  plan_title?: string;
  plan_type?: string;
  enterprise_name?: string | null;
  region_name?: string | null;
};

function filingView(actor: Actor, f: FilingRow, cal: Awaited<ReturnType<typeof workingCalendar>>, today: string) {
  const status = effectiveFilingStatus({ status: f.status, answerDueOn: dateOnly(f.answer_due_on) as string }, today);
  const due = dateOnly(f.answer_due_on) as string;
  return {
    id: f.id,
    planId: f.plan_id,
    planVersion: f.plan_version,
    planTitle: f.plan_title,
    planType: f.plan_type,
    enterpriseId: f.enterprise_id,
    enterpriseName: f.enterprise_name ?? null,
    regionCode: f.region_code,
    regionName: f.region_name ?? null,
    status,
    storedStatus: f.status,
    materials: f.materials,
    submittedAt: iso(f.submitted_at),
    submittedOn: dateOnly(f.submitted_on),
    submittedByName: f.submitted_by_name,
    answerDueOn: due,
    /** Working days left for the department (0 on the due day; negative once deemed). */
    workingDaysLeft: f.status === 'submitted' ? workingDaysBetween(cal, today, due) : null,
    missingItems: f.missing_items,
    returnedAt: iso(f.returned_at),
    returnedByName: f.returned_by_name,
    resubmittedAt: iso(f.resubmitted_at),
    acceptedAt: iso(f.accepted_at),
    acceptedByName: f.accepted_by_name,
    deemedAt: iso(f.deemed_at),
    recordNumber: f.record_number,
    version: f.version,
    allowedActions:
      status === f.status
        ? filingAllowedActions(actor, {
            status: f.status,
            enterpriseId: f.enterprise_id,
            regionCode: f.region_code,
            missingItems: f.missing_items,
          })
        : [],
  };
}

/** The supplies annex: the owner's warehouses and their stock (migration 046). */
async function suppliesAnnex(tx: Scoped, r: PlanRow) {
  const params: unknown[] = [];
  let where: string;
  if (r.owner_kind === 'enterprise') {
    params.push(r.enterprise_id);
    where = 'w.enterprise_id = $1';
  } else {
    params.push(r.department_id, r.region_code);
    where = "(w.department_id = $1 OR (w.kind = 'government' AND w.region_code = $2))";
  }
  return tx.query<{
    warehouse: string;
    address: string;
    contact_name: string;
    contact_phone: string;
    item: string;
    spec: string;
    unit: string;
    quantity: string | number;
    expires_on: string | Date | null;
  }>(
    `SELECT w.name AS warehouse, w.address, w.contact_name, w.contact_phone, i.name AS item, i.spec, i.unit,
            sum(s.quantity) AS quantity, min(s.expires_on) AS expires_on
       FROM supply_warehouses w
       JOIN supply_stock s ON s.warehouse_id = w.id
       JOIN supply_items i ON i.id = s.item_id
      WHERE ${where} AND w.active AND s.quantity > 0
      GROUP BY w.id, w.name, w.address, w.contact_name, w.contact_phone, i.id, i.name, i.spec, i.unit
      ORDER BY w.name, i.name LIMIT 500`,
    params,
  );
}

/** The contact annex from the platform's records: the unit's people and its phone. */
async function contactsAnnex(tx: Scoped, r: PlanRow) {
  const out: { name: string; role: string; phone: string }[] = [];
  if (r.owner_kind === 'enterprise') {
    const [e] = await tx.query<{ legal_representative: string | null; safety_director: string | null; contact_phone: string | null }>(
      'SELECT legal_representative, safety_director, contact_phone FROM enterprises WHERE id = $1',
      [r.enterprise_id],
    );
    if (e?.legal_representative) out.push({ name: e.legal_representative, role: '主要负责人（法定代表人）', phone: e.contact_phone ?? '' });
    if (e?.safety_director) out.push({ name: e.safety_director, role: '安全总监', phone: e.contact_phone ?? '' });
    if (e?.contact_phone) out.push({ name: '单位值班电话', role: '值班', phone: e.contact_phone });
    const users = await tx.query<{ display_name: string; role: string }>(
      'SELECT display_name, role FROM users WHERE enterprise_id = $1 AND NOT disabled ORDER BY role, display_name LIMIT 50',
      [r.enterprise_id],
    );
    for (const u of users) out.push({ name: u.display_name, role: u.role === 'enterpriseAdmin' ? '企业管理员' : '企业安全员', phone: '' });
  } else {
    const users = await tx.query<{ display_name: string; role: string }>(
      `SELECT display_name, role FROM users WHERE department_id = $1 AND NOT disabled ORDER BY display_name LIMIT 50`,
      [r.department_id],
    );
    for (const u of users) out.push({ name: u.display_name, role: '部门工作人员', phone: '' });
  }
  for (const p of r.posts ?? []) if (p.phone) out.push({ name: p.reportTo || p.post, role: `${p.post}（处置卡报告对象）`, phone: p.phone });
  return out;
}

async function linkedRisks(tx: Scoped, r: PlanRow) {
  const points = r.risk_point_ids.length
    ? await tx.query<{ id: string; name: string; level: string | null; location: string | null }>(
        'SELECT id, name, level, location FROM risk_points WHERE id = ANY($1::uuid[]) ORDER BY name',
        [r.risk_point_ids],
      )
    : [];
  const installations = r.installation_ids.length
    ? await tx.query<{ id: string; name: string; grade: number | null }>(
        'SELECT id, name, grade FROM major_hazard_installations WHERE id = ANY($1::uuid[]) ORDER BY name',
        [r.installation_ids],
      )
    : [];
  // What could be linked: the owner's risk points and major hazard installations.
  const candidates =
    r.owner_kind === 'enterprise'
      ? {
          riskPoints: await tx.query<{ id: string; name: string; level: string | null }>(
            'SELECT id, name, level FROM risk_points WHERE enterprise_id = $1 ORDER BY name LIMIT 200',
            [r.enterprise_id],
          ),
          installations: await tx.query<{ id: string; name: string; grade: number | null }>(
            'SELECT id, name, grade FROM major_hazard_installations WHERE enterprise_id = $1 ORDER BY name LIMIT 200',
            [r.enterprise_id],
          ),
        }
      : { riskPoints: [], installations: [] };
  return { riskPoints: points, installations, candidates };
}

async function detail(tx: Scoped, actor: Actor, r: PlanRow, now: Date) {
  const today = todayInShanghai(now);
  const cal = await workingCalendar(tx);
  const years = await evaluationYears(tx, r.region_code);
  const filings = await tx.query<FilingRow>('SELECT * FROM emergency_plan_filings WHERE plan_id = $1 ORDER BY submitted_at DESC', [r.id]);
  const versions = await tx.query<{
    plan_version: number;
    title: string;
    published_on: string | Date;
    signed_by_name: string | null;
    frozen_at: string | Date;
  }>(
    'SELECT plan_version, title, published_on, signed_by_name, frozen_at FROM emergency_plan_versions WHERE plan_id = $1 ORDER BY plan_version DESC',
    [r.id],
  );
  const triggers = await tx.query<{
    id: string;
    kind: string;
    source_type: string | null;
    source_id: string | null;
    note: string;
    status: string;
    created_by_name: string | null;
    created_at: string | Date;
    resolved_version: number | null;
  }>('SELECT * FROM emergency_plan_triggers WHERE plan_id = $1 ORDER BY created_at DESC', [r.id]);
  const events = await tx.query<{
    action: string;
    from_status: string | null;
    to_status: string | null;
    actor_name: string | null;
    note: string | null;
    at: string | Date;
  }>('SELECT action, from_status, to_status, actor_name, note, at FROM emergency_plan_events WHERE plan_id = $1 ORDER BY at, id', [r.id]);
  const documents = await tx.query<{
    id: string;
    kind: string;
    number: string;
    title: string;
    issued_at: string | Date;
    filing_id: string | null;
  }>('SELECT id, kind, number, title, issued_at, filing_id FROM emergency_plan_documents WHERE plan_id = $1 ORDER BY issued_at', [r.id]);
  const obligations = r.enterprise_id ? await unitObligations(tx, r.enterprise_id) : null;
  const supplies = await suppliesAnnex(tx, r);
  const refilingSections = String(
    (await effectiveSetting(tx, 'emergencyPlans.refilingSections', r.region_code)) ?? DEFAULT_REFILING_SECTIONS,
  );
  return {
    ...summary(actor, r, today, years),
    sections: r.sections,
    annexes: r.annexes,
    posts: r.posts,
    sectionDefs: PLAN_SECTIONS[r.plan_type],
    review: {
      kind: r.review_kind,
      reviewedOn: dateOnly(r.reviewed_on),
      experts: r.review_experts,
      minutes: r.review_minutes,
      opinion: r.review_opinion,
    },
    /** The rule's answer for this unit (评审 or 论证, and why); government plans are 评审. */
    requiredReviewKind: obligations ? obligations.reviewKind : 'review',
    reviewReasons: obligations ? obligations.reviewReasons : [],
    decree708: obligations ? obligations.decree708 : false,
    principalName: r.principal_name,
    signedByName: r.signed_by_name,
    signedAt: iso(r.signed_at),
    publishedAt: iso(r.published_at),
    evaluationNote: r.evaluation_note,
    refilingSections: refilingSections
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    filings: filings.map((f) => filingView(actor, f, cal, today)),
    versions: versions.map((v) => ({
      planVersion: v.plan_version,
      title: v.title,
      publishedOn: dateOnly(v.published_on),
      signedByName: v.signed_by_name,
      frozenAt: iso(v.frozen_at),
    })),
    triggers: triggers.map((t) => ({
      id: t.id,
      kind: t.kind,
      sourceType: t.source_type,
      sourceId: t.source_id,
      note: t.note,
      status: t.status,
      createdByName: t.created_by_name,
      createdAt: iso(t.created_at),
      resolvedVersion: t.resolved_version,
    })),
    events: events.map((e) => ({
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actorName: e.actor_name,
      note: e.note,
      at: iso(e.at),
    })),
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      number: d.number,
      title: d.title,
      issuedAt: iso(d.issued_at),
      filingId: d.filing_id,
    })),
    supplies: supplies.map((s) => ({
      warehouse: s.warehouse,
      address: s.address,
      contactName: s.contact_name,
      contactPhone: s.contact_phone,
      item: s.item,
      spec: s.spec,
      unit: s.unit,
      quantity: Number(s.quantity),
      expiresOn: dateOnly(s.expires_on),
    })),
    contacts: await contactsAnnex(tx, r),
    links: await linkedRisks(tx, r),
  };
}

export async function getPlan(db: Db, actor: Actor, id: string, now = new Date()) {
  if (!mayViewEmergencyPlans(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findPlan(tx, id, false, todayInShanghai(now));
    if (!r) throw notFound();
    return detail(tx, actor, r, now);
  });
}

/** A frozen version, read-only. */
export async function getPlanVersion(db: Db, actor: Actor, id: string, n: number) {
  if (!mayViewEmergencyPlans(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    if (!(await findPlan(tx, id))) throw notFound();
    const [v] = await tx.query<Record<string, unknown>>('SELECT * FROM emergency_plan_versions WHERE plan_id = $1 AND plan_version = $2', [
      id,
      n,
    ]);
    if (!v) throw notFound();
    return {
      planId: id,
      planVersion: v.plan_version,
      title: v.title,
      planType: v.plan_type,
      sections: v.sections,
      annexes: v.annexes,
      posts: v.posts,
      review: v.review,
      signedByName: v.signed_by_name,
      signedAt: iso(v.signed_at as Date | null),
      publishedOn: dateOnly(v.published_on as Date),
      sectionDefs: PLAN_SECTIONS[v.plan_type as EmergencyPlanType],
      readOnly: true,
    };
  });
}

// ---- create / edit ---------------------------------------------------------------------------------

async function insertEvent(
  tx: Queryable,
  planId: string,
  action: string,
  from: string | null,
  to: string | null,
  actor: Actor | null,
  note: string | null,
) {
  await tx.query(
    `INSERT INTO emergency_plan_events (plan_id, action, from_status, to_status, actor_id, actor_name, note) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [planId, action, from, to, actor?.id ?? null, actor ? nameOf(actor) : 'system', note],
  );
}

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw new AppError('validation_error', undefined, fieldMessages(r.error.issues));
  return r.data;
}

async function checkLinks(tx: Scoped, enterpriseId: string | null, riskPointIds: string[], installationIds: string[]) {
  const fields: Record<string, { zh: string; en: string }> = {};
  if (riskPointIds.length) {
    const ok = await tx.query<{ id: string }>('SELECT id FROM risk_points WHERE id = ANY($1::uuid[]) AND enterprise_id = $2', [
      riskPointIds,
      enterpriseId,
    ]);
    if (ok.length !== new Set(riskPointIds).size)
      fields.riskPointIds = { zh: '只能关联本单位的风险点', en: 'Only the unit’s own risk points' };
  }
  if (installationIds.length) {
    const ok = await tx.query<{ id: string }>(
      'SELECT id FROM major_hazard_installations WHERE id = ANY($1::uuid[]) AND enterprise_id = $2',
      [installationIds, enterpriseId],
    );
    if (ok.length !== new Set(installationIds).size)
      fields.installationIds = { zh: '只能关联本单位的重大危险源', en: 'Only the unit’s own installations' };
  }
  return fields;
}

export async function createPlan(db: Db, actor: Actor, body: unknown) {
  if (!mayViewEmergencyPlans(actor)) throw forbidden();
  const b = parseBody(planCreateSchema, body);
  const enterpriseId = b.ownerKind === 'enterprise' ? (actor.scope.enterpriseId ?? b.enterpriseId ?? null) : null;
  if (b.ownerKind === 'enterprise' && !enterpriseId) throw invalid({ enterpriseId: { zh: '请选择企业', en: 'Choose the enterprise' } });
  if (b.ownerKind === 'government' && !b.departmentId)
    throw invalid({ departmentId: { zh: '请选择编制部门', en: 'Choose the department' } });
  const problems = { ...sectionProblems(b.planType, b.sections, false), ...annexProblems(b.annexes) };
  if (b.planType !== 'onSite' && b.posts.length)
    problems.posts = { zh: '应急处置卡岗位只属于现场处置方案', en: 'Key posts belong to on-site plans' };
  if (Object.keys(problems).length) throw invalid(problems);
  return withScope(db, actor.scope, async (tx) => {
    let regionCode: string;
    let industryCode: string | null = null;
    if (enterpriseId) {
      const params: unknown[] = [enterpriseId];
      const where = scopeFilter(tx.scope, params, { region: 'region_code', industry: 'industry_code', enterpriseId: 'id' });
      const [e] = await tx.query<{ region_code: string; industry_code: string }>(
        `SELECT region_code, industry_code FROM enterprises WHERE id = $1 AND ${where}`,
        params,
      );
      if (!e) throw invalid({ enterpriseId: { zh: '企业不存在或不在管辖范围内', en: 'No such enterprise in your scope' } });
      regionCode = e.region_code;
      industryCode = e.industry_code;
    } else {
      const params: unknown[] = [b.departmentId];
      const where = scopeFilter({ ...tx.scope, industries: null }, params, { region: 'region_code' });
      const [d] = await tx.query<{ region_code: string }>(`SELECT region_code FROM departments WHERE id = $1 AND ${where}`, params);
      if (!d) throw invalid({ departmentId: { zh: '部门不存在或不在管辖范围内', en: 'No such department in your scope' } });
      regionCode = d.region_code;
    }
    if (!mayManagePlan(actor, { ownerKind: b.ownerKind, enterpriseId, regionCode })) throw forbidden();
    const links = await checkLinks(tx, enterpriseId, b.riskPointIds, b.installationIds);
    if (Object.keys(links).length) throw invalid(links);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO emergency_plans (owner_kind, enterprise_id, department_id, region_code, industry_code, plan_type, title, sections, annexes, posts,
         risk_point_ids, installation_ids, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::uuid[], $12::uuid[], $13) RETURNING id`,
      [
        b.ownerKind,
        enterpriseId,
        b.departmentId ?? null,
        regionCode,
        industryCode,
        b.planType,
        b.title,
        JSON.stringify(b.sections),
        JSON.stringify(b.annexes),
        JSON.stringify(b.posts),
        b.riskPointIds,
        b.installationIds,
        actor.id,
      ],
    );
    const id = (row as { id: string }).id;
    await insertEvent(tx, id, 'create', null, 'draft', actor, null);
    await appendAudit(tx, actor, {
      action: 'emergencyPlans.create',
      entityType: 'emergencyPlan',
      entityId: id,
      regionCode,
      after: { ownerKind: b.ownerKind, planType: b.planType, title: b.title },
    });
    const r = (await findPlan(tx, id)) as PlanRow;
    return detail(tx, actor, r, new Date());
  });
}

function refuse(actor: Actor, r: PlanRow, action: EmergencyPlanAction) {
  const allowedActions = planAllowedActions(actor, viewOf(r));
  // Not the plan's writer, or a step that is the principal's and the caller is not: 403.
  const principalStep = action === 'sign' || (action === 'publish' && r.status === 'signed');
  if (!mayManagePlan(actor, viewOf(r)) || (principalStep && !maySignPlan(actor, viewOf(r))))
    return new AppError('forbidden', undefined, undefined, { allowedActions });
  return new AppError('conflict', planRefusal(action, viewOf(r).openFiling), undefined, { allowedActions });
}

async function lockPlan(tx: Scoped, actor: Actor, id: string, action: EmergencyPlanAction, version?: number) {
  return lockForCommand(tx, id, {
    find: (t, i) => findPlan(t, i, true),
    may: (r) => planAllowedActions(actor, viewOf(r)).includes(action),
    refuse: (r) => refuse(actor, r, action),
    ...(version === undefined ? {} : { version, versionOf: (r: PlanRow) => r.version }),
  });
}

export async function editPlan(db: Db, actor: Actor, id: string, body: unknown) {
  if (!mayViewEmergencyPlans(actor)) throw forbidden();
  const b = parseBody(planEditSchema, body);
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockPlan(tx, actor, id, 'edit', b.version);
    const sections = b.sections ? { ...r.sections, ...b.sections } : r.sections;
    const annexes = b.annexes ? { ...r.annexes, ...b.annexes } : r.annexes;
    const problems = { ...sectionProblems(r.plan_type, sections, false), ...annexProblems(annexes) };
    if (r.plan_type !== 'onSite' && (b.posts ?? []).length)
      problems.posts = { zh: '应急处置卡岗位只属于现场处置方案', en: 'Key posts belong to on-site plans' };
    Object.assign(problems, await checkLinks(tx, r.enterprise_id, b.riskPointIds ?? [], b.installationIds ?? []));
    if (Object.keys(problems).length) throw invalid(problems);
    // A revision (version > 1) that changes a re-filing section needs re-filing (setting, provisional).
    const changed = Object.keys(b.sections ?? {}).filter((k) => (b.sections as Record<string, string>)[k] !== r.sections[k]);
    const refilingSections = String(await effectiveSetting(tx, 'emergencyPlans.refilingSections', r.region_code))
      .split(',')
      .map((s) => s.trim());
    const refiling = r.refiling_required || (r.plan_version > 1 && needsRefiling(changed, refilingSections));
    await tx.query(
      `UPDATE emergency_plans SET title = $2, sections = $3, annexes = $4, posts = $5, risk_point_ids = $6::uuid[], installation_ids = $7::uuid[],
         refiling_required = $8, version = version + 1, updated_at = now() WHERE id = $1`,
      [
        id,
        b.title ?? r.title,
        JSON.stringify(sections),
        JSON.stringify(annexes),
        JSON.stringify(b.posts ?? r.posts),
        b.riskPointIds ?? r.risk_point_ids,
        b.installationIds ?? r.installation_ids,
        refiling,
      ],
    );
    await appendAudit(tx, actor, {
      action: 'emergencyPlans.edit',
      entityType: 'emergencyPlan',
      entityId: id,
      regionCode: r.region_code,
      after: { changedSections: changed, title: b.title ?? r.title, refilingRequired: refiling },
    });
    return detail(tx, actor, (await findPlan(tx, id)) as PlanRow, new Date());
  });
}

// ---- plan steps ------------------------------------------------------------------------------------

export const planStepParams = z.object({
  id: z.uuid({ message: '编号格式不正确||Invalid id' }),
  action: z.enum(EMERGENCY_PLAN_ACTIONS.filter((a) => a !== 'edit') as [EmergencyPlanAction, ...EmergencyPlanAction[]], {
    message: '未知的操作||Unknown step',
  }),
});

export async function takePlanStep(db: Db, actor: Actor, id: string, action: EmergencyPlanAction, body: unknown, now = new Date()) {
  if (!mayViewEmergencyPlans(actor)) throw forbidden();
  if (action === 'edit') return editPlan(db, actor, id, body);
  const b = parseBody(PLAN_STEP_SCHEMAS[action as keyof typeof PLAN_STEP_SCHEMAS], body) as Record<string, unknown>;
  const cal = await workingCalendar(db);
  const today = todayInShanghai(now);
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockPlan(tx, actor, id, action, action === 'recordTrigger' ? undefined : (b.version as number));
    const at = now.toISOString();
    let to: EmergencyPlanStatus = r.status;
    let set: Record<string, unknown> = {};
    let note: string | null = null;
    let audit: Record<string, unknown> = {};
    switch (action) {
      case 'recordReview': {
        const problems = sectionProblems(r.plan_type, r.sections, true);
        if (Object.keys(problems).length)
          throw new AppError(
            'conflict',
            { zh: '预案章节未填写完整，不能送评审/论证', en: 'Fill in the required sections before review' },
            problems,
          );
        const obligations = r.enterprise_id ? await unitObligations(tx, r.enterprise_id) : null;
        const required = obligations ? obligations.reviewKind : 'review';
        if (b.reviewKind !== required)
          throw invalid({
            reviewKind:
              required === 'review'
                ? {
                    zh: '本单位属于令第88号第二十一条所列单位，应急预案应当组织评审（须有书面评审纪要）',
                    en: 'This unit’s plans need an expert review (Art. 21)',
                  }
                : { zh: '本单位应急预案应当组织论证（令第88号第二十一条）', en: 'This unit’s plans are demonstrated (Art. 21)' },
          });
        if ((b.reviewedOn as string) > today) throw invalid({ reviewedOn: { zh: '评审日期不能晚于今天', en: 'Not after today' } });
        to = 'reviewed';
        set = {
          review_kind: b.reviewKind,
          reviewed_on: b.reviewedOn,
          review_experts: b.experts,
          review_minutes: b.minutes,
          review_opinion: b.opinion,
        };
        note = b.minutes as string;
        audit = { reviewKind: b.reviewKind, reviewedOn: b.reviewedOn };
        break;
      }
      case 'sign':
        to = 'signed';
        set = { signed_by: actor.id, signed_by_name: nameOf(actor), principal_name: b.principalName, signed_at: at };
        note = `主要负责人：${b.principalName}`;
        audit = { principalName: b.principalName };
        break;
      case 'publish': {
        const publishedOn = b.publishedOn as string;
        if (publishedOn > today) throw invalid({ publishedOn: { zh: '公布日期不能晚于今天', en: 'Not after today' } });
        if (r.signed_at && publishedOn < (dateOnly(r.signed_at) as string))
          throw invalid({ publishedOn: { zh: '公布日期不能早于签署日期', en: 'Not before the signature' } });
        const obligations = r.enterprise_id ? await unitObligations(tx, r.enterprise_id) : null;
        const mustFile = obligations?.mustFile ?? false;
        const days = Number(await effectiveSetting(tx, 'emergencyPlans.filingWorkingDays', r.region_code));
        const due = mustFile ? filingDue(cal, publishedOn, days) : null;
        to = 'published';
        set = { published_on: publishedOn, published_at: at, must_file: mustFile, filing_due_on: due };
        // The published version is frozen (read-only from now on).
        await tx.query(
          `INSERT INTO emergency_plan_versions (plan_id, plan_version, title, plan_type, sections, annexes, posts, review, signed_by_name, signed_at, published_on)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            r.id,
            r.plan_version,
            r.title,
            r.plan_type,
            JSON.stringify(r.sections),
            JSON.stringify(r.annexes),
            JSON.stringify(r.posts),
            JSON.stringify({
              kind: r.review_kind,
              reviewedOn: dateOnly(r.reviewed_on),
              experts: r.review_experts,
              minutes: r.review_minutes,
              opinion: r.review_opinion,
            }),
            r.principal_name ?? r.signed_by_name,
            r.signed_at,
            publishedOn,
          ],
        );
        // The triggers that led to this version are resolved by it.
        await tx.query(
          "UPDATE emergency_plan_triggers SET status = 'resolved', resolved_at = now(), resolved_version = $2 WHERE plan_id = $1 AND status = 'open'",
          [r.id, r.plan_version],
        );
        audit = { publishedOn, planVersion: r.plan_version, mustFile, filingDueOn: due };
        break;
      }
      case 'revise':
        to = 'draft';
        set = {
          plan_version: r.plan_version + 1,
          review_kind: null,
          reviewed_on: null,
          review_experts: null,
          review_minutes: null,
          review_opinion: null,
          signed_by: null,
          signed_by_name: null,
          principal_name: null,
          signed_at: null,
        };
        note = b.reason as string;
        audit = { fromVersion: r.plan_version, toVersion: r.plan_version + 1, reason: note };
        break;
      case 'evaluate': {
        if ((b.evaluatedOn as string) > today) throw invalid({ evaluatedOn: { zh: '评估日期不能晚于今天', en: 'Not after today' } });
        set = { evaluated_on: b.evaluatedOn, evaluation_note: b.conclusion };
        note = b.conclusion as string;
        audit = { evaluatedOn: b.evaluatedOn };
        break;
      }
      case 'abolish':
        to = 'abolished';
        set = { abolished_at: at };
        note = b.reason as string;
        audit = { reason: note };
        break;
      case 'recordTrigger': {
        const { id: triggerId } = await recordRevisionTrigger(tx, actor, { planId: r.id, kind: b.kind as 'other', note: b.note as string });
        return { ...(await detail(tx, actor, (await findPlan(tx, id)) as PlanRow, now)), triggerId };
      }
      case 'submitFiling':
        return submitFiling(tx, actor, r, b.materials as Record<string, boolean>, now, cal);
    }
    const cols = Object.keys(set);
    await tx.query(
      `UPDATE emergency_plans SET status = $2, ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')}${cols.length ? ', ' : ''}version = version + 1, updated_at = now() WHERE id = $1`,
      [r.id, to, ...cols.map((c) => set[c])],
    );
    await insertEvent(tx, r.id, action, r.status, to, actor, note);
    await appendAudit(tx, actor, {
      action: `emergencyPlans.${action}` as 'emergencyPlans.sign',
      entityType: 'emergencyPlan',
      entityId: r.id,
      regionCode: r.region_code,
      before: { status: r.status },
      after: { status: to, ...audit },
    });
    return detail(tx, actor, (await findPlan(tx, id)) as PlanRow, now);
  });
}

// ---- filing ----------------------------------------------------------------------------------------

async function submitFiling(
  tx: Scoped,
  actor: Actor,
  r: PlanRow,
  materials: Record<string, boolean>,
  now: Date,
  cal: Awaited<ReturnType<typeof workingCalendar>>,
) {
  const today = todayInShanghai(now);
  const days = Number(await effectiveSetting(tx, 'emergencyPlans.answerWorkingDays', r.region_code));
  const due = answerDue(cal, today, days);
  const [f] = await tx.query<{ id: string }>(
    `INSERT INTO emergency_plan_filings (plan_id, plan_version, region_code, industry_code, enterprise_id, materials, submitted_at, submitted_on,
       answer_due_on, submitted_by, submitted_by_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      r.id,
      r.plan_version,
      r.region_code,
      r.industry_code,
      r.enterprise_id,
      JSON.stringify(materials),
      now.toISOString(),
      today,
      due,
      actor.id,
      nameOf(actor),
    ],
  );
  const filingId = (f as { id: string }).id;
  await tx.query('UPDATE emergency_plans SET refiling_required = false, version = version + 1, updated_at = now() WHERE id = $1', [r.id]);
  await insertEvent(tx, r.id, 'submitFiling', r.status, r.status, actor, `受理期限：${due}`);
  await appendAudit(tx, actor, {
    action: 'emergencyPlans.submitFiling',
    entityType: 'emergencyPlanFiling',
    entityId: filingId,
    regionCode: r.region_code,
    after: {
      planId: r.id,
      planVersion: r.plan_version,
      answerDueOn: due,
      lateBy: r.filing_due_on && today > (dateOnly(r.filing_due_on) as string),
    },
  });
  return detail(tx, actor, (await findPlan(tx, r.id, false, today)) as PlanRow, now);
}

const FILING_SELECT = `SELECT f.*, p.title AS plan_title, p.plan_type, e.name AS enterprise_name, rg.name AS region_name
  FROM emergency_plan_filings f
  JOIN emergency_plans p ON p.id = f.plan_id
  LEFT JOIN enterprises e ON e.id = f.enterprise_id
  LEFT JOIN regions rg ON rg.code = f.region_code`;
const FILING_SCOPE = { region: 'f.region_code', industry: 'f.industry_code', enterpriseId: 'f.enterprise_id' };

async function findFiling(tx: Scoped, id: string, forUpdate = false) {
  const params: unknown[] = [id];
  const where = scopeFilter(tx.scope, params, FILING_SCOPE);
  const [f] = await tx.query<FilingRow>(`${FILING_SELECT} WHERE f.id = $1 AND ${where}${forUpdate ? ' FOR UPDATE OF f' : ''}`, params);
  return f;
}

export const filingStepParams = z.object({
  id: z.uuid({ message: '编号格式不正确||Invalid id' }),
  action: z.enum(FILING_ACTIONS, { message: '未知的操作||Unknown step' }),
});

/** The plan as its filed version was published (the frozen emergency_plan_versions row), for the desk's documents. */
async function asFiled(tx: Scoped, plan: PlanRow, planVersion: number): Promise<PlanRow> {
  const [v] = await tx.query<{
    title: string;
    plan_type: PlanRow['plan_type'];
    review: { kind?: PlanRow['review_kind']; reviewedOn?: string | null } | null;
    signed_by_name: string | null;
    published_on: PlanRow['published_on'];
  }>(
    'SELECT title, plan_type, review, signed_by_name, published_on FROM emergency_plan_versions WHERE plan_id = $1 AND plan_version = $2',
    [plan.id, planVersion],
  );
  if (!v) return plan;
  return {
    ...plan,
    title: v.title,
    plan_type: v.plan_type,
    review_kind: v.review?.kind ?? plan.review_kind,
    reviewed_on: (v.review?.reviewedOn ?? plan.reviewed_on) as PlanRow['reviewed_on'],
    principal_name: v.signed_by_name ?? plan.principal_name,
    published_on: v.published_on,
  };
}

export async function takeFilingStep(db: Db, actor: Actor, id: string, action: FilingAction, body: unknown, now = new Date()) {
  if (!mayViewEmergencyPlans(actor)) throw forbidden();
  const b = parseBody(PLAN_STEP_SCHEMAS[action], body) as Record<string, unknown> & { version: number };
  const cal = await workingCalendar(db);
  const today = todayInShanghai(now);
  return withScope(db, actor.scope, async (tx) => {
    const viewFor = (f: FilingRow) => ({
      status: f.status,
      enterpriseId: f.enterprise_id,
      regionCode: f.region_code,
      missingItems: f.missing_items,
    });
    const f = await lockForCommand(tx, id, {
      find: (t, i) => findFiling(t, i, true),
      // A filing past its answer day is deemed filed: nothing more can be done to it.
      may: (x) =>
        effectiveFilingStatus({ status: x.status, answerDueOn: dateOnly(x.answer_due_on) as string }, today) === x.status &&
        filingAllowedActions(actor, viewFor(x)).includes(action),
      refuse: (x) => {
        const allowedActions = filingAllowedActions(actor, viewFor(x));
        const deemed =
          effectiveFilingStatus({ status: x.status, answerDueOn: dateOnly(x.answer_due_on) as string }, today) === 'deemed' &&
          x.status === 'submitted';
        if (deemed)
          return new AppError(
            'conflict',
            { zh: '受理期限已过，该预案视为已备案', en: 'The answer window has passed: the plan is deemed filed' },
            undefined,
            {
              allowedActions: [],
            },
          );
        const isDesk = mayAcceptFilings(actor) && actor.scope.enterpriseId === null;
        const isUnit = actor.scope.enterpriseId === x.enterprise_id || actor.role === 'platformAdmin';
        if (action === 'resubmit' ? !isUnit : !isDesk) return new AppError('forbidden', undefined, undefined, { allowedActions });
        return new AppError('conflict', planRefusal(action), undefined, { allowedActions });
      },
      version: b.version,
      versionOf: (x) => x.version,
    });
    const at = now.toISOString();
    const [current] = await tx.query<PlanRow>('SELECT * FROM emergency_plans WHERE id = $1', [f.plan_id]);
    const plan = await asFiled(tx, current as PlanRow, f.plan_version);
    let set: Record<string, unknown>;
    let note: string | null = null;
    let extra: Record<string, unknown> = {};
    switch (action) {
      case 'accept': {
        const number = await issuePlanDocument(tx, actor, plan as PlanRow, f, 'planFilingRecord', now);
        set = { status: 'accepted', accepted_at: at, accepted_by: actor.id, accepted_by_name: nameOf(actor), record_number: number };
        note = `备案编号：${number}${b.note ? `；${b.note}` : ''}`;
        extra = { recordNumber: number };
        break;
      }
      case 'returnForItems': {
        const items = b.missingItems as string[];
        const number = await issuePlanDocument(tx, actor, plan as PlanRow, f, 'planFilingNotice', now, { missingItems: items });
        set = { status: 'returned', missing_items: JSON.stringify(items), returned_at: at, returned_by_name: nameOf(actor) };
        note = `补正告知 ${number}：${items.join('；')}`;
        extra = { noticeNumber: number, missingItems: items };
        break;
      }
      case 'resubmit': {
        const days = Number(await effectiveSetting(tx, 'emergencyPlans.answerWorkingDays', f.region_code));
        const due = answerDue(cal, today, days);
        set = {
          status: 'submitted',
          materials: JSON.stringify({ ...f.materials, ...(b.materials as object) }),
          resubmitted_at: at,
          answer_due_on: due,
        };
        note = `受理期限：${due}`;
        extra = { answerDueOn: due };
        break;
      }
    }
    const cols = Object.keys(set);
    await tx.query(
      `UPDATE emergency_plan_filings SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`,
      [f.id, ...cols.map((c) => set[c])],
    );
    await insertEvent(tx, f.plan_id, `filing.${action}`, null, null, actor, note);
    await appendAudit(tx, actor, {
      action:
        action === 'accept'
          ? 'emergencyPlans.acceptFiling'
          : action === 'returnForItems'
            ? 'emergencyPlans.returnFiling'
            : 'emergencyPlans.resubmitFiling',
      entityType: 'emergencyPlanFiling',
      entityId: f.id,
      regionCode: f.region_code,
      before: { status: f.status },
      after: { status: set.status, ...extra },
    });
    const updated = (await findFiling(tx, f.id)) as FilingRow;
    return filingView(actor, updated, cal, today);
  });
}

// ---- the filing desk ---------------------------------------------------------------------------------

export const FILING_VIEWS = ['pending', 'returned', 'filed', 'all'] as const;
export const filingListQuerySchema = z.object({
  view: z.enum(FILING_VIEWS, { message: '未知的视图||Unknown view' }).default('pending'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type FilingListQuery = z.infer<typeof filingListQuerySchema>;

function filingWhere(tx: Scoped, q: FilingListQuery, params: unknown[], today: string) {
  const parts = [scopeFilter(tx.scope, params, FILING_SCOPE)];
  const t = q.view === 'pending' || q.view === 'filed' ? `$${params.push(today)}::date` : '';
  if (q.view === 'pending') parts.push(`f.status = 'submitted' AND f.answer_due_on >= ${t}`);
  if (q.view === 'returned') parts.push(`f.status = 'returned'`);
  if (q.view === 'filed') parts.push(`(f.status IN ('accepted', 'deemed') OR (f.status = 'submitted' AND f.answer_due_on < ${t}))`);
  return parts.join(' AND ');
}

export async function countFilingsFor(tx: Scoped, q: FilingListQuery, today = todayInShanghai()) {
  const params: unknown[] = [];
  const where = filingWhere(tx, q, params, today);
  const [r] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM emergency_plan_filings f WHERE ${where}`, params);
  return Number(r?.n ?? 0);
}

export async function listFilings(db: Db, actor: Actor, q: FilingListQuery, now = new Date()) {
  if (!mayViewEmergencyPlans(actor)) throw forbidden();
  const today = todayInShanghai(now);
  const cal = await workingCalendar(db);
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [];
    const where = filingWhere(tx, q, params, today);
    const total = await countFilingsFor(tx, q, today);
    params.push(q.pageSize, (q.page - 1) * q.pageSize);
    const rows = await tx.query<FilingRow>(
      `${FILING_SELECT} WHERE ${where} ORDER BY f.answer_due_on, f.submitted_at LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { items: rows.map((f) => filingView(actor, f, cal, today)), total, page: q.page, pageSize: q.pageSize };
  });
}

/** Units in scope that must file (the rule) but have no plan filed (accepted or deemed). */
export async function missingFilingUnits(tx: Scoped, today = todayInShanghai()) {
  const params: unknown[] = [today];
  const where = scopeFilter(tx.scope, params, { region: 'e.region_code', industry: 'e.industry_code', enterpriseId: 'e.id' });
  const rows = await tx.query<UnitRow & { has_filed: boolean; has_published: boolean }>(
    `${UNIT_SELECT.replace(
      'FROM enterprises e',
      `,
      EXISTS (SELECT 1 FROM emergency_plan_filings f WHERE f.enterprise_id = e.id
        AND (f.status IN ('accepted', 'deemed') OR (f.status = 'submitted' AND f.answer_due_on < $1::date))) AS has_filed,
      EXISTS (SELECT 1 FROM emergency_plans p WHERE p.enterprise_id = e.id AND p.status = 'published') AS has_published
      FROM enterprises e`,
    )} WHERE ${where} ORDER BY e.region_code, e.name LIMIT 5000`,
    params,
  );
  const others = new Map<string, boolean>();
  const out: { enterpriseId: string; name: string; regionCode: string; decree708: boolean; hasPublishedPlan: boolean }[] = [];
  for (const u of rows) {
    if (u.has_filed) continue;
    const prov = u.region_code.slice(0, 2);
    if (!others.has(prov)) others.set(prov, await othersMustFile(tx, u.region_code));
    const unit = unitOf(u);
    if (!mustFilePlans(unit, { othersMustFile: others.get(prov) })) continue;
    out.push({
      enterpriseId: u.id,
      name: u.name,
      regionCode: u.region_code,
      decree708: isDecree708Unit(unit),
      hasPublishedPlan: u.has_published,
    });
  }
  return out;
}

export async function listMissingFilings(db: Db, actor: Actor, now = new Date()) {
  if (!mayAcceptFilings(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const items = await missingFilingUnits(tx, todayInShanghai(now));
    return { items, total: items.length };
  });
}

/** The unit's obligations, shown on the plan list of an enterprise (must file? 评审 or 论证?). */
export async function getObligations(db: Db, actor: Actor, enterpriseId: string) {
  if (!mayViewEmergencyPlans(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [enterpriseId];
    const where = scopeFilter(tx.scope, params, { region: 'region_code', industry: 'industry_code', enterpriseId: 'id' });
    const [e] = await tx.query<{ id: string }>(`SELECT id FROM enterprises WHERE id = $1 AND ${where}`, params);
    if (!e) throw notFound();
    const o = (await unitObligations(tx, enterpriseId)) as NonNullable<Awaited<ReturnType<typeof unitObligations>>>;
    return {
      enterpriseId,
      decree708: o.decree708,
      mustFile: o.mustFile,
      reviewKind: o.reviewKind,
      reviewReasons: o.reviewReasons,
      othersMustFileProvisional: o.othersMustFileProvisional,
    };
  });
}

/** Deemed filing by the clock: submitted filings past their answer day become 'deemed', audited. */
export async function deemFilings(tx: Queryable, now = new Date()): Promise<number> {
  const today = todayInShanghai(now);
  const rows = await tx.query<{ id: string; plan_id: string; region_code: string; answer_due_on: string | Date }>(
    `UPDATE emergency_plan_filings SET status = 'deemed', deemed_at = $2, version = version + 1, updated_at = now()
      WHERE status = 'submitted' AND answer_due_on < $1::date RETURNING id, plan_id, region_code, answer_due_on`,
    [today, now.toISOString()],
  );
  for (const f of rows) {
    await insertEvent(tx, f.plan_id, 'filing.deem', null, null, null, `受理期限 ${dateOnly(f.answer_due_on)} 已过，视为已备案`);
    await appendAudit(
      tx,
      { id: null, username: 'system' },
      {
        action: 'emergencyPlans.deemFiling',
        entityType: 'emergencyPlanFiling',
        entityId: f.id,
        regionCode: f.region_code,
        before: { status: 'submitted' },
        after: { status: 'deemed', answerDueOn: dateOnly(f.answer_due_on) },
      },
    );
  }
  return rows.length;
}

// ---- PDF and response cards ------------------------------------------------------------------------

/** The plan PDF: the current version, or a frozen one (?version=n). */
export async function planPdf(db: Db, actor: Actor, id: string, planVersion?: number) {
  const d = await getPlan(db, actor, id);
  let content = {
    title: d.title,
    sections: d.sections,
    annexes: d.annexes,
    posts: d.posts,
    version: d.planVersion,
    status: d.status as string,
  };
  let principal = d.principalName;
  let publishedOn = d.publishedOn;
  let review = { kind: d.review.kind as string | null, reviewedOn: d.review.reviewedOn };
  if (planVersion !== undefined && planVersion !== d.planVersion) {
    const v = await getPlanVersion(db, actor, id, planVersion);
    content = {
      title: v.title as string,
      sections: v.sections as Record<string, string>,
      annexes: v.annexes as Record<string, string>,
      posts: v.posts as PlanPost[],
      version: Number(v.planVersion),
      status: 'published',
    };
    principal = v.signedByName as string | null;
    publishedOn = v.publishedOn;
    const rv = v.review as { kind: string | null; reviewedOn: string | null };
    review = { kind: rv.kind, reviewedOn: rv.reviewedOn };
  }
  const { renderPlanPdf } = await import('./plans-pdf.ts');
  const pdf = await renderPlanPdf({
    owner: d.enterpriseName ?? d.departmentName ?? '',
    title: content.title,
    planType: d.planType,
    planVersion: content.version,
    status: content.status,
    principalName: principal,
    publishedOn,
    review,
    sections: content.sections,
    annexes: content.annexes,
    posts: content.posts,
    supplies: d.supplies,
    contacts: d.contacts,
    risks: [
      ...d.links.riskPoints.map((x) => `风险点：${x.name}`),
      ...d.links.installations.map((x) => `重大危险源：${x.name}${x.grade ? `（${x.grade}级）` : ''}`),
    ],
  });
  return { pdf, title: content.title, version: content.version };
}

/** The 应急处置卡 of an on-site plan's key posts (for the phone page and the pocket PDF). */
export async function planCards(db: Db, actor: Actor, id: string) {
  const d = await getPlan(db, actor, id);
  const alarmPhone = d.contacts.find((c) => c.role === '值班')?.phone ?? '';
  const owner = d.enterpriseName ?? d.departmentName ?? '';
  return {
    planId: d.id,
    planTitle: d.title,
    planType: d.planType,
    planVersion: d.planVersion,
    status: d.status,
    owner,
    alarmPhone,
    cards: d.planType === 'onSite' ? d.posts.map((p) => ({ ...p, owner, planTitle: d.title, alarmPhone })) : [],
  };
}

export async function planCardsPdf(db: Db, actor: Actor, id: string) {
  const c = await planCards(db, actor, id);
  const { renderCardsPdf } = await import('./plans-pdf.ts');
  return { pdf: await renderCardsPdf(`${c.planTitle} 应急处置卡`, c.cards), title: c.planTitle };
}

// 传染病报告 (issue 28, cases part): report a card, list and read it (masked per role), review,
// return, resubmit, revoke, reclassify, merge duplicates; the investigation task of a confirmed
// case is inserted in the same transaction. No person data in the audit. Owner: cases.
import { createHmac } from 'node:crypto';
import {
  type Actor,
  allowedCaseActions,
  type CasePerson,
  canViewCase,
  caseStatusAfter,
  caseTimeProblems,
  diseaseVersionOn,
  idProblem,
  investigationDueAt,
  isLate,
  maskPerson,
  PH_CLASSIFICATIONS,
  PH_ID_TYPES,
  type PhCaseAction,
  type PhCaseFacts,
  type PhCaseStatus,
  type PhClassification,
  type PhIdType,
  personKeyInput,
  reportDeadline,
  reviewDueAt,
  seesPersonClear,
  shanghaiDate,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { effectiveSetting } from '../settings/service.ts';
import type { Keyring } from '../whistleblowing/keyring.ts';
import { diseaseVersions } from './cases-store.ts';

const bi = (zh: string, en: string) => `${zh}||${en}`;

export const caseBodySchema = z.object({
  diseaseCode: z.string(bi('请选择病种', 'Choose a disease')).min(1, bi('请选择病种', 'Choose a disease')),
  classification: z.enum(PH_CLASSIFICATIONS as [PhClassification, ...PhClassification[]], bi('请选择病例分类', 'Choose a classification')),
  onsetAt: z
    .string()
    .datetime({ offset: true, message: bi('发病时间格式不对', 'Bad onset time') })
    .nullable()
    .optional(),
  diagnosedAt: z
    .string(bi('请填写诊断时间', 'Give the diagnosis time'))
    .datetime({ offset: true, message: bi('诊断时间格式不对', 'Bad diagnosis time') }),
  regionCode: z
    .string(bi('请选择现住址所在镇（街道）', 'Choose the residence township'))
    .regex(/^\d{12}$/, bi('请选择现住址所在镇（街道）', 'Choose the residence township')),
  sex: z.enum(['male', 'female']).nullable().optional(),
  ageYears: z.number().int().min(0, bi('年龄不对', 'Bad age')).max(150, bi('年龄不对', 'Bad age')).nullable().optional(),
  person: z.object({
    name: z.string(bi('请填写患者姓名', 'Give the name')).trim().min(1, bi('请填写患者姓名', 'Give the name')).max(50),
    idType: z.enum(PH_ID_TYPES as [PhIdType, ...PhIdType[]], bi('请选择证件类型', 'Choose a document type')),
    idNumber: z.string(bi('请填写证件号码', 'Give the document number')).min(1, bi('请填写证件号码', 'Give the document number')).max(30),
    phone: z.string().max(30).nullable().optional(),
    address: z.string().max(200).nullable().optional(),
  }),
});
export type CaseBody = z.infer<typeof caseBodySchema>;

export const caseListQuerySchema = z.object({
  status: z.enum(['reported', 'returned', 'reviewed', 'merged', 'revoked']).optional(),
  diseaseCode: z.string().optional(),
  from: z.iso.datetime({ offset: true, message: bi('开始时间格式不对', 'Bad start time') }).optional(),
  to: z.iso.datetime({ offset: true, message: bi('结束时间格式不对', 'Bad end time') }).optional(),
  overdue: z.enum(['1']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const caseActionBodySchema = z.object({
  version: z.number({ message: bi('缺少版本号', 'The version is missing') }).int(),
  reason: z.string().max(500).optional(),
  classification: z.enum(PH_CLASSIFICATIONS as [PhClassification, ...PhClassification[]]).optional(),
  intoId: z.string().uuid().optional(),
});

/** The person key: HMAC of the normalised document with the keyring's tag key (never a bare hash). */
export function personKey(keyring: Keyring, idType: PhIdType, idNumber: string): string {
  return createHmac('sha256', Buffer.from(keyring.file.tag, 'base64'))
    .update(`phPerson:${personKeyInput(idType, idNumber)}`)
    .digest('hex');
}

/** The person as stored: sealed (aad = the card's id), masked for those who may not see it, and its duplicate key. */
function personColumns(keyring: Keyring, caseId: string, person: CasePerson): [string, string, string] {
  return [
    keyring.seal(JSON.stringify(person), caseId),
    JSON.stringify(maskPerson(person)),
    personKey(keyring, person.idType, person.idNumber),
  ];
}

type CaseRow = {
  id: string;
  number: string;
  disease_code: string;
  disease_name_zh: string;
  disease_name_en: string;
  classification: PhClassification;
  onset_at: Date | null;
  diagnosed_at: Date;
  reported_at: Date;
  deadline_at: Date;
  late: boolean;
  region_code: string;
  region_name: string | null;
  report_region_code: string;
  facility_id: string;
  facility_name: string;
  reporter_id: string | null;
  person_sealed: string;
  person_masked: ReturnType<typeof maskPerson>;
  person_key: string;
  sex: 'male' | 'female' | null;
  age_years: number | null;
  status: PhCaseStatus;
  review_due_at: Date;
  reviewed_at: Date | null;
  merged_into: string | null;
  return_reason: string | null;
  merge_reason: string | null;
  version: number;
};

// The facility's name is the card's own column (migration 061): joined from enterprises, whose
// policy shows a county only its own units, a card from another county's hospital vanished.
const COLS = `c.*, d.name_zh AS disease_name_zh, d.name_en AS disease_name_en, r.name AS region_name`;
const FROM = `ph_cases c JOIN ph_diseases d ON d.code = c.disease_code LEFT JOIN regions r ON r.code = c.region_code`;

const facts = (r: CaseRow): PhCaseFacts => ({
  status: r.status,
  facilityId: r.facility_id,
  regionCode: r.region_code,
  reportRegionCode: r.report_region_code,
});
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function caseItem(keyring: Keyring, actor: Actor, r: CaseRow, now = new Date()) {
  const f = facts(r);
  const clear = seesPersonClear(actor, f);
  const person = clear ? (JSON.parse(keyring.open(r.person_sealed, r.id)) as CasePerson) : r.person_masked;
  return {
    id: r.id,
    number: r.number,
    diseaseCode: r.disease_code,
    diseaseName: { zh: r.disease_name_zh, en: r.disease_name_en },
    classification: r.classification,
    onsetAt: iso(r.onset_at),
    diagnosedAt: iso(r.diagnosed_at),
    reportedAt: iso(r.reported_at),
    deadlineAt: iso(r.deadline_at),
    late: r.late,
    regionCode: r.region_code,
    regionName: r.region_name,
    reportRegionCode: r.report_region_code,
    facilityId: r.facility_id,
    facilityName: r.facility_name,
    sex: r.sex,
    ageYears: r.age_years,
    status: r.status,
    reviewDueAt: iso(r.review_due_at),
    reviewOverdue: r.status === 'reported' && new Date(r.review_due_at).getTime() < now.getTime(),
    reviewedAt: iso(r.reviewed_at),
    mergedInto: r.merged_into,
    returnReason: r.return_reason,
    mergeReason: r.merge_reason,
    personMasked: !clear,
    person,
    version: r.version,
    allowedActions: allowedCaseActions(actor, f),
  };
}
export type CaseItem = ReturnType<typeof caseItem>;

async function findCase(tx: Queryable, id: string, lock = false): Promise<CaseRow | undefined> {
  const [row] = await tx.query<CaseRow>(`SELECT ${COLS} FROM ${FROM} WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`, [id]);
  return row;
}

/** The case number: PH-<year>-<facility's 6>-<serial>, a serial per facility and year. */
async function nextNumber(tx: Queryable, facilityId: string, at: Date): Promise<string> {
  const year = Number(shanghaiDate(at).slice(0, 4));
  const [row] = await tx.query<{ last: number }>(
    `INSERT INTO ph_case_serials (facility_id, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (facility_id, year) DO UPDATE SET last = ph_case_serials.last + 1 RETURNING last`,
    [facilityId, year],
  );
  return `PH${year}-${facilityId.replace(/-/g, '').slice(0, 6).toUpperCase()}-${String(row?.last ?? 1).padStart(5, '0')}`;
}

async function history(
  tx: Queryable,
  caseId: string,
  action: string,
  from: string | null,
  to: string,
  actorId: string | null,
  detail: object,
  at: Date,
) {
  await tx.query(
    'INSERT INTO ph_case_history (case_id, action, from_status, to_status, detail, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [caseId, action, from, to, JSON.stringify(detail), actorId, at],
  );
}

/**
 * Runs fn as the system: the reporter's scope hides every task (ph_tasks_read wants no
 * enterprise) and a township's prefix may not cover the task; both are put back after.
 */
async function asSystem<T>(tx: Scoped, fn: () => Promise<T>): Promise<T> {
  await tx.query("SELECT set_config('taishan.region_prefix', '', true), set_config('taishan.enterprise_id', '', true)");
  try {
    return await fn();
  } finally {
    await tx.query("SELECT set_config('taishan.region_prefix', $1, true), set_config('taishan.enterprise_id', $2, true)", [
      tx.scope.regionPrefix,
      tx.scope.enterpriseId ?? '',
    ]);
  }
}

/** The 流调 task of a confirmed case, inserted as the system (whatever the reporter's scope); one open at most. */
async function insertInvestigation(
  tx: Scoped,
  c: { id: string; regionCode: string; diagnosedAt: Date; number: string },
  actorId: string | null,
) {
  const hours = await effectiveSetting(tx, 'phCases.investigationHours', c.regionCode);
  await asSystem(tx, async () => {
    const [open] = await tx.query("SELECT 1 FROM ph_tasks WHERE case_id = $1 AND kind = 'investigation' AND status <> 'cancelled'", [c.id]);
    if (open) return;
    await tx.query(
      `INSERT INTO ph_tasks (kind, case_id, region_code, title, due_at, created_by) VALUES ('investigation', $1, $2, $3, $4, $5)`,
      [c.id, c.regionCode, `流行病学调查 ${c.number}`, investigationDueAt(c.diagnosedAt, hours), actorId],
    );
  });
}

/** The open 流调 task of a card that no longer counts as confirmed (revoked, merged, reclassified) is cancelled. */
async function cancelInvestigation(tx: Scoped, caseId: string, note: string, now: Date) {
  await asSystem(tx, () =>
    tx.query(
      "UPDATE ph_tasks SET status = 'cancelled', note = coalesce(note, $2), updated_at = $3 WHERE case_id = $1 AND kind = 'investigation' AND status = 'open'",
      [caseId, note, now],
    ),
  );
}

/**
 * The checks of a card's content, for a report and for a correction: the document (checksum, birth
 * date), the times, the disease in force on the diagnosis date, a township of residence, the
 * facility. Throws one 400 with every field's message; returns what the row needs.
 */
async function checkCaseBody(tx: Queryable, body: CaseBody, facilityId: string, now: Date) {
  const diagnosedAt = new Date(body.diagnosedAt);
  const onsetAt = body.onsetAt ? new Date(body.onsetAt) : null;
  const fields: Record<string, { zh: string; en: string }> = {};
  const idP = idProblem(body.person.idType, body.person.idNumber, now);
  if (idP)
    fields['person.idNumber'] =
      idP === 'checksum'
        ? { zh: '身份证号码校验位不对', en: 'The ID number’s check digit is wrong' }
        : idP === 'birthDate'
          ? { zh: '身份证号码中的出生日期不对', en: 'The birth date in the ID number is not valid' }
          : { zh: '证件号码格式不对', en: 'The document number is not in its format' };
  for (const p of caseTimeProblems(onsetAt, diagnosedAt, now))
    fields[p.field] =
      p.reason === 'future'
        ? { zh: '时间不能晚于现在', en: 'Cannot be in the future' }
        : { zh: '发病时间不能晚于诊断时间', en: 'Onset cannot be after diagnosis' };
  const versions = await diseaseVersions(tx, body.diseaseCode);
  const v = diseaseVersionOn(versions, body.diseaseCode, shanghaiDate(diagnosedAt));
  if (!v)
    fields.diseaseCode = versions.length
      ? { zh: '该病种在诊断日期不在法定报告范围内', en: 'This disease is not in force on the diagnosis date' }
      : { zh: '没有这个病种', en: 'Unknown disease' };
  const [region] = await tx.query<{ level: string }>('SELECT level FROM regions WHERE code = $1', [body.regionCode]);
  if (!region) fields.regionCode = { zh: '没有这个地区', en: 'Unknown region' };
  else if (region.level !== 'township') fields.regionCode = { zh: '现住址须选到镇（街道）', en: 'The residence must be a township' };
  const [fac] = await tx.query<{ region_code: string }>(
    'SELECT e.region_code FROM enterprises e JOIN ph_facilities f ON f.enterprise_id = e.id WHERE e.id = $1',
    [facilityId],
  );
  if (!fac) throw forbidden({ zh: '所在单位不是登记的医疗卫生机构', en: 'Your unit is not a registered health facility' });
  if (Object.keys(fields).length || !v) throw invalid(fields);
  const person: CasePerson = {
    name: body.person.name,
    idType: body.person.idType,
    idNumber: body.person.idNumber.replace(/[\s-]/g, '').toUpperCase(),
    phone: body.person.phone ?? null,
    address: body.person.address ?? null,
  };
  return { version: v, diagnosedAt, onsetAt, person, facilityRegion: fac.region_code };
}

export async function createCase(db: Db, keyring: Keyring, actor: Actor, body: CaseBody, now = new Date()): Promise<CaseItem> {
  if (actor.role !== 'medicalReporter' || !actor.scope.enterpriseId) throw forbidden();
  const facilityId = actor.scope.enterpriseId;
  return withScope(db, actor.scope, async (tx) => {
    const { version: v, diagnosedAt, onsetAt, person, facilityRegion } = await checkCaseBody(tx, body, facilityId, now);
    const [idRow] = await tx.query<{ id: string }>('SELECT gen_random_uuid() AS id');
    const id = idRow?.id as string;
    const deadline = reportDeadline(v, diagnosedAt);
    const window = await effectiveSetting(tx, 'phCases.reviewWindowHours', facilityRegion);
    const number = await nextNumber(tx, facilityId, now);
    await tx.query(
      `INSERT INTO ph_cases (id, number, disease_code, classification, onset_at, diagnosed_at, reported_at, deadline_at, late, region_code,
         report_region_code, facility_id, reporter_id, person_sealed, person_masked, person_key, sex, age_years, review_due_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $7, $7)`,
      [
        id,
        number,
        body.diseaseCode,
        body.classification,
        onsetAt,
        diagnosedAt,
        now,
        deadline,
        isLate(deadline, now),
        body.regionCode,
        facilityRegion,
        facilityId,
        actor.id,
        ...personColumns(keyring, id, person),
        body.sex ?? null,
        body.ageYears ?? null,
        reviewDueAt(now, window),
      ],
    );
    await history(tx, id, 'report', null, 'reported', actor.id, { classification: body.classification }, now);
    if (body.classification === 'confirmed')
      await insertInvestigation(tx, { id, regionCode: body.regionCode, diagnosedAt, number }, actor.id);
    await appendAudit(tx, actor, {
      action: 'phCases.report',
      entityType: 'phCase',
      entityId: id,
      regionCode: facilityRegion,
      after: { number, diseaseCode: body.diseaseCode, classification: body.classification, late: isLate(deadline, now) },
    });
    return caseItem(keyring, actor, (await findCase(tx, id)) as CaseRow, now);
  });
}

export const correctionBodySchema = caseBodySchema.extend({
  version: z.number({ message: bi('缺少版本号', 'The version is missing') }).int(),
});

/**
 * A returned card corrected by its facility and sent back for review (the state machine's
 * resubmit): every field checked as in a report, the person sealed again, the deadline judged
 * again from the diagnosis time against the time it was first reported, a fresh review window.
 * The history and the audit name the fields that changed, never their values.
 */
export async function correctCase(
  db: Db,
  keyring: Keyring,
  actor: Actor,
  id: string,
  body: z.infer<typeof correctionBodySchema>,
  now = new Date(),
): Promise<CaseItem> {
  return withScope(db, actor.scope, async (tx) => {
    const r = await findCase(tx, id, true);
    if (!r || !canViewCase(actor, facts(r))) throw notFound();
    if (!allowedCaseActions(actor, facts(r)).includes('resubmit'))
      throw r.facility_id === actor.scope.enterpriseId ? conflict() : forbidden();
    if (r.version !== body.version)
      throw conflict({ zh: '记录已被他人修改，请刷新后重试', en: 'The record changed; reload and try again' });
    const { version: v, diagnosedAt, onsetAt, person, facilityRegion } = await checkCaseBody(tx, body, r.facility_id, now);
    const before = JSON.parse(keyring.open(r.person_sealed, r.id)) as CasePerson;
    const same = (a: Date | null, b: Date | null) => (a === null || b === null ? a === b : new Date(a).getTime() === b.getTime());
    const changed = [
      body.diseaseCode !== r.disease_code && 'diseaseCode',
      body.classification !== r.classification && 'classification',
      !same(r.onset_at, onsetAt) && 'onsetAt',
      !same(r.diagnosed_at, diagnosedAt) && 'diagnosedAt',
      body.regionCode !== r.region_code && 'regionCode',
      (body.sex ?? null) !== r.sex && 'sex',
      (body.ageYears ?? null) !== r.age_years && 'ageYears',
      JSON.stringify(person) !== JSON.stringify(before) && 'person',
    ].filter((x): x is string => x !== false);
    const deadline = reportDeadline(v, diagnosedAt);
    const window = await effectiveSetting(tx, 'phCases.reviewWindowHours', facilityRegion);
    await tx.query(
      `UPDATE ph_cases SET status = 'reported', disease_code = $2, classification = $3, onset_at = $4, diagnosed_at = $5, deadline_at = $6,
         late = $7, region_code = $8, person_sealed = $9, person_masked = $10, person_key = $11, sex = $12, age_years = $13,
         review_due_at = $14, return_reason = NULL, version = version + 1, updated_at = $15
       WHERE id = $1`,
      [
        id,
        body.diseaseCode,
        body.classification,
        onsetAt,
        diagnosedAt,
        deadline,
        isLate(deadline, new Date(r.reported_at)),
        body.regionCode,
        ...personColumns(keyring, id, person),
        body.sex ?? null,
        body.ageYears ?? null,
        reviewDueAt(now, window),
        now,
      ],
    );
    await history(tx, id, 'resubmit', r.status, 'reported', actor.id, { corrected: changed }, now);
    // The 流调 task follows the corrected card: cancelled when it is no longer confirmed, and set
    // again when its township or diagnosis time (its due time) changed.
    const moved = changed.includes('regionCode') || changed.includes('diagnosedAt');
    if (r.classification === 'confirmed' && (body.classification !== 'confirmed' || moved))
      await cancelInvestigation(tx, id, body.classification === 'confirmed' ? '报告卡订正，重新派发' : '病例不再是确诊病例', now);
    if (body.classification === 'confirmed')
      await insertInvestigation(tx, { id, regionCode: body.regionCode, diagnosedAt, number: r.number }, actor.id);
    await appendAudit(tx, actor, {
      action: 'phCases.resubmit',
      entityType: 'phCase',
      entityId: id,
      regionCode: r.report_region_code,
      before: { status: r.status, classification: r.classification, diseaseCode: r.disease_code },
      after: { status: 'reported', classification: body.classification, diseaseCode: body.diseaseCode, corrected: changed },
    });
    return caseItem(keyring, actor, (await findCase(tx, id)) as CaseRow, now);
  });
}

export async function listCases(db: Db, keyring: Keyring, actor: Actor, q: z.infer<typeof caseListQuerySchema>) {
  if (!canSeeAny(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [];
    const where: string[] = [];
    // Exactly canViewCase, in SQL, so that the page and the total are right.
    if (actor.role === 'medicalReporter') {
      if (!actor.scope.enterpriseId) where.push('false');
      else {
        params.push(actor.scope.enterpriseId);
        where.push(`c.facility_id = $${params.length}`);
      }
    } else if (actor.role !== 'platformAdmin' && actor.scope.regionPrefix) {
      params.push(actor.scope.regionPrefix);
      where.push(`(c.region_code LIKE $${params.length} || '%' OR c.report_region_code LIKE $${params.length} || '%')`);
    }
    if (q.status) {
      params.push(q.status);
      where.push(`c.status = $${params.length}`);
    }
    if (q.diseaseCode) {
      params.push(q.diseaseCode);
      where.push(`c.disease_code = $${params.length}`);
    }
    if (q.overdue) where.push(`c.status = 'reported' AND c.review_due_at < now()`);
    if (q.from) {
      params.push(q.from);
      where.push(`c.diagnosed_at >= $${params.length}::timestamptz`);
    }
    if (q.to) {
      params.push(q.to);
      where.push(`c.diagnosed_at < $${params.length}::timestamptz`);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [count] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ph_cases c ${w}`, params);
    params.push(q.pageSize, (q.page - 1) * q.pageSize);
    const rows = await tx.query<CaseRow>(
      `SELECT ${COLS} FROM ${FROM} ${w} ORDER BY c.reported_at DESC, c.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const now = new Date();
    return {
      total: count?.n ?? 0,
      page: q.page,
      pageSize: q.pageSize,
      items: rows.map((r) => caseItem(keyring, actor, r, now)),
    };
  });
}

const canSeeAny = (a: Actor) =>
  a.role === 'platformAdmin' || a.role === 'medicalReporter' || a.role === 'cdcReviewer' || a.role.endsWith('Supervisor');

export async function getCase(db: Db, keyring: Keyring, actor: Actor, id: string) {
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findCase(tx, id);
    if (!r || !canViewCase(actor, facts(r))) throw notFound();
    const hist = await tx.query<{
      action: string;
      from_status: string | null;
      to_status: string;
      detail: object;
      at: Date;
      actor_name: string | null;
    }>(
      `SELECT h.action, h.from_status, h.to_status, h.detail, h.at, u.display_name AS actor_name FROM ph_case_history h
         LEFT JOIN users u ON u.id = h.actor_id WHERE h.case_id = $1 ORDER BY h.at, h.id`,
      [id],
    );
    return {
      ...caseItem(keyring, actor, r),
      history: hist.map((h) => ({
        action: h.action,
        fromStatus: h.from_status,
        toStatus: h.to_status,
        detail: h.detail,
        at: iso(h.at),
        actorName: h.actor_name,
      })),
    };
  });
}

/** Cards of the same person and disease within the window (the reviewer's desk). */
export async function caseDuplicates(db: Db, keyring: Keyring, actor: Actor, id: string) {
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findCase(tx, id);
    if (!r || !canViewCase(actor, facts(r))) throw notFound();
    const days = await effectiveSetting(tx, 'phCases.duplicateWindowDays', r.region_code);
    const rows = await tx.query<CaseRow>(
      `SELECT ${COLS} FROM ${FROM} WHERE c.person_key = $1 AND c.disease_code = $2 AND c.id <> $3
         AND c.status IN ('reported', 'returned', 'reviewed')
         AND c.diagnosed_at BETWEEN $4::timestamptz - make_interval(days => $5) AND $4::timestamptz + make_interval(days => $5)
       ORDER BY c.diagnosed_at`,
      [r.person_key, r.disease_code, id, r.diagnosed_at, days],
    );
    return rows.filter((o) => canViewCase(actor, facts(o))).map((o) => caseItem(keyring, actor, o));
  });
}

export async function actOnCase(
  db: Db,
  keyring: Keyring,
  actor: Actor,
  id: string,
  action: PhCaseAction,
  body: z.infer<typeof caseActionBodySchema>,
  now = new Date(),
) {
  return withScope(db, actor.scope, async (tx) => {
    const r = await findCase(tx, id, true);
    if (!r || !canViewCase(actor, facts(r))) throw notFound();
    if (!allowedCaseActions(actor, facts(r)).includes(action))
      throw canViewCase(actor, facts(r)) && r.status !== 'reported' && action !== 'resubmit' ? conflict() : forbidden();
    if (r.version !== body.version)
      throw conflict({ zh: '记录已被他人修改，请刷新后重试', en: 'The record changed; reload and try again' });
    const reason = body.reason?.trim() ?? '';
    if ((action === 'return' || action === 'revoke' || action === 'merge') && !reason)
      throw invalid({ reason: { zh: '请填写原因', en: 'Give the reason' } });
    const to = caseStatusAfter(action, r.status);
    let classification = r.classification;
    const detail: Record<string, unknown> = {};
    if (action === 'reclassify') {
      if (!body.classification) throw invalid({ classification: { zh: '请选择病例分类', en: 'Choose a classification' } });
      detail.from = r.classification;
      detail.to = body.classification;
      classification = body.classification;
    }
    if (action === 'merge') {
      if (!body.intoId) throw invalid({ intoId: { zh: '请选择合并到的报告卡', en: 'Choose the card to merge into' } });
      const into = await findCase(tx, body.intoId, true);
      if (!into || !canViewCase(actor, facts(into))) throw invalid({ intoId: { zh: '没有这张报告卡', en: 'No such card' } });
      if (
        into.id === r.id ||
        into.person_key !== r.person_key ||
        into.disease_code !== r.disease_code ||
        !['reported', 'reviewed'].includes(into.status)
      )
        throw invalid({
          intoId: { zh: '只能合并到同一患者、同一病种的有效报告卡', en: 'Merge only into a live card of the same person and disease' },
        });
      await tx.query('INSERT INTO ph_case_merges (merged_id, into_id, reason, merged_by, merged_at) VALUES ($1, $2, $3, $4, $5)', [
        r.id,
        into.id,
        reason,
        actor.id,
        now,
      ]);
      await history(tx, into.id, 'mergedInto', into.status, into.status, actor.id, { mergedNumber: r.number }, now);
      detail.intoNumber = into.number;
    }
    if (reason) detail.reason = reason;
    // Resubmitted unchanged (a correction goes through correctCase): the card is back on the desk
    // with a fresh review window, as a corrected one is, not one that ran out while it was returned.
    const reviewDue =
      action === 'resubmit' ? reviewDueAt(now, await effectiveSetting(tx, 'phCases.reviewWindowHours', r.report_region_code)) : null;
    await tx.query(
      `UPDATE ph_cases SET status = $2, classification = $3, version = version + 1, updated_at = $4,
         review_due_at = coalesce($9::timestamptz, review_due_at),
         reviewed_by = CASE WHEN $5 = 'review' THEN $6::uuid ELSE reviewed_by END,
         reviewed_at = CASE WHEN $5 = 'review' THEN $4 ELSE reviewed_at END,
         return_reason = CASE WHEN $5 = 'return' THEN $7 WHEN $5 = 'resubmit' THEN NULL ELSE return_reason END,
         merge_reason = CASE WHEN $5 = 'merge' THEN $7 ELSE merge_reason END,
         merged_into = CASE WHEN $5 = 'merge' THEN $8::uuid ELSE merged_into END
       WHERE id = $1`,
      [id, to, classification, now, action, actor.id, reason || null, body.intoId ?? null, reviewDue],
    );
    await history(tx, id, action, r.status, to, actor.id, detail, now);
    if (action === 'reclassify' && classification === 'confirmed' && r.classification !== 'confirmed')
      await insertInvestigation(tx, { id, regionCode: r.region_code, diagnosedAt: new Date(r.diagnosed_at), number: r.number }, actor.id);
    else if (action === 'revoke' || action === 'merge' || (action === 'reclassify' && classification !== 'confirmed'))
      await cancelInvestigation(
        tx,
        id,
        action === 'revoke' ? '报告卡已撤销' : action === 'merge' ? '报告卡已合并' : '病例不再是确诊病例',
        now,
      );
    await appendAudit(tx, actor, {
      action: `phCases.${action}`,
      entityType: 'phCase',
      entityId: id,
      regionCode: r.report_region_code,
      before: { status: r.status, classification: r.classification },
      after: { status: to, classification, ...(detail.intoNumber ? { intoNumber: detail.intoNumber } : {}) },
    });
    return caseItem(keyring, actor, (await findCase(tx, id)) as CaseRow, now);
  });
}

export async function listDiseases(db: Db) {
  const [ds, vs] = await Promise.all([
    db.query<{ code: string; name_zh: string; name_en: string }>('SELECT code, name_zh, name_en FROM ph_diseases ORDER BY code'),
    diseaseVersions(db),
  ]);
  const today = shanghaiDate(new Date());
  return ds.map((d) => {
    const versions = vs.filter((v) => v.diseaseCode === d.code);
    return { code: d.code, name: { zh: d.name_zh, en: d.name_en }, current: diseaseVersionOn(versions, d.code, today), versions };
  });
}

export async function listFacilities(db: Db, actor: Actor) {
  return readScoped(db, actor.scope, (tx) =>
    tx.query<{ id: string; name: string; kind: string; region_code: string }>(
      `SELECT e.id, e.name, f.kind, e.region_code FROM ph_facilities f JOIN enterprises e ON e.id = f.enterprise_id
        ${actor.scope.regionPrefix ? "WHERE e.region_code LIKE $1 || '%'" : ''} ORDER BY e.region_code, e.name`,
      actor.scope.regionPrefix ? [actor.scope.regionPrefix] : [],
    ),
  ).then((rows) => rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, regionCode: r.region_code })));
}

// People's commands and reads (issue 26): the rules are domain/src/people's (certificate windows,
// training minimums, the 安全总监 check, who may act); SQL is store.ts's. Every command writes its
// audit event in the same transaction. The people list's filters are computed from the domain
// rules on the rows in scope, and the 工作台 counts call the same function, so a count is its
// list's total.
import {
  type Actor,
  ATTENDANCE_NEXT,
  type AttendanceStatus,
  addYearsClamped,
  type attendanceInputSchema,
  attendeeAllowedActions,
  type Bilingual,
  CERTIFICATE_VALID_YEARS,
  type CertificateState,
  type CertificateStatus,
  type certificateInputSchema,
  certificateUsable,
  type closedCourseInputSchema,
  eligibleForExtendedReview,
  type HighRiskFlag,
  MANAGER_POSITIONS,
  maskPersonIdNumber,
  mayManagePeople,
  mayOrderClosedCourses,
  mayRecordPublicity,
  maySeeIdNumbers,
  mayViewClosedCourses,
  mayViewPeople,
  mayViewPublicity,
  PEOPLE_FILTERS,
  type PersonInput,
  PUBLICITY_VENUES,
  personAllowedActions,
  personInputSchema,
  type publicityInputSchema,
  qualificationState,
  REVIEW_INTERVAL_YEARS,
  requiredTrainingHours,
  safetyDirectorCheck,
  shiftCalendarDay,
  specialCertificateState,
  type TrainingMinimums,
  type trainingInputSchema,
  trainingShortfall,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { iso, todayInShanghai } from '../../time.ts';
import { visibleEnterprise } from '../enterprises/scope.ts';
import { effectiveSetting } from '../settings/service.ts';
import {
  type CertificateRow,
  type CourseRow,
  certificateNumberTaken,
  countCourses,
  enterprisesInScope,
  findCourse,
  findPerson,
  insertCertificate,
  insertPerson,
  insertTraining,
  listCourses,
  listPeopleRows,
  type PersonRow,
  type PublicityRow,
  publicityWhere,
  trainingOf,
  updatePerson,
} from './store.ts';

const NATIONAL = '000000000000';

// ---- rules with settings --------------------------------------------------------------------------

export type PeopleRules = { windowDays: number; offJobMonths: number; minimums: TrainingMinimums };

export async function rulesFor(tx: Scoped, regionCode: string): Promise<PeopleRules> {
  const r = regionCode || NATIONAL;
  const s = async <K extends Parameters<typeof effectiveSetting>[1]>(k: K) => effectiveSetting(tx, k, r);
  return {
    windowDays: (await s('people.certificateWindowDays')) as number,
    offJobMonths: (await s('people.offJobRetestMonths')) as number,
    minimums: {
      managerInitial: (await s('people.managerInitialHours')) as number,
      managerYearly: (await s('people.managerYearlyHours')) as number,
      managerInitialHighRisk: (await s('people.managerInitialHoursHighRisk')) as number,
      managerYearlyHighRisk: (await s('people.managerYearlyHoursHighRisk')) as number,
      staffInitial: (await s('people.staffInitialHours')) as number,
      staffInitialHighRisk: (await s('people.staffInitialHoursHighRisk')) as number,
      staffYearlyHighRisk: (await s('people.staffYearlyHoursHighRisk')) as number,
    },
  };
}

/** The region whose settings apply: the caller's home (an enterprise account: its enterprise's). */
async function rulesRegion(tx: Scoped): Promise<string> {
  if (tx.scope.enterpriseId) {
    const [e] = await tx.query<{ region_code: string }>('SELECT region_code FROM enterprises WHERE id = $1', [tx.scope.enterpriseId]);
    return e?.region_code ?? NATIONAL;
  }
  return tx.scope.regionPrefix ? tx.scope.regionPrefix.padEnd(12, '0') : NATIONAL;
}

function certificateView(c: CertificateRow, person: PersonRow, today: string, rules: PeopleRules) {
  const state: CertificateState =
    c.kind === 'qualification'
      ? qualificationState(c.valid_to, today, rules.windowDays)
      : specialCertificateState(
          { issuedOn: c.issued_on, reviewedOn: c.reviewed_on, extendedReview: c.extended_review, offJobSince: person.off_job_since },
          today,
          { windowDays: rules.windowDays, offJobMonths: rules.offJobMonths },
        );
  return {
    id: c.id,
    kind: c.kind,
    number: c.number,
    issuedOn: c.issued_on,
    category: c.category,
    item: c.item,
    reviewedOn: c.reviewed_on,
    extendedReview: c.extended_review,
    ...state,
  };
}
type CertificateView = ReturnType<typeof certificateView>;

/** The current certificate of each kind and category (a renewed one replaces its predecessor). */
function currentCertificates(all: CertificateView[]): CertificateView[] {
  const seen = new Set<string>();
  const out: CertificateView[] = [];
  for (const c of [...all].sort((a, b) => b.issuedOn.localeCompare(a.issuedOn))) {
    const key = `${c.kind}:${c.category ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}

export function personView(actor: Actor, p: PersonRow, today: string, year: number, rules: PeopleRules) {
  const all = p.certificates.map((c) => certificateView(c, p, today, rules));
  const current = currentCertificates(all);
  const required = requiredTrainingHours({ position: p.position, hiredOn: p.hired_on }, p.industry_code, year, rules.minimums);
  const needs: 'qualification' | 'special' | null = MANAGER_POSITIONS.includes(p.position)
    ? 'qualification'
    : p.position === 'specialWorker'
      ? 'special'
      : null;
  const missingQualification = !!needs && !current.some((c) => c.kind === needs && certificateUsable(c.status));
  const statuses = current.map((c) => c.status);
  const flags = {
    expiring: statuses.some((s) => s === 'reviewWindow' || s === 'expiryWindow'),
    overdue: statuses.some((s) => s === 'reviewOverdue' || s === 'expired'),
    retest: current.some((c) => c.retestRequired),
    missingQualification,
    trainingShortfall: trainingShortfall(required.hours, p.hours) > 0,
  };
  return {
    id: p.id,
    enterpriseId: p.enterprise_id,
    enterpriseName: p.enterprise_name,
    regionCode: p.region_code,
    name: p.name,
    idNumber: maySeeIdNumbers(actor) ? p.id_number : maskPersonIdNumber(p.id_number),
    idNumberMasked: !maySeeIdNumbers(actor),
    position: p.position,
    hiredOn: p.hired_on,
    inTradeSince: p.in_trade_since,
    offJobSince: p.off_job_since,
    version: p.version,
    certificates: all,
    current: current.map((c) => c.id),
    worstStatus: worstStatus(statuses),
    training: {
      year,
      hours: p.hours,
      required: required.hours,
      kind: required.kind,
      highRiskGroup: required.highRisk,
      shortfall: trainingShortfall(required.hours, p.hours),
    },
    flags,
    allowedActions: personAllowedActions(actor, { enterpriseId: p.enterprise_id }),
  };
}
export type PersonView = ReturnType<typeof personView>;

const STATUS_ORDER: CertificateStatus[] = ['expired', 'reviewOverdue', 'retestRequired', 'expiryWindow', 'reviewWindow', 'valid'];
const worstStatus = (s: CertificateStatus[]) => STATUS_ORDER.find((x) => s.includes(x)) ?? null;

// ---- the people list -----------------------------------------------------------------------------

export const peopleListQuerySchema = z.object({
  filter: z.enum(PEOPLE_FILTERS, { message: '未知的筛选条件||Unknown filter' }).optional(),
  enterpriseId: z.uuid({ message: '企业编号格式不正确||Invalid enterprise id' }).optional(),
  q: z.string().trim().max(50).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type PeopleListQuery = z.infer<typeof peopleListQuerySchema>;

/** The people in scope matching the filter, computed from the rules (the list and its 工作台 count). */
export async function filteredPeople(tx: Scoped, actor: Actor, q: PeopleListQuery, now = new Date()) {
  const today = todayInShanghai(now);
  const year = q.year ?? Number(today.slice(0, 4));
  const rules = await rulesFor(tx, await rulesRegion(tx));
  const rows = await listPeopleRows(tx, { enterpriseId: q.enterpriseId, q: q.q, year });
  const views = rows.map((r) => personView(actor, r, today, year, rules));
  return { views: q.filter ? views.filter((v) => v.flags[q.filter as keyof typeof v.flags]) : views, rules, year };
}

export async function listPeople(db: Db, actor: Actor, q: PeopleListQuery) {
  if (!mayViewPeople(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const { views, rules, year } = await filteredPeople(tx, actor, q);
    const start = (q.page - 1) * q.pageSize;
    return { total: views.length, year, rules, items: views.slice(start, start + q.pageSize) };
  });
}

export async function getPerson(db: Db, actor: Actor, id: string, year?: number) {
  if (!mayViewPeople(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const today = todayInShanghai();
    const y = year ?? Number(today.slice(0, 4));
    const p = await findPerson(tx, id, y);
    if (!p) throw notFound();
    const rules = await rulesFor(tx, p.region_code);
    const training = await trainingOf(tx, id);
    return {
      ...personView(actor, p, today, y, rules),
      trainingRecords: training.map((t) => ({
        id: t.id,
        course: t.course,
        provider: t.provider,
        attendedOn: t.attended_on,
        hours: t.hours,
      })),
    };
  });
}

// ---- the enterprises' summary (regulators; an enterprise sees its own) ----------------------------

export const enterpriseSummaryQuerySchema = z.object({
  filter: z.enum([...PEOPLE_FILTERS, 'safetyDirector'], { message: '未知的筛选条件||Unknown filter' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type EnterpriseSummaryQuery = z.infer<typeof enterpriseSummaryQuerySchema>;

export async function enterpriseSummaries(tx: Scoped, actor: Actor, q: EnterpriseSummaryQuery, now = new Date()) {
  const today = todayInShanghai(now);
  const [enterprises, { views }] = await Promise.all([enterprisesInScope(tx), filteredPeople(tx, actor, { page: 1, pageSize: 200 }, now)]);
  const byEnterprise = new Map<string, PersonView[]>();
  for (const v of views) byEnterprise.set(v.enterpriseId, [...(byEnterprise.get(v.enterpriseId) ?? []), v]);
  const rows = enterprises.map((e) => {
    const people = byEnterprise.get(e.id) ?? [];
    const count = (f: keyof PersonView['flags']) => people.filter((p) => p.flags[f]).length;
    const director = safetyDirectorCheck(
      { employees: e.employees, revenueWan: e.revenue_wan, highRisk: e.high_risk as HighRiskFlag[], safetyDirector: e.safety_director },
      people.map((p) => ({
        name: p.name,
        position: p.position,
        qualificationValidTo: p.certificates.filter((c) => c.kind === 'qualification').map((c) => c.validTo),
      })),
      today,
    );
    return {
      enterpriseId: e.id,
      name: e.name,
      regionCode: e.region_code,
      regionName: e.region_name,
      industryCode: e.industry_code,
      safetyDirector: e.safety_director,
      safetyDirectorCheck: director,
      people: people.length,
      expiring: count('expiring'),
      overdue: count('overdue'),
      retest: count('retest'),
      missingQualification: count('missingQualification'),
      trainingShortfall: count('trainingShortfall'),
    };
  });
  const f = q.filter;
  const filtered = !f
    ? rows
    : f === 'safetyDirector'
      ? rows.filter((r) => ['missing', 'notRecorded', 'noQualification', 'qualificationExpired'].includes(r.safetyDirectorCheck))
      : rows.filter((r) => r[f] > 0);
  return filtered;
}

export async function listEnterpriseSummaries(db: Db, actor: Actor, q: EnterpriseSummaryQuery) {
  if (!mayViewPeople(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const rows = await enterpriseSummaries(tx, actor, q);
    const start = (q.page - 1) * q.pageSize;
    return { total: rows.length, items: rows.slice(start, start + q.pageSize) };
  });
}

// ---- commands on people ---------------------------------------------------------------------------

const ownEnterprise = async (tx: Scoped, actor: Actor) => {
  if (!mayManagePeople(actor) || !actor.scope.enterpriseId) throw forbidden();
  return visibleEnterprise(tx, actor.scope.enterpriseId);
};

const duplicateId = (): AppError =>
  invalid({ idNumber: { zh: '本单位已登记此身份证号的人员', en: 'A person with this ID number is already recorded' } });

/** Create a person inside an open transaction (the import uses it too). */
export async function createPersonIn(tx: Scoped, actor: Actor, body: PersonInput) {
  const e = await ownEnterprise(tx, actor);
  const [dup] = await tx.query<{ id: string }>('SELECT id FROM people WHERE enterprise_id = $1 AND id_number = $2', [e.id, body.idNumber]);
  if (dup) throw duplicateId();
  const id = await insertPerson(tx, e, body);
  await appendAudit(tx, actor, {
    action: 'person.create',
    entityType: 'person',
    entityId: id,
    regionCode: e.region_code,
    after: { name: body.name, position: body.position, idNumber: maskPersonIdNumber(body.idNumber) },
  });
  return id;
}

export async function createPerson(db: Db, actor: Actor, body: PersonInput) {
  const id = await withScope(db, actor.scope, (tx) => createPersonIn(tx, actor, body));
  return getPerson(db, actor, id);
}

export const personPatchBodySchema = personInputSchema.extend({ version: z.number().int() });

export async function patchPerson(db: Db, actor: Actor, id: string, body: z.infer<typeof personPatchBodySchema>) {
  await withScope(db, actor.scope, async (tx) => {
    const p = await findPerson(tx, id, 2000, true);
    if (!p) throw notFound();
    if (!personAllowedActions(actor, { enterpriseId: p.enterprise_id }).includes('edit')) throw forbidden();
    if (p.version !== body.version)
      throw new AppError('conflict', { zh: '记录已被他人修改，请刷新后重试', en: 'The record changed; reload and try again' });
    const [dup] = await tx.query<{ id: string }>('SELECT id FROM people WHERE enterprise_id = $1 AND id_number = $2 AND id <> $3', [
      p.enterprise_id,
      body.idNumber,
      id,
    ]);
    if (dup) throw duplicateId();
    await updatePerson(tx, id, body);
    await appendAudit(tx, actor, {
      action: 'person.update',
      entityType: 'person',
      entityId: id,
      regionCode: p.region_code,
      before: { name: p.name, position: p.position, offJobSince: p.off_job_since },
      after: { name: body.name, position: body.position, offJobSince: body.offJobSince },
    });
  });
  return getPerson(db, actor, id);
}

export type CertificateBody = z.infer<typeof certificateInputSchema>;

/** Add a certificate inside an open transaction (the import uses it too). */
export async function addCertificateIn(tx: Scoped, actor: Actor, personId: string, body: CertificateBody) {
  const p = await findPerson(tx, personId, 2000, true);
  if (!p) throw notFound();
  if (!personAllowedActions(actor, { enterpriseId: p.enterprise_id }).includes('addCertificate')) throw forbidden();
  // The 6-year interval (Art. 21) needs 10 continuous years in the trade by the review it replaces.
  if (body.kind === 'special' && body.extendedReview) {
    const reviewDue = addYearsClamped(body.issuedOn, REVIEW_INTERVAL_YEARS);
    if (!eligibleForExtendedReview(p.in_trade_since, true, reviewDue))
      throw invalid({
        extendedReview: {
          zh: '每6年复审须在复审时连续从事本工种10年以上（请先登记从事本工种起始日期）',
          en: 'The 6-year interval needs 10 continuous years in the trade by the review (record the start first)',
        },
      });
  }
  if (await certificateNumberTaken(tx, body.kind, body.number))
    throw invalid({ number: { zh: '此证书编号已登记', en: 'This certificate number is already recorded' } });
  // A special-work certificate is valid 6 years from issue (Art. 19): computed, never typed.
  const validTo = body.kind === 'special' ? addYearsClamped(body.issuedOn, CERTIFICATE_VALID_YEARS) : (body.validTo as string);
  // The check above sees only the caller's jurisdiction; a number held elsewhere in the country
  // meets the national unique index instead, and is the same field error (the row's transaction is
  // rolled back, so an import goes on with its next row).
  const id = await insertCertificate(tx, p, {
    kind: body.kind,
    number: body.number,
    issuedOn: body.issuedOn,
    validTo,
    category: body.kind === 'special' ? body.category : null,
    item: body.item,
    reviewedOn: body.reviewedOn,
    extendedReview: body.kind === 'special' && body.extendedReview,
  }).catch((e: unknown) => {
    if ((e as { code?: string }).code === '23505')
      throw invalid({ number: { zh: '此证书编号已登记', en: 'This certificate number is already recorded' } });
    throw e;
  });
  await appendAudit(tx, actor, {
    action: 'certificate.add',
    entityType: 'certificate',
    entityId: id,
    regionCode: p.region_code,
    after: { personId, kind: body.kind, number: body.number, issuedOn: body.issuedOn, validTo, category: body.category },
  });
  return id;
}

export async function addCertificate(db: Db, actor: Actor, personId: string, body: CertificateBody) {
  await withScope(db, actor.scope, (tx) => addCertificateIn(tx, actor, personId, body));
  return getPerson(db, actor, personId);
}

export async function addTraining(db: Db, actor: Actor, personId: string, body: z.infer<typeof trainingInputSchema>) {
  await withScope(db, actor.scope, async (tx) => {
    const p = await findPerson(tx, personId, 2000, true);
    if (!p) throw notFound();
    if (!personAllowedActions(actor, { enterpriseId: p.enterprise_id }).includes('addTraining')) throw forbidden();
    const id = await insertTraining(tx, p, body);
    await appendAudit(tx, actor, {
      action: 'training.add',
      entityType: 'person',
      entityId: personId,
      regionCode: p.region_code,
      after: { trainingId: id, course: body.course, attendedOn: body.attendedOn, hours: body.hours },
    });
  });
  return getPerson(db, actor, personId, Number(body.attendedOn.slice(0, 4)));
}

// ---- closed courses -------------------------------------------------------------------------------

export const courseListQuerySchema = z.object({
  pending: z.enum(['true']).optional(),
  enterpriseId: z.uuid({ message: '企业编号格式不正确||Invalid enterprise id' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

function courseView(actor: Actor, c: CourseRow) {
  return {
    id: c.id,
    enterpriseId: c.enterprise_id,
    enterpriseName: c.enterprise_name,
    regionCode: c.region_code,
    title: c.title,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    place: c.place,
    reason: c.reason,
    caseId: c.case_id,
    caseTitle: c.case_title,
    accidentId: c.accident_id,
    accidentNumber: c.accident_number,
    orderedByName: c.ordered_by_name,
    orderedAt: iso(c.ordered_at) as string,
    attendees: c.attendees.map((a) => ({ ...a, allowedActions: attendeeAllowedActions(actor, a.status) })),
    completed: c.attendees.length > 0 && c.attendees.every((a) => a.status === 'completed'),
  };
}

export async function listClosedCourses(db: Db, actor: Actor, q: z.infer<typeof courseListQuerySchema>) {
  if (!mayViewClosedCourses(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const { total, rows } = await listCourses(tx, q);
    return { total, items: rows.map((r) => courseView(actor, r)) };
  });
}

export const countPendingCourses = (tx: Scoped) => countCourses(tx, { pending: 'true' });

export async function orderClosedCourse(db: Db, actor: Actor, body: z.infer<typeof closedCourseInputSchema>) {
  if (!mayOrderClosedCourses(actor)) throw forbidden();
  const id = await withScope(db, actor.scope, async (tx) => {
    const e = await visibleEnterprise(tx, body.enterpriseId);
    const fields: Record<string, Bilingual> = {};
    if (body.caseId) {
      const [c] = await tx.query('SELECT 1 FROM enforcement_cases WHERE id = $1 AND enterprise_id = $2', [body.caseId, e.id]);
      if (!c) fields.caseId = { zh: '该企业无此案件', en: 'No such case of this enterprise' };
    }
    if (body.accidentId) {
      const [a] = await tx.query('SELECT 1 FROM accidents WHERE id = $1 AND enterprise_id = $2', [body.accidentId, e.id]);
      if (!a) fields.accidentId = { zh: '该企业无此事故', en: 'No such accident of this enterprise' };
    }
    const people = await tx.query<{ id: string; position: string }>(
      'SELECT id, position FROM people WHERE enterprise_id = $1 AND id = ANY($2::uuid[])',
      [e.id, body.personIds],
    );
    if (people.length !== new Set(body.personIds).size)
      fields.personIds = { zh: '参训人员须为该企业登记的人员', en: 'Attendees must be people of this enterprise' };
    else if (people.some((p) => !MANAGER_POSITIONS.includes(p.position as 'principal')))
      fields.personIds = { zh: '封闭培训对象为主要负责人和安全管理人员', en: 'Closed training is for the principal and safety managers' };
    if (Object.keys(fields).length) throw invalid(fields);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO closed_courses (enterprise_id, region_code, industry_code, title, starts_on, ends_on, place, reason, case_id, accident_id,
         ordered_by, ordered_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        e.id,
        e.region_code,
        e.industry_code,
        body.title,
        body.startsOn,
        body.endsOn,
        body.place,
        body.reason,
        body.caseId ?? null,
        body.accidentId ?? null,
        actor.id,
        (actor as Actor & { displayName?: string }).displayName ?? actor.username,
      ],
    );
    const courseId = row?.id as string;
    for (const pid of new Set(body.personIds)) {
      await tx.query(
        'INSERT INTO closed_course_attendees (course_id, person_id, enterprise_id, region_code, industry_code) VALUES ($1, $2, $3, $4, $5)',
        [courseId, pid, e.id, e.region_code, e.industry_code],
      );
    }
    await appendAudit(tx, actor, {
      action: 'closedCourse.order',
      entityType: 'closedCourse',
      entityId: courseId,
      regionCode: e.region_code,
      after: {
        enterpriseId: e.id,
        title: body.title,
        startsOn: body.startsOn,
        endsOn: body.endsOn,
        reason: body.reason,
        personIds: body.personIds,
      },
    });
    return courseId;
  });
  return readScoped(db, actor.scope, async (tx) => courseView(actor, (await findCourse(tx, id)) as CourseRow));
}

export async function recordAttendance(
  db: Db,
  actor: Actor,
  courseId: string,
  personId: string,
  body: z.infer<typeof attendanceInputSchema>,
) {
  await withScope(db, actor.scope, async (tx) => {
    const c = await findCourse(tx, courseId);
    if (!c) throw notFound();
    const a = c.attendees.find((x) => x.personId === personId);
    if (!a) throw notFound();
    if (!mayOrderClosedCourses(actor)) throw forbidden();
    if (!(ATTENDANCE_NEXT[a.status] as readonly AttendanceStatus[]).includes(body.status))
      throw new AppError('conflict', { zh: '当前参训状态下不能进行此登记', en: 'Not possible from the current attendance status' });
    await tx.query(
      'UPDATE closed_course_attendees SET status = $3, note = $4, updated_at = now() WHERE course_id = $1 AND person_id = $2',
      [courseId, personId, body.status, body.note],
    );
    await appendAudit(tx, actor, {
      action: 'closedCourse.attendance',
      entityType: 'closedCourse',
      entityId: courseId,
      regionCode: c.region_code,
      before: { personId, status: a.status },
      after: { personId, status: body.status, note: body.note },
    });
  });
  return readScoped(db, actor.scope, async (tx) => courseView(actor, (await findCourse(tx, courseId)) as CourseRow));
}

// ---- publicity ------------------------------------------------------------------------------------

export const publicityQuerySchema = z.object({
  venue: z.enum(PUBLICITY_VENUES, { message: '未知的场所||Unknown venue' }).optional(),
  from: z.iso.date({ message: '日期格式不正确||Invalid date' }).optional(),
  to: z.iso.date({ message: '日期格式不正确||Invalid date' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export async function listPublicity(db: Db, actor: Actor, q: z.infer<typeof publicityQuerySchema>) {
  if (!mayViewPublicity(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [];
    const where = publicityWhere(tx, q, params);
    // Totals per venue and per child region of the caller (the next level down: county → its towns' 9 digits).
    const childLen = childPrefixLength(tx.scope.regionPrefix);
    const [byVenue, byRegion, [n]] = await Promise.all([
      tx.query<{ venue: string; events: number; reach: number }>(
        `SELECT v.venue, count(*)::int AS events, coalesce(sum(v.reach), 0)::int AS reach FROM publicity_events v WHERE ${where} GROUP BY v.venue`,
        params,
      ),
      tx.query<{ code: string; name: string | null; events: number; reach: number }>(
        `SELECT rpad(left(v.region_code, ${childLen}), 12, '0') AS code, max(r.name) AS name, count(*)::int AS events, coalesce(sum(v.reach), 0)::int AS reach
         FROM publicity_events v LEFT JOIN regions r ON r.code = rpad(left(v.region_code, ${childLen}), 12, '0')
         WHERE ${where} GROUP BY 1 ORDER BY 1`,
        params,
      ),
      tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM publicity_events v WHERE ${where}`, params),
    ]);
    const p2 = [...params, q.pageSize, (q.page - 1) * q.pageSize];
    const rows = await tx.query<PublicityRow>(
      `SELECT v.id, v.region_code, r.name AS region_name, v.title, v.venue, v.held_on::text AS held_on, v.place, v.organiser, v.reach
       FROM publicity_events v LEFT JOIN regions r ON r.code = v.region_code WHERE ${where}
       ORDER BY v.held_on DESC, v.created_at DESC LIMIT $${p2.length - 1} OFFSET $${p2.length}`,
      p2,
    );
    return {
      total: n?.n ?? 0,
      items: rows.map((r) => ({
        id: r.id,
        regionCode: r.region_code,
        regionName: r.region_name,
        title: r.title,
        venue: r.venue,
        heldOn: r.held_on,
        place: r.place,
        organiser: r.organiser,
        reach: r.reach,
      })),
      totals: {
        byVenue: PUBLICITY_VENUES.map((v) => {
          const x = byVenue.find((b) => b.venue === v);
          return { venue: v, events: x?.events ?? 0, reach: x?.reach ?? 0 };
        }),
        byRegion,
      },
    };
  });
}

/** The significant length of the level below a region prefix: '' → 2, 32 → 4, 3213 → 6, 321302 → 9, else 12. */
function childPrefixLength(prefix: string): number {
  const l = prefix.length;
  return l === 0 ? 2 : l === 2 ? 4 : l === 4 ? 6 : l === 6 ? 9 : 12;
}

export async function recordPublicity(db: Db, actor: Actor, body: z.infer<typeof publicityInputSchema>) {
  if (!mayRecordPublicity(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    const regionCode = body.regionCode ?? (tx.scope.regionPrefix ? tx.scope.regionPrefix.padEnd(12, '0') : null);
    if (!regionCode) throw invalid({ regionCode: { zh: '请选择行政区划', en: 'Choose the region' } });
    if (!regionCode.startsWith(tx.scope.regionPrefix))
      throw invalid({ regionCode: { zh: '只能登记本辖区的活动', en: 'Only events in your jurisdiction' } });
    const [r] = await tx.query('SELECT 1 FROM regions WHERE code = $1', [regionCode]);
    if (!r) throw invalid({ regionCode: { zh: '行政区划代码不存在', en: 'Unknown region code' } });
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO publicity_events (region_code, title, venue, held_on, place, organiser, reach, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [regionCode, body.title, body.venue, body.heldOn, body.place, body.organiser, body.reach, actor.id],
    );
    await appendAudit(tx, actor, {
      action: 'publicity.record',
      entityType: 'publicityEvent',
      entityId: row?.id ?? null,
      regionCode,
      after: { title: body.title, venue: body.venue, heldOn: body.heldOn, reach: body.reach },
    });
    return { id: row?.id as string, regionCode };
  });
}

/**
 * Record a 复审 passed on a special-work certificate. It counts for the review it falls in: from
 * the opening of that review's window (the same rule specialCertificateState reads), not in the
 * future, and not for a certificate that is already expired or has no review left before renewal.
 */
export async function recordReview(db: Db, actor: Actor, personId: string, certificateId: string, body: { reviewedOn: string }) {
  await withScope(db, actor.scope, async (tx) => {
    const p = await findPerson(tx, personId, 2000, true);
    if (!p) throw notFound();
    const c = p.certificates.find((x) => x.id === certificateId);
    if (!c) throw notFound();
    if (!personAllowedActions(actor, { enterpriseId: p.enterprise_id }).includes('addCertificate')) throw forbidden();
    const rules = await rulesFor(tx, p.region_code);
    const today = todayInShanghai();
    const reviewDue = addYearsClamped(c.issued_on, c.extended_review ? 6 : REVIEW_INTERVAL_YEARS);
    const opens = shiftCalendarDay(reviewDue, -rules.windowDays);
    if (c.kind !== 'special' || reviewDue >= c.valid_to)
      throw invalid({ reviewedOn: { zh: '此证书无需复审（到期换证）', en: 'This certificate has no review (it is renewed at expiry)' } });
    if (body.reviewedOn > today) throw invalid({ reviewedOn: { zh: '复审日期不能晚于今天', en: 'The review cannot be in the future' } });
    if (body.reviewedOn < opens)
      throw invalid({
        reviewedOn: {
          zh: `复审须在 ${opens} 及以后（复审期满前${rules.windowDays}日内）`,
          en: `A review counts from ${opens} (${rules.windowDays} days before it falls due)`,
        },
      });
    if (body.reviewedOn > c.valid_to) throw invalid({ reviewedOn: { zh: '证书已过期，须重新取证', en: 'The certificate has expired' } });
    await tx.query('UPDATE person_certificates SET reviewed_on = $2 WHERE id = $1', [certificateId, body.reviewedOn]);
    await appendAudit(tx, actor, {
      action: 'certificate.review',
      entityType: 'certificate',
      entityId: certificateId,
      regionCode: p.region_code,
      before: { reviewedOn: c.reviewed_on },
      after: { reviewedOn: body.reviewedOn },
    });
  });
  return getPerson(db, actor, personId);
}

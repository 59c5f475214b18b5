// 队伍、专家与值班's commands and reads (issue 27): teams and experts searched by kind/field and by
// straight-line distance from a point (coordinates, a region's centre, an accident's place), the
// rescue agreements and the Decree 708 units with neither a team nor an agreement, duty rosters
// (week view, shifts, copy last week, the gaps of 24-hour rosters) and the duty phones. Rules are
// domain's (teams-duty.ts, teams-policy.ts); SQL is teams-store.ts; every change writes its audit
// event in the same transaction. An expert's phone is never put into an audit event or a log line.
// Owner: teams (救援队伍、专家、值班).
import {
  type Actor,
  type AgreementBody,
  agreementAllowedActions,
  beijingWeekStart,
  type copyWeekBodySchema,
  copyWeekForward,
  DUTY_OWNER_KINDS,
  type DutyObligation,
  type DutyRules,
  type DutyUnit,
  distanceKm,
  dutyObligation,
  type dutyPhoneBodySchema,
  EXPERT_FIELDS,
  expertAllowedActions,
  type expertBodySchema,
  isEnterpriseUser,
  isSupervisor,
  maskPhone,
  mayEditRoster,
  mayEditTeam,
  mayManageTeams,
  mayViewTeams,
  needsRescueTeam,
  overlappingShifts,
  regionCode12,
  regionPrefix,
  rosterGaps,
  seesExpertPhone,
  type shiftBodySchema,
  TEAM_KINDS,
  TEAM_READINESS,
  teamAllowedActions,
  type teamBodySchema,
  teamsViewPrefix,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, regionRange, type Scoped, withScope } from '../../db/scope.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { dateOnly, iso, todayInShanghai } from '../../time.ts';
import { bundledBoundaries, uploadedBoundaries } from '../regions/store.ts';
import { effectiveSetting } from '../settings/service.ts';
import {
  type AgreementRow,
  agreementRows,
  candidateUnits,
  currentDuty,
  deleteShift,
  dutyPhoneRows,
  type ExpertRow,
  expertRows,
  findAgreement,
  findExpert,
  findShift,
  findTeam,
  insertAgreement,
  insertExpert,
  insertShift,
  insertTeam,
  lockRoster,
  type RosterKey,
  rosterName,
  type ShiftRow,
  shiftRows,
  shiftView,
  type TeamRow,
  teamRows,
  updateExpert,
  updateTeam,
  upsertDutyPhone,
} from './teams-store.ts';

const DAY_MS = 86_400_000;
/** Said wherever a distance is shown. */
export const DISTANCE_NOTE = {
  zh: '距离为直线距离（球面距离），不是道路距离；道路距离不在本平台范围内。',
  en: 'Distances are straight-line (great-circle) distances, not road distances; road distance is out of scope.',
};

const nullIfEmpty = (s: string | null | undefined) => (s === undefined || s === null || s === '' ? null : s);

// ---- where the distance is measured from ------------------------------------------------------

const num = (zh: string, en: string) => z.coerce.number({ message: `${zh}||${en}` });
export const nearQuerySchema = z.object({
  lat: num('纬度应为数字', 'The latitude is a number').min(-90).max(90).optional(),
  lng: num('经度应为数字', 'The longitude is a number').min(-180).max(180).optional(),
  accidentId: z.uuid({ message: '编号格式不正确||Invalid id' }).optional(),
  pointRegion: z
    .string()
    .regex(/^\d{6,12}$/, '区划代码应为 6–12 位数字||The region code has 6–12 digits')
    .optional(),
  radiusKm: num('半径应为数字', 'The radius is a number').positive('半径应大于 0||The radius is above 0').max(2000).optional(),
});
type Near = z.infer<typeof nearQuerySchema>;
type Origin = { lat: number; lng: number; label: string };

type Ring = number[][];
function bboxCentre(features: { geometry: { type: string; coordinates: unknown } }[]): { lat: number; lng: number } | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (ring: Ring) => {
    for (const [x, y] of ring) {
      if (x === undefined || y === undefined) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  };
  for (const f of features) {
    const polys = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Ring[][];
    for (const p of polys) for (const ring of p) visit(ring);
  }
  return Number.isFinite(minX) ? { lng: (minX + maxX) / 2, lat: (minY + maxY) / 2 } : null;
}

/** A region's centre: the middle of its boundary's box (its own children's boundaries, or its parent's). */
async function regionPoint(q: Queryable, code: string): Promise<Origin | null> {
  const c12 = regionCode12(code);
  const [r] = await q.query<{ name: string; parent_code: string | null }>('SELECT name, parent_code FROM regions WHERE code = $1', [c12]);
  if (!r) return null;
  const own = (await uploadedBoundaries(q, c12)) ?? bundledBoundaries(c12);
  let centre = own ? bboxCentre(own.geojson.features) : null;
  if (!centre && r.parent_code) {
    const parent = (await uploadedBoundaries(q, r.parent_code)) ?? bundledBoundaries(r.parent_code);
    const f = parent?.geojson.features.filter((x) => regionCode12(x.properties.code) === c12) ?? [];
    centre = f.length ? bboxCentre(f) : null;
  }
  return centre ? { ...centre, label: r.name } : null;
}

async function originOf(tx: Scoped, n: Near): Promise<Origin | null> {
  if (n.accidentId) {
    const [a] = await tx.query<{ latitude: number | null; longitude: number | null; place: string; number: string | null }>(
      `SELECT latitude, longitude, place, number FROM accidents WHERE id = $1`,
      [n.accidentId],
    );
    if (!a) throw notFound();
    if (a.latitude === null || a.longitude === null)
      throw invalid({
        accidentId: { zh: '该事故没有记录坐标，请改用区划或经纬度', en: 'The accident has no coordinates; pick a region or a point' },
      });
    return { lat: a.latitude, lng: a.longitude, label: `${a.number ?? ''} ${a.place}`.trim() };
  }
  if (n.lat !== undefined || n.lng !== undefined) {
    if (n.lat === undefined || n.lng === undefined)
      throw invalid({ [n.lat === undefined ? 'lat' : 'lng']: { zh: '经纬度须同时填写', en: 'Give both latitude and longitude' } });
    return { lat: n.lat, lng: n.lng, label: `${n.lat.toFixed(4)}, ${n.lng.toFixed(4)}` };
  }
  if (n.pointRegion) {
    const p = await regionPoint(tx, n.pointRegion);
    if (!p)
      throw invalid({
        pointRegion: { zh: '该区划没有边界数据，无法确定中心点，请填写经纬度', en: 'No boundary for this region; give coordinates' },
      });
    return p;
  }
  return null;
}

/** Rows with their distance from the origin, nearest first (those without coordinates last), inside the radius. */
function byDistance<R extends { lat: number | null; lng: number | null }>(rows: R[], origin: Origin | null, radiusKm?: number) {
  const withD = rows.map((r) => ({
    row: r,
    distanceKm: origin && r.lat !== null && r.lng !== null ? Math.round(distanceKm(origin, { lat: r.lat, lng: r.lng }) * 100) / 100 : null,
  }));
  if (!origin) return withD;
  return withD
    .filter((x) => radiusKm === undefined || (x.distanceKm !== null && x.distanceKm <= radiusKm))
    .sort((a, b) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity));
}

const page = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

// ---- teams --------------------------------------------------------------------------------------

export const teamListQuerySchema = nearQuerySchema.extend(page.shape).extend({
  kind: z.enum(TEAM_KINDS, { message: '未知的队伍类型||Unknown kind of team' }).optional(),
  readiness: z.enum(TEAM_READINESS, { message: '未知的战备状态||Unknown readiness' }).optional(),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码应为 2–12 位数字||The region code has 2–12 digits')
    .optional(),
  q: z.string().trim().max(100, '最多 100 个字符||At most 100 characters').optional(),
});
export type TeamListQuery = z.infer<typeof teamListQuerySchema>;

const parseEquipment = (e: string[] | string): string[] => (typeof e === 'string' ? JSON.parse(e) : e);

function teamItem(actor: Actor, r: TeamRow, distance: number | null = null) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    specialty: r.specialty,
    size: r.size,
    equipment: parseEquipment(r.equipment),
    regionCode: r.region_code,
    regionName: r.region_name,
    lat: r.lat,
    lng: r.lng,
    baseAddress: r.base_address,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    readiness: r.readiness,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    note: r.note,
    version: r.version,
    distanceKm: distance,
    allowedActions: [...teamAllowedActions(actor, { regionCode: r.region_code, enterpriseId: r.enterprise_id })],
  };
}
export type TeamItem = ReturnType<typeof teamItem>;

export function listTeams(db: Db, actor: Actor, q: TeamListQuery) {
  if (!mayViewTeams(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const origin = await originOf(tx, q);
    const rows = await teamRows(tx, {
      prefix: teamsViewPrefix(actor),
      kind: q.kind,
      readiness: q.readiness,
      q: q.q,
      regionCode: q.regionCode,
    });
    const sorted = byDistance(rows, origin, q.radiusKm);
    const items = sorted.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((x) => teamItem(actor, x.row, x.distanceKm));
    return { items, total: sorted.length, origin, distanceNote: DISTANCE_NOTE };
  });
}

export function getTeam(db: Db, actor: Actor, id: string) {
  if (!mayViewTeams(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findTeam(tx, id);
    if (!r?.region_code.startsWith(teamsViewPrefix(actor))) throw notFound();
    const agreements =
      mayManageTeams(actor) || isEnterpriseUser(actor) ? await agreementRows(tx, { prefix: tx.scope.regionPrefix, teamId: id }) : [];
    return { ...teamItem(actor, r), agreements: agreements.map((g) => agreementItem(actor, g, todayInShanghai())) };
  });
}

function teamValues(b: z.infer<typeof teamBodySchema>) {
  return {
    name: b.name,
    kind: b.kind,
    specialty: nullIfEmpty(b.specialty),
    size: b.size,
    equipment: b.equipment,
    regionCode: b.regionCode,
    lat: b.lat ?? null,
    lng: b.lng ?? null,
    baseAddress: nullIfEmpty(b.baseAddress),
    contactName: b.contactName,
    contactPhone: b.contactPhone,
    readiness: b.readiness,
    enterpriseId: b.enterpriseId ?? null,
    note: nullIfEmpty(b.note),
  };
}

/** The region code must name a known region (else a 400 on the field, not the foreign key's 409). */
async function checkRegion(tx: Queryable, code: string) {
  if (!(await tx.query('SELECT 1 FROM regions WHERE code = $1', [code])).length)
    throw invalid({ regionCode: { zh: '行政区划不存在', en: 'Unknown region' } });
}

/** The team's region must exist; its unit must be visible, and lie in the team's region. */
async function checkTeamUnit(tx: Scoped, b: z.infer<typeof teamBodySchema>) {
  await checkRegion(tx, b.regionCode);
  if (!b.enterpriseId) return;
  const [e] = await tx.query<{ region_code: string }>('SELECT region_code FROM enterprises WHERE id = $1', [b.enterpriseId]);
  if (!e) throw invalid({ enterpriseId: { zh: '单位不存在或不在辖区内', en: 'No such unit in the jurisdiction' } });
  if (!e.region_code.startsWith(regionPrefix(b.regionCode)))
    throw invalid({ enterpriseId: { zh: '单位不在队伍所在区划内', en: "The unit lies outside the team's region" } });
}

export async function createTeam(db: Db, actor: Actor, body: z.infer<typeof teamBodySchema>) {
  if (!mayEditTeam(actor, { regionCode: body.regionCode, enterpriseId: body.enterpriseId ?? null })) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    await checkTeamUnit(tx, body);
    const v = teamValues(body);
    const id = await insertTeam(tx, v);
    await appendAudit(tx, actor, {
      action: 'teams.createTeam',
      entityType: 'rescueTeam',
      entityId: id,
      regionCode: v.regionCode,
      after: { name: v.name, kind: v.kind, size: v.size, readiness: v.readiness },
    });
    return teamItem(actor, (await findTeam(tx, id)) as TeamRow);
  });
}

export const versioned = <S extends z.ZodType>(s: S) =>
  z.object({ version: z.number({ message: '缺少版本号||The version is missing' }).int(), data: s });

export async function editTeam(db: Db, actor: Actor, id: string, version: number, body: z.infer<typeof teamBodySchema>) {
  return withScope(db, actor.scope, async (tx) => {
    const before = await lockForCommand(tx, id, {
      find: (t, i) => findTeam(t, i, true),
      may: (r) => mayEditTeam(actor, { regionCode: r.region_code, enterpriseId: r.enterprise_id }),
      version,
      versionOf: (r) => r.version,
    });
    if (!mayEditTeam(actor, { regionCode: body.regionCode, enterpriseId: body.enterpriseId ?? null })) throw forbidden();
    await checkTeamUnit(tx, body);
    const v = teamValues(body);
    await updateTeam(tx, id, v);
    await appendAudit(tx, actor, {
      action: 'teams.updateTeam',
      entityType: 'rescueTeam',
      entityId: id,
      regionCode: v.regionCode,
      before: { name: before.name, kind: before.kind, size: before.size, readiness: before.readiness },
      after: { name: v.name, kind: v.kind, size: v.size, readiness: v.readiness },
    });
    return teamItem(actor, (await findTeam(tx, id)) as TeamRow);
  });
}

// ---- experts ------------------------------------------------------------------------------------

export const expertListQuerySchema = nearQuerySchema.extend(page.shape).extend({
  field: z.enum(EXPERT_FIELDS, { message: '未知的专业领域||Unknown field' }).optional(),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码应为 2–12 位数字||The region code has 2–12 digits')
    .optional(),
  q: z.string().trim().max(100, '最多 100 个字符||At most 100 characters').optional(),
});
export type ExpertListQuery = z.infer<typeof expertListQuerySchema>;

function expertItem(actor: Actor, r: ExpertRow, distance: number | null = null) {
  const full = seesExpertPhone(actor, r.region_code);
  return {
    id: r.id,
    name: r.name,
    field: r.field,
    title: r.title,
    unit: r.unit,
    phone: full ? r.phone : maskPhone(r.phone),
    phoneMasked: !full,
    regionCode: r.region_code,
    regionName: r.region_name,
    lat: r.lat,
    lng: r.lng,
    note: r.note,
    version: r.version,
    distanceKm: distance,
    allowedActions: [...expertAllowedActions(actor, { regionCode: r.region_code })],
  };
}
export type ExpertItem = ReturnType<typeof expertItem>;

export function listExperts(db: Db, actor: Actor, q: ExpertListQuery) {
  if (!mayViewTeams(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const origin = await originOf(tx, q);
    const rows = await expertRows(tx, { prefix: teamsViewPrefix(actor), field: q.field, q: q.q, regionCode: q.regionCode });
    const sorted = byDistance(rows, origin, q.radiusKm);
    const items = sorted.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((x) => expertItem(actor, x.row, x.distanceKm));
    return { items, total: sorted.length, origin, distanceNote: DISTANCE_NOTE };
  });
}

export function getExpert(db: Db, actor: Actor, id: string) {
  if (!mayViewTeams(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findExpert(tx, id);
    if (!r?.region_code.startsWith(teamsViewPrefix(actor))) throw notFound();
    return expertItem(actor, r);
  });
}

const expertValues = (b: z.infer<typeof expertBodySchema>) => ({
  name: b.name,
  field: b.field,
  title: nullIfEmpty(b.title),
  unit: nullIfEmpty(b.unit),
  phone: b.phone,
  regionCode: b.regionCode,
  lat: b.lat ?? null,
  lng: b.lng ?? null,
  note: nullIfEmpty(b.note),
});
/** What the audit keeps of an expert: never the phone (personal data). */
const expertAudit = (v: ReturnType<typeof expertValues>) => ({ name: v.name, field: v.field, unit: v.unit, regionCode: v.regionCode });

export async function createExpert(db: Db, actor: Actor, body: z.infer<typeof expertBodySchema>) {
  if (!mayManageTeams(actor) || !body.regionCode.startsWith(actor.scope.regionPrefix)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    await checkRegion(tx, body.regionCode);
    const v = expertValues(body);
    const id = await insertExpert(tx, v);
    await appendAudit(tx, actor, {
      action: 'teams.createExpert',
      entityType: 'emergencyExpert',
      entityId: id,
      regionCode: v.regionCode,
      after: expertAudit(v),
    });
    return expertItem(actor, (await findExpert(tx, id)) as ExpertRow);
  });
}

export async function editExpert(db: Db, actor: Actor, id: string, version: number, body: z.infer<typeof expertBodySchema>) {
  return withScope(db, actor.scope, async (tx) => {
    const before = await lockForCommand(tx, id, {
      find: (t, i) => findExpert(t, i, true),
      may: (r) => expertAllowedActions(actor, { regionCode: r.region_code }).length > 0,
      version,
      versionOf: (r) => r.version,
    });
    if (!body.regionCode.startsWith(actor.scope.regionPrefix)) throw forbidden();
    await checkRegion(tx, body.regionCode);
    const v = expertValues(body);
    await updateExpert(tx, id, v);
    await appendAudit(tx, actor, {
      action: 'teams.updateExpert',
      entityType: 'emergencyExpert',
      entityId: id,
      regionCode: v.regionCode,
      before: { name: before.name, field: before.field, unit: before.unit, regionCode: before.region_code },
      after: expertAudit(v),
    });
    return expertItem(actor, (await findExpert(tx, id)) as ExpertRow);
  });
}

// ---- agreements and the units without a team ---------------------------------------------------

function agreementItem(actor: Actor, g: AgreementRow, today: string) {
  const validFrom = dateOnly(g.valid_from) as string;
  const validUntil = dateOnly(g.valid_until) as string;
  const ended = g.ended_at !== null;
  return {
    id: g.id,
    enterpriseId: g.enterprise_id,
    enterpriseName: g.enterprise_name,
    teamId: g.team_id,
    teamName: g.team_name,
    teamKind: g.team_kind,
    regionCode: g.region_code,
    signedOn: dateOnly(g.signed_on),
    validFrom,
    validUntil,
    note: g.note,
    endedAt: iso(g.ended_at),
    status: ended ? 'ended' : validUntil < today ? 'expired' : validFrom > today ? 'future' : 'current',
    allowedActions: agreementAllowedActions(actor, { enterpriseId: g.enterprise_id, regionCode: g.region_code, ended }),
  };
}

export const agreementListQuerySchema = z.object({
  enterpriseId: z.uuid({ message: '编号格式不正确||Invalid id' }).optional(),
  teamId: z.uuid({ message: '编号格式不正确||Invalid id' }).optional(),
});

export function listAgreements(db: Db, actor: Actor, q: z.infer<typeof agreementListQuerySchema>) {
  if (!mayViewTeams(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const rows = await agreementRows(tx, { prefix: tx.scope.regionPrefix, ...q });
    const today = todayInShanghai();
    return { items: rows.map((g) => agreementItem(actor, g, today)), total: rows.length };
  });
}

export async function createAgreement(db: Db, actor: Actor, b: AgreementBody) {
  const ent = isEnterpriseUser(actor);
  if (ent ? b.enterpriseId !== actor.scope.enterpriseId : !mayManageTeams(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    const [e] = await tx.query<{ region_code: string }>('SELECT region_code FROM enterprises WHERE id = $1', [b.enterpriseId]);
    if (!e) throw invalid({ enterpriseId: { zh: '单位不存在或不在辖区内', en: 'No such unit in the jurisdiction' } });
    const team = await findTeam(tx, b.teamId);
    // A unit signs with a team it can find: its county's (an enterprise) or the jurisdiction's.
    if (!team?.region_code.startsWith(teamsViewPrefix(actor)))
      throw invalid({ teamId: { zh: '救援队伍不存在或不在辖区内', en: 'No such team in the jurisdiction' } });
    if (team.enterprise_id === b.enterpriseId)
      throw invalid({ teamId: { zh: '不能与本单位自己的队伍签订救援协议', en: 'A unit does not sign with its own team' } });
    const id = await insertAgreement(tx, {
      ...b,
      note: nullIfEmpty(b.note),
      regionCode: e.region_code,
      by: actor.id,
    });
    await appendAudit(tx, actor, {
      action: 'teams.createAgreement',
      entityType: 'rescueAgreement',
      entityId: id,
      regionCode: e.region_code,
      after: { enterpriseId: b.enterpriseId, teamId: b.teamId, validFrom: b.validFrom, validUntil: b.validUntil },
    });
    return agreementItem(actor, (await findAgreement(tx, id)) as AgreementRow, todayInShanghai());
  });
}

export async function endAgreement(db: Db, actor: Actor, id: string) {
  return withScope(db, actor.scope, async (tx) => {
    const g = await lockForCommand(tx, id, {
      find: (t, i) => findAgreement(t, i, true),
      may: (r) => agreementAllowedActions(actor, { enterpriseId: r.enterprise_id, regionCode: r.region_code, ended: false }).length > 0,
    });
    if (g.ended_at !== null) throw conflict({ zh: '该协议已终止', en: 'The agreement has already ended' });
    await tx.query('UPDATE emergency_team_agreements SET ended_at = now() WHERE id = $1', [id]);
    await appendAudit(tx, actor, { action: 'teams.endAgreement', entityType: 'rescueAgreement', entityId: id, regionCode: g.region_code });
    return agreementItem(actor, (await findAgreement(tx, id)) as AgreementRow, todayInShanghai());
  });
}

const factsOf = (u: { high_risk: string[]; industry_code: string | null; employees: number | null }) => ({
  highRisk: u.high_risk ?? [],
  industryCode: u.industry_code,
  employees: u.employees,
});

/** Decree 708 Art. 10 units of the scope with neither their own team nor an agreement running today. */
export async function uncoveredUnitsIn(tx: Scoped, now = new Date()) {
  const rows = await candidateUnits(tx, tx.scope.regionPrefix, todayInShanghai(now), tx.scope.enterpriseId);
  return rows
    .filter((u) => needsRescueTeam(factsOf(u)) && !u.has_team && !u.has_agreement)
    .map((u) => ({
      enterpriseId: u.id,
      name: u.name,
      regionCode: u.region_code,
      regionName: u.region_name,
      industryCode: u.industry_code,
      highRisk: u.high_risk,
    }));
}

export function listUncoveredUnits(db: Db, actor: Actor) {
  if (!mayViewTeams(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const items = await uncoveredUnitsIn(tx);
    return { items, total: items.length };
  });
}

// ---- rosters ------------------------------------------------------------------------------------

async function dutyRules(q: Queryable, region: string): Promise<DutyRules> {
  const r = region || '320000000000';
  const [g, t, n] = await Promise.all([
    effectiveSetting(q, 'teams.governments24h', r),
    effectiveSetting(q, 'teams.teams24h', r),
    effectiveSetting(q, 'teams.largeHazardousMinEmployees', r),
  ]);
  return { governments24h: Number(g) === 1, teams24h: Number(t) === 1, largeHazardousMinEmployees: Number(n) };
}

type Roster = {
  key: RosterKey;
  name: string;
  regionCode: string;
  departmentId: string | null;
  enterpriseId: string | null;
  teamId: string | null;
  teamEnterpriseId: string | null;
  unit: DutyUnit;
};

const notInScope = (field: string) =>
  invalid({ [field]: { zh: '值班主体不存在或不在辖区内', en: 'No such roster owner in the jurisdiction' } });

/** The roster's owner, visible to the caller; throws 400 naming the field otherwise. */
async function resolveRoster(tx: Scoped, kind: RosterKey['ownerKind'], id: string): Promise<Roster> {
  const base = { departmentId: null, enterpriseId: null, teamId: null, teamEnterpriseId: null };
  switch (kind) {
    case 'government': {
      const code = regionCode12(id);
      const [r] = await tx.query<{ code: string }>('SELECT code FROM regions WHERE code = $1', [code]);
      if (!r || !code.startsWith(tx.scope.regionPrefix) || tx.scope.enterpriseId) throw notInScope('regionCode');
      const key = { ownerKind: kind, ownerId: code };
      return { ...base, key, name: await rosterName(tx, key), regionCode: code, unit: { kind: 'government' } };
    }
    case 'department': {
      const [d] = await tx.query<{ id: string; name: string; region_code: string }>(
        'SELECT id, name, region_code FROM departments WHERE id::text = $1',
        [id],
      );
      if (!d?.region_code.startsWith(tx.scope.regionPrefix) || tx.scope.enterpriseId) throw notInScope('departmentId');
      return {
        ...base,
        key: { ownerKind: kind, ownerId: d.id },
        name: d.name,
        regionCode: d.region_code,
        departmentId: d.id,
        unit: { kind: 'department' },
      };
    }
    case 'enterprise': {
      const [e] = await tx.query<{
        id: string;
        name: string;
        region_code: string;
        high_risk: string[];
        industry_code: string | null;
        employees: number | null;
      }>('SELECT id, name, region_code, high_risk, industry_code, employees FROM enterprises WHERE id::text = $1', [id]);
      if (!e?.region_code.startsWith(tx.scope.regionPrefix)) throw notInScope('enterpriseId');
      return {
        ...base,
        key: { ownerKind: kind, ownerId: e.id },
        name: e.name,
        regionCode: e.region_code,
        enterpriseId: e.id,
        unit: { kind: 'enterprise', ...factsOf(e) },
      };
    }
    case 'team': {
      const t = /^[0-9a-f-]{36}$/i.test(id) ? await findTeam(tx, id) : undefined;
      if (!t?.region_code.startsWith(tx.scope.regionPrefix)) throw notInScope('teamId');
      return {
        ...base,
        key: { ownerKind: kind, ownerId: t.id },
        name: t.name,
        regionCode: t.region_code,
        enterpriseId: t.enterprise_id,
        teamId: t.id,
        teamEnterpriseId: t.enterprise_id,
        unit: { kind: 'team' },
      };
    }
  }
}

const mayEdit = (actor: Actor, r: Roster) =>
  mayEditRoster(actor, {
    ownerKind: r.key.ownerKind,
    regionCode: r.regionCode,
    enterpriseId: r.enterpriseId,
    teamEnterpriseId: r.teamEnterpriseId,
  });

export const rosterQuerySchema = z.object({
  ownerKind: z.enum(DUTY_OWNER_KINDS, { message: '请选择值班主体||Choose whose roster' }),
  ownerId: z.string().min(1, '请选择值班主体||Choose whose roster').max(40),
  /** The Monday of the week shown (Beijing); default this week. */
  weekStart: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD||A date is YYYY-MM-DD')
    .optional(),
});

function obligationView(o: DutyObligation) {
  return { dutySystem: o.dutySystem, twentyFourHour: o.twentyFourHour, basis: o.basis, provisional: o.provisional };
}

export function getRoster(db: Db, actor: Actor, q: z.infer<typeof rosterQuerySchema>, now = new Date()) {
  if (!mayViewTeams(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const r = await resolveRoster(tx, q.ownerKind, q.ownerId);
    const weekStart = q.weekStart ?? beijingWeekStart(now).day;
    const from = new Date(`${weekStart}T00:00:00+08:00`).toISOString();
    const to = new Date(Date.parse(from) + 7 * DAY_MS).toISOString();
    const rows = await shiftRows(tx, r.key, from, to);
    const obligation = dutyObligation(r.unit, await dutyRules(tx, r.regionCode));
    const editable = mayEdit(actor, r);
    return {
      ownerKind: r.key.ownerKind,
      ownerId: r.key.ownerId,
      ownerName: r.name,
      regionCode: r.regionCode,
      weekStart,
      from,
      to,
      obligation: obligationView(obligation),
      shifts: rows.map((s) => ({ ...shiftView(s), allowedActions: editable ? ['remove'] : [] })),
      gaps: obligation.twentyFourHour ? rosterGaps(rows.map(shiftView), from, to) : [],
      allowedActions: editable ? ['addShift', 'copyWeek'] : [],
    };
  });
}

export async function addShift(db: Db, actor: Actor, b: z.infer<typeof shiftBodySchema>) {
  if (!mayViewTeams(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    const ownerId = { government: b.regionCode, department: b.departmentId, enterprise: b.enterpriseId, team: b.teamId }[
      b.ownerKind
    ] as string;
    const r = await resolveRoster(tx, b.ownerKind, ownerId);
    if (!mayEdit(actor, r)) throw forbidden();
    await lockRoster(tx, r.key);
    const clash = overlappingShifts(
      (await shiftRows(tx, r.key, b.startsAt, b.endsAt)).map((s) => ({ ...shiftView(s), personName: s.person_name })),
      b,
    );
    if (clash.length)
      throw invalid({
        startsAt: {
          zh: `${b.personName} 在此时段已有班次（${clash.map((c) => `${c.startsAt}–${c.endsAt}`).join('；')}）`,
          en: `${b.personName} already has a shift overlapping this one`,
        },
      });
    const id = await insertShift(tx, {
      ownerKind: r.key.ownerKind,
      regionCode: r.regionCode,
      departmentId: r.departmentId,
      enterpriseId: r.enterpriseId,
      teamId: r.teamId,
      personName: b.personName,
      role: b.role,
      phone: b.phone,
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      by: actor.id,
    });
    await appendAudit(tx, actor, {
      action: 'teams.addShift',
      entityType: 'dutyShift',
      entityId: id,
      regionCode: r.regionCode,
      after: { roster: r.key, personName: b.personName, role: b.role, startsAt: b.startsAt, endsAt: b.endsAt },
    });
    return shiftView((await findShift(tx, id)) as ShiftRow);
  });
}

export async function removeShift(db: Db, actor: Actor, id: string) {
  return withScope(db, actor.scope, async (tx) => {
    const s = await lockForCommand(tx, id, { find: (t, i) => findShift(t, i, true) });
    const owner = { government: s.region_code, department: s.department_id, enterprise: s.enterprise_id, team: s.team_id }[
      s.owner_kind as RosterKey['ownerKind']
    ] as string;
    const r = await resolveRoster(tx, s.owner_kind as RosterKey['ownerKind'], owner);
    if (!mayEdit(actor, r)) throw forbidden();
    await deleteShift(tx, id);
    await appendAudit(tx, actor, {
      action: 'teams.removeShift',
      entityType: 'dutyShift',
      entityId: id,
      regionCode: s.region_code,
      before: { roster: r.key, personName: s.person_name, role: s.role, startsAt: iso(s.starts_at), endsAt: iso(s.ends_at) },
    });
    return { removed: true };
  });
}

export async function copyWeek(db: Db, actor: Actor, b: z.infer<typeof copyWeekBodySchema>) {
  if (!mayViewTeams(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    const r = await resolveRoster(tx, b.ownerKind, b.ownerId);
    if (!mayEdit(actor, r)) throw forbidden();
    await lockRoster(tx, r.key);
    const to = new Date(`${b.weekStart}T00:00:00+08:00`);
    const from = new Date(to.getTime() - 7 * DAY_MS);
    const end = new Date(to.getTime() + 7 * DAY_MS);
    // Last week's shifts that start in it, moved a week on; those clashing with this week's are left out.
    const last = (await shiftRows(tx, r.key, from.toISOString(), to.toISOString()))
      .filter((s) => Date.parse(iso(s.starts_at) as string) >= from.getTime())
      .map((s) => ({ ...shiftView(s) }));
    const current = (await shiftRows(tx, r.key, to.toISOString(), new Date(end.getTime() + 2 * DAY_MS).toISOString())).map(shiftView);
    const moved = copyWeekForward(last, current);
    for (const m of moved)
      await insertShift(tx, {
        ownerKind: r.key.ownerKind,
        regionCode: r.regionCode,
        departmentId: r.departmentId,
        enterpriseId: r.enterpriseId,
        teamId: r.teamId,
        ...m,
        by: actor.id,
      });
    await appendAudit(tx, actor, {
      action: 'teams.copyWeek',
      entityType: 'dutyShift',
      regionCode: r.regionCode,
      after: { roster: r.key, weekStart: b.weekStart, copied: moved.length, skipped: last.length - moved.length },
    });
    return { copied: moved.length, skipped: last.length - moved.length };
  });
}

// ---- gaps of the 24-hour rosters (the 工作台's item) -------------------------------------------

export type RosterGapItem = {
  ownerKind: RosterKey['ownerKind'];
  ownerId: string;
  ownerName: string;
  regionCode: string;
  gaps: ReturnType<typeof rosterGaps>;
  gapMinutes: number;
};

/**
 * The 24-hour rosters of the caller with gaps in the next `days` days: a county's, city's or
 * province's own government roster and its units that must keep 24-hour duty; an enterprise's own.
 */
export async function rosterGapsIn(tx: Scoped, actor: Actor, now = new Date(), days?: number): Promise<RosterGapItem[]> {
  const prefix = tx.scope.regionPrefix;
  const horizon = days ?? Number(await effectiveSetting(tx, 'teams.gapHorizonDays', prefix ? regionCode12(prefix) : '320000000000'));
  const from = now.toISOString();
  const to = new Date(now.getTime() + horizon * DAY_MS).toISOString();
  const rules = await dutyRules(tx, prefix ? regionCode12(prefix) : '');
  const rosters: Roster[] = [];
  if (isSupervisor(actor) && prefix.length <= 6 && prefix.length >= 2 && !actor.role.startsWith('township')) {
    const gov = await resolveRoster(tx, 'government', prefix);
    if (dutyObligation(gov.unit, rules).twentyFourHour) rosters.push(gov);
  }
  const units = (await candidateUnits(tx, prefix, todayInShanghai(now), tx.scope.enterpriseId)).filter(
    (u) => dutyObligation({ kind: 'enterprise', ...factsOf(u) }, rules).twentyFourHour,
  );
  const out: RosterGapItem[] = [];
  for (const r of rosters) {
    const gaps = rosterGaps((await shiftRows(tx, r.key, from, to)).map(shiftView), from, to);
    if (gaps.length)
      out.push({
        ownerKind: r.key.ownerKind,
        ownerId: r.key.ownerId,
        ownerName: r.name,
        regionCode: r.regionCode,
        gaps,
        gapMinutes: sum(gaps),
      });
  }
  if (units.length) {
    const params: unknown[] = [];
    const where = regionRange('s.region_code', prefix, params);
    params.push(
      units.map((u) => u.id),
      from,
      to,
    );
    const shifts = await tx.query<ShiftRow>(
      `SELECT s.id, s.owner_kind, s.region_code, s.department_id, s.enterprise_id, s.team_id, s.person_name, s.role, s.phone, s.starts_at, s.ends_at
       FROM emergency_duty_shifts s WHERE ${where} AND s.owner_kind = 'enterprise' AND s.enterprise_id = ANY($${params.length - 2}::uuid[])
         AND s.starts_at < $${params.length}::timestamptz AND s.ends_at > $${params.length - 1}::timestamptz`,
      params,
    );
    const byUnit = new Map<string, ShiftRow[]>();
    for (const s of shifts) byUnit.set(s.enterprise_id as string, [...(byUnit.get(s.enterprise_id as string) ?? []), s]);
    for (const u of units) {
      const gaps = rosterGaps((byUnit.get(u.id) ?? []).map(shiftView), from, to);
      if (gaps.length)
        out.push({ ownerKind: 'enterprise', ownerId: u.id, ownerName: u.name, regionCode: u.region_code, gaps, gapMinutes: sum(gaps) });
    }
  }
  return out;
}
const sum = (gaps: { minutes: number }[]) => gaps.reduce((a, g) => a + g.minutes, 0);

export const gapsQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(31).optional() });

export function listRosterGaps(db: Db, actor: Actor, q: z.infer<typeof gapsQuerySchema>, now = new Date()) {
  if (!mayViewTeams(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const items = await rosterGapsIn(tx, actor, now, q.days);
    return { items, total: items.length };
  });
}

// ---- on duty now --------------------------------------------------------------------------------

export const dutyNowQuerySchema = z.object({
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码应为 2–12 位数字||The region code has 2–12 digits')
    .optional(),
  accidentId: z.uuid({ message: '编号格式不正确||Invalid id' }).optional(),
});

/**
 * Who is on duty now: for an accident, its county's government; for a region, that government; by
 * default the caller's own (a supervisor's government, an enterprise's own roster).
 */
export function dutyNow(db: Db, actor: Actor, q: z.infer<typeof dutyNowQuerySchema>, now = new Date()) {
  if (!mayViewTeams(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    if (q.accidentId) {
      const [a] = await tx.query<{ region_code: string }>('SELECT region_code FROM accidents WHERE id = $1', [q.accidentId]);
      if (!a) throw notFound();
      const county = a.region_code.slice(0, 6);
      const rosters = await currentDuty(tx, { regionPrefix: county }, now);
      const phones = await dutyPhoneRows(tx, county);
      return {
        at: now.toISOString(),
        rosters,
        dutyPhone: phones.find((p) => p.region_code === regionCode12(county) && !p.department_id)?.phone ?? null,
      };
    }
    const sel = q.regionCode
      ? { regionPrefix: q.regionCode }
      : isEnterpriseUser(actor)
        ? { enterpriseId: actor.scope.enterpriseId as string }
        : actor.scope.regionPrefix
          ? { regionPrefix: actor.scope.regionPrefix }
          : {};
    if (sel.regionPrefix && !regionCode12(sel.regionPrefix).startsWith(tx.scope.regionPrefix)) throw notFound();
    return { at: now.toISOString(), rosters: await currentDuty(tx, sel, now), dutyPhone: null };
  });
}

// ---- duty phones --------------------------------------------------------------------------------

const phoneItem = (p: Awaited<ReturnType<typeof dutyPhoneRows>>[number]) => ({
  id: p.id,
  regionCode: p.region_code,
  regionName: p.region_name,
  regionLevel: p.region_level,
  departmentId: p.department_id,
  departmentName: p.department_name,
  name: p.name,
  phone: p.phone,
  note: p.note,
  updatedAt: iso(p.updated_at),
});

export function listDutyPhones(db: Db, actor: Actor) {
  if (!mayViewTeams(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const rows = await dutyPhoneRows(tx, tx.scope.enterpriseId ? tx.scope.regionPrefix.slice(0, 6) : tx.scope.regionPrefix);
    return { items: rows.map(phoneItem), total: rows.length, mayEdit: mayManageTeams(actor) };
  });
}

export const publicDutyPhonesQuerySchema = z.object({
  region: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码应为 2–12 位数字||The region code has 2–12 digits')
    .optional(),
});

/** Decree 493 Art. 18: the duty phones as published, without login. */
export async function publicDutyPhones(db: Db, q: z.infer<typeof publicDutyPhonesQuerySchema>) {
  const rows = await dutyPhoneRows(db, q.region ?? '');
  return {
    items: rows.map(({ region_code, region_name, region_level, department_name, name, phone, updated_at }) => ({
      regionCode: region_code,
      regionName: region_name,
      regionLevel: region_level,
      departmentName: department_name,
      name,
      phone,
      updatedAt: iso(updated_at),
    })),
    total: rows.length,
    basis: {
      zh: '《生产安全事故报告和调查处理条例》第十八条：建立值班制度，并向社会公布值班电话',
      en: 'Decree 493 Art. 18: duty phones published to the public',
    },
  };
}

export async function setDutyPhone(db: Db, actor: Actor, b: z.infer<typeof dutyPhoneBodySchema>) {
  if (!mayManageTeams(actor) || !b.regionCode.startsWith(actor.scope.regionPrefix)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    await checkRegion(tx, b.regionCode);
    if (b.departmentId) {
      const [d] = await tx.query<{ region_code: string }>('SELECT region_code FROM departments WHERE id = $1', [b.departmentId]);
      if (!d || d.region_code !== b.regionCode)
        throw invalid({ departmentId: { zh: '部门不属于该区划', en: 'The department is not of this region' } });
    }
    const id = await upsertDutyPhone(tx, {
      regionCode: b.regionCode,
      departmentId: b.departmentId ?? null,
      name: b.name,
      phone: b.phone,
      note: nullIfEmpty(b.note),
    });
    await appendAudit(tx, actor, {
      action: 'teams.setDutyPhone',
      entityType: 'dutyPhone',
      entityId: id,
      regionCode: b.regionCode,
      after: { name: b.name, phone: b.phone },
    });
    return { id };
  });
}

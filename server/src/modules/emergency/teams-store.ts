// SQL of 队伍、专家与值班 (issue 27): teams, experts, agreements, duty shifts and duty phones, each
// read under the caller's scope (the WHERE below is the first wall, RLS of migration 048 the
// second). `currentDuty` is the cross-part interface: who is on duty at a moment, with phone, for
// the 工作台 panel and the accident page. Owner: teams (救援队伍、专家、值班).
//
// currentDuty(tx, { regionPrefix?, departmentId?, enterpriseId?, teamId? }, at) →
//   Promise<OnDutyRoster[]>: the rosters asked for (regionPrefix: that government's own roster,
//   the prefix padded to 12 digits; the others: that department's, unit's or team's), each with the
//   people whose shift holds `at` (start included, end excluded), leaders first. A roster with
//   nobody on duty is returned with `people: []`, so the caller can say "无人值班".
import { onDutyAt, regionCode12 } from '@taishan/domain';
import type { Queryable } from '../../db/db.ts';
import { regionRange, type Scoped } from '../../db/scope.ts';
import { iso } from '../../time.ts';

// ---- teams --------------------------------------------------------------------------------------

export type TeamRow = {
  id: string;
  name: string;
  kind: string;
  specialty: string | null;
  size: number;
  equipment: string[] | string;
  region_code: string;
  region_name: string | null;
  lat: number | null;
  lng: number | null;
  base_address: string | null;
  contact_name: string;
  contact_phone: string;
  readiness: string;
  enterprise_id: string | null;
  enterprise_name: string | null;
  note: string | null;
  version: number;
  updated_at: string | Date;
};

const TEAM_COLUMNS = `t.id, t.name, t.kind, t.specialty, t.size, t.equipment, t.region_code, r.name AS region_name, t.lat, t.lng,
  t.base_address, t.contact_name, t.contact_phone, t.readiness, t.enterprise_id, e.name AS enterprise_name, t.note, t.version, t.updated_at`;
const TEAM_FROM = `FROM emergency_teams t JOIN regions r ON r.code = t.region_code LEFT JOIN enterprises e ON e.id = t.enterprise_id`;

export type TeamFilter = { prefix: string; kind?: string; readiness?: string; q?: string; regionCode?: string };

export async function teamRows(tx: Queryable, f: TeamFilter, limit = 5000): Promise<TeamRow[]> {
  const params: unknown[] = [];
  const where = [regionRange('t.region_code', f.prefix, params)];
  if (f.regionCode) where.push(regionRange('t.region_code', f.regionCode, params));
  if (f.kind) {
    params.push(f.kind);
    where.push(`t.kind = $${params.length}`);
  }
  if (f.readiness) {
    params.push(f.readiness);
    where.push(`t.readiness = $${params.length}`);
  }
  if (f.q) {
    params.push(`%${f.q}%`);
    where.push(
      `(t.name ILIKE $${params.length} OR coalesce(t.specialty, '') ILIKE $${params.length} OR t.equipment::text ILIKE $${params.length})`,
    );
  }
  params.push(limit);
  return tx.query<TeamRow>(
    `SELECT ${TEAM_COLUMNS} ${TEAM_FROM} WHERE ${where.join(' AND ')} ORDER BY t.name, t.id LIMIT $${params.length}`,
    params,
  );
}

export async function findTeam(tx: Queryable, id: string, forUpdate = false): Promise<TeamRow | undefined> {
  const [r] = await tx.query<TeamRow>(`SELECT ${TEAM_COLUMNS} ${TEAM_FROM} WHERE t.id = $1${forUpdate ? ' FOR UPDATE OF t' : ''}`, [id]);
  return r;
}

export type TeamValues = {
  name: string;
  kind: string;
  specialty: string | null;
  size: number;
  equipment: string[];
  regionCode: string;
  lat: number | null;
  lng: number | null;
  baseAddress: string | null;
  contactName: string;
  contactPhone: string;
  readiness: string;
  enterpriseId: string | null;
  note: string | null;
};
const teamParams = (v: TeamValues) => [
  v.name,
  v.kind,
  v.specialty,
  v.size,
  JSON.stringify(v.equipment),
  v.regionCode,
  v.lat,
  v.lng,
  v.baseAddress,
  v.contactName,
  v.contactPhone,
  v.readiness,
  v.enterpriseId,
  v.note,
];

export async function insertTeam(tx: Queryable, v: TeamValues): Promise<string> {
  const [r] = await tx.query<{ id: string }>(
    `INSERT INTO emergency_teams (name, kind, specialty, size, equipment, region_code, lat, lng, base_address, contact_name,
       contact_phone, readiness, enterprise_id, note)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    teamParams(v),
  );
  return (r as { id: string }).id;
}

export async function updateTeam(tx: Queryable, id: string, v: TeamValues): Promise<void> {
  await tx.query(
    `UPDATE emergency_teams SET name = $1, kind = $2, specialty = $3, size = $4, equipment = $5::jsonb, region_code = $6, lat = $7,
       lng = $8, base_address = $9, contact_name = $10, contact_phone = $11, readiness = $12, enterprise_id = $13, note = $14,
       version = version + 1, updated_at = now() WHERE id = $15`,
    [...teamParams(v), id],
  );
}

// ---- experts ------------------------------------------------------------------------------------

export type ExpertRow = {
  id: string;
  name: string;
  field: string;
  title: string | null;
  unit: string | null;
  phone: string;
  region_code: string;
  region_name: string | null;
  lat: number | null;
  lng: number | null;
  note: string | null;
  version: number;
};
const EXPERT_COLUMNS = `x.id, x.name, x.field, x.title, x.unit, x.phone, x.region_code, r.name AS region_name, x.lat, x.lng, x.note, x.version`;

export type ExpertFilter = { prefix: string; field?: string; q?: string; regionCode?: string };

export async function expertRows(tx: Queryable, f: ExpertFilter, limit = 5000): Promise<ExpertRow[]> {
  const params: unknown[] = [];
  const where = [regionRange('x.region_code', f.prefix, params)];
  if (f.regionCode) where.push(regionRange('x.region_code', f.regionCode, params));
  if (f.field) {
    params.push(f.field);
    where.push(`x.field = $${params.length}`);
  }
  if (f.q) {
    params.push(`%${f.q}%`);
    where.push(
      `(x.name ILIKE $${params.length} OR coalesce(x.unit, '') ILIKE $${params.length} OR coalesce(x.title, '') ILIKE $${params.length})`,
    );
  }
  params.push(limit);
  return tx.query<ExpertRow>(
    `SELECT ${EXPERT_COLUMNS} FROM emergency_experts x JOIN regions r ON r.code = x.region_code
     WHERE ${where.join(' AND ')} ORDER BY x.name, x.id LIMIT $${params.length}`,
    params,
  );
}

export async function findExpert(tx: Queryable, id: string, forUpdate = false): Promise<ExpertRow | undefined> {
  const [r] = await tx.query<ExpertRow>(
    `SELECT ${EXPERT_COLUMNS} FROM emergency_experts x JOIN regions r ON r.code = x.region_code WHERE x.id = $1${forUpdate ? ' FOR UPDATE OF x' : ''}`,
    [id],
  );
  return r;
}

export type ExpertValues = {
  name: string;
  field: string;
  title: string | null;
  unit: string | null;
  phone: string;
  regionCode: string;
  lat: number | null;
  lng: number | null;
  note: string | null;
};
const expertParams = (v: ExpertValues) => [v.name, v.field, v.title, v.unit, v.phone, v.regionCode, v.lat, v.lng, v.note];

export async function insertExpert(tx: Queryable, v: ExpertValues): Promise<string> {
  const [r] = await tx.query<{ id: string }>(
    `INSERT INTO emergency_experts (name, field, title, unit, phone, region_code, lat, lng, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    expertParams(v),
  );
  return (r as { id: string }).id;
}

export async function updateExpert(tx: Queryable, id: string, v: ExpertValues): Promise<void> {
  await tx.query(
    `UPDATE emergency_experts SET name = $1, field = $2, title = $3, unit = $4, phone = $5, region_code = $6, lat = $7, lng = $8,
       note = $9, version = version + 1, updated_at = now() WHERE id = $10`,
    [...expertParams(v), id],
  );
}

// ---- agreements ---------------------------------------------------------------------------------

export type AgreementRow = {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  team_id: string;
  team_name: string | null;
  team_kind: string | null;
  region_code: string;
  signed_on: string | Date;
  valid_from: string | Date;
  valid_until: string | Date;
  note: string | null;
  ended_at: string | Date | null;
};
const AGREEMENT_SELECT = `SELECT g.id, g.enterprise_id, e.name AS enterprise_name, g.team_id, t.name AS team_name, t.kind AS team_kind,
  g.region_code, g.signed_on, g.valid_from, g.valid_until, g.note, g.ended_at
  FROM emergency_team_agreements g JOIN enterprises e ON e.id = g.enterprise_id LEFT JOIN emergency_teams t ON t.id = g.team_id`;

export async function agreementRows(tx: Scoped, f: { prefix: string; enterpriseId?: string; teamId?: string }): Promise<AgreementRow[]> {
  const params: unknown[] = [];
  const where = [regionRange('g.region_code', f.prefix, params)];
  if (tx.scope.enterpriseId) {
    params.push(tx.scope.enterpriseId);
    where.push(`g.enterprise_id = $${params.length}`);
  }
  if (f.enterpriseId) {
    params.push(f.enterpriseId);
    where.push(`g.enterprise_id = $${params.length}`);
  }
  if (f.teamId) {
    params.push(f.teamId);
    where.push(`g.team_id = $${params.length}`);
  }
  return tx.query<AgreementRow>(`${AGREEMENT_SELECT} WHERE ${where.join(' AND ')} ORDER BY g.valid_until DESC, g.id LIMIT 1000`, params);
}

export async function findAgreement(tx: Queryable, id: string, forUpdate = false): Promise<AgreementRow | undefined> {
  const [r] = await tx.query<AgreementRow>(`${AGREEMENT_SELECT} WHERE g.id = $1${forUpdate ? ' FOR UPDATE OF g' : ''}`, [id]);
  return r;
}

export async function insertAgreement(
  tx: Queryable,
  v: {
    enterpriseId: string;
    teamId: string;
    regionCode: string;
    signedOn: string;
    validFrom: string;
    validUntil: string;
    note: string | null;
    by: string | null;
  },
): Promise<string> {
  const [r] = await tx.query<{ id: string }>(
    `INSERT INTO emergency_team_agreements (enterprise_id, team_id, region_code, signed_on, valid_from, valid_until, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [v.enterpriseId, v.teamId, v.regionCode, v.signedOn, v.validFrom, v.validUntil, v.note, v.by],
  );
  return (r as { id: string }).id;
}

// ---- units that must have a team (Art. 10) ------------------------------------------------------

export type UnitRow = {
  id: string;
  name: string;
  region_code: string;
  region_name: string | null;
  high_risk: string[];
  industry_code: string | null;
  employees: number | null;
  has_team: boolean;
  has_agreement: boolean;
};

/**
 * The units of the scope the duty and team rules may name (a wide SQL net: the domain rule decides),
 * with whether each has its own team and an agreement running on `today`.
 */
export async function candidateUnits(tx: Scoped, prefix: string, today: string, enterpriseId?: string | null): Promise<UnitRow[]> {
  const params: unknown[] = [];
  const where = [regionRange('e.region_code', prefix, params)];
  if (enterpriseId) {
    params.push(enterpriseId);
    where.push(`e.id = $${params.length}`);
  } else
    where.push(`(e.high_risk && ARRAY['hazardousChemicals', 'mining', 'metallurgy', 'construction']::text[]
      OR e.industry_code ~ '^(2671|2672|5412|61|5211|90|786)')`);
  params.push(today);
  return tx.query<UnitRow>(
    `SELECT e.id, e.name, e.region_code, r.name AS region_name, e.high_risk, e.industry_code, e.employees,
       EXISTS (SELECT 1 FROM emergency_teams t WHERE t.enterprise_id = e.id) AS has_team,
       EXISTS (SELECT 1 FROM emergency_team_agreements g WHERE g.enterprise_id = e.id AND g.ended_at IS NULL
               AND g.valid_from <= $${params.length}::date AND g.valid_until >= $${params.length}::date) AS has_agreement
     FROM enterprises e JOIN regions r ON r.code = e.region_code
     WHERE ${where.join(' AND ')} ORDER BY e.region_code, e.name, e.id LIMIT 20000`,
    params,
  );
}

// ---- duty shifts --------------------------------------------------------------------------------

export type ShiftRow = {
  id: string;
  owner_kind: string;
  region_code: string;
  department_id: string | null;
  enterprise_id: string | null;
  team_id: string | null;
  person_name: string;
  role: string;
  phone: string;
  starts_at: string | Date;
  ends_at: string | Date;
};
const SHIFT_COLUMNS =
  's.id, s.owner_kind, s.region_code, s.department_id, s.enterprise_id, s.team_id, s.person_name, s.role, s.phone, s.starts_at, s.ends_at';

/** A roster: whose shifts. government → region code (12 digits); the others → the owner's id. */
export type RosterKey = { ownerKind: 'government' | 'department' | 'enterprise' | 'team'; ownerId: string };

function rosterWhere(k: RosterKey, params: unknown[]): string {
  params.push(k.ownerKind, k.ownerId);
  const col = {
    government: 's.region_code',
    department: 's.department_id::text',
    enterprise: 's.enterprise_id::text',
    team: 's.team_id::text',
  }[k.ownerKind];
  return `s.owner_kind = $${params.length - 1} AND ${col} = $${params.length}`;
}

/** The roster's shifts overlapping [from, to). */
export async function shiftRows(tx: Scoped, k: RosterKey, from: string, to: string): Promise<ShiftRow[]> {
  const params: unknown[] = [];
  const where = [regionRange('s.region_code', tx.scope.regionPrefix, params), rosterWhere(k, params)];
  if (tx.scope.enterpriseId) {
    params.push(tx.scope.enterpriseId);
    where.push(`s.enterprise_id = $${params.length}`);
  }
  params.push(from, to);
  return tx.query<ShiftRow>(
    `SELECT ${SHIFT_COLUMNS} FROM emergency_duty_shifts s
     WHERE ${where.join(' AND ')} AND s.starts_at < $${params.length}::timestamptz AND s.ends_at > $${params.length - 1}::timestamptz
     ORDER BY s.starts_at, s.role, s.id`,
    params,
  );
}

export async function findShift(tx: Queryable, id: string, forUpdate = false): Promise<ShiftRow | undefined> {
  const [r] = await tx.query<ShiftRow>(
    `SELECT ${SHIFT_COLUMNS} FROM emergency_duty_shifts s WHERE s.id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return r;
}

export async function insertShift(
  tx: Queryable,
  v: {
    ownerKind: string;
    regionCode: string;
    departmentId: string | null;
    enterpriseId: string | null;
    teamId: string | null;
    personName: string;
    role: string;
    phone: string;
    startsAt: string;
    endsAt: string;
    by: string | null;
  },
): Promise<string> {
  const [r] = await tx.query<{ id: string }>(
    `INSERT INTO emergency_duty_shifts (owner_kind, region_code, department_id, enterprise_id, team_id, person_name, role, phone, starts_at, ends_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [v.ownerKind, v.regionCode, v.departmentId, v.enterpriseId, v.teamId, v.personName, v.role, v.phone, v.startsAt, v.endsAt, v.by],
  );
  return (r as { id: string }).id;
}

export const deleteShift = (tx: Queryable, id: string) => tx.query('DELETE FROM emergency_duty_shifts WHERE id = $1', [id]);

/** Serialises the commands on one roster (the overlap check reads, then writes). */
export const lockRoster = (tx: Queryable, k: RosterKey) =>
  tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`duty:${k.ownerKind}:${k.ownerId}`]);

export const shiftView = (s: ShiftRow) => ({
  id: s.id,
  personName: s.person_name,
  role: s.role,
  phone: s.phone,
  startsAt: iso(s.starts_at) as string,
  endsAt: iso(s.ends_at) as string,
});

// ---- who is on duty now (the cross-part interface) ----------------------------------------------

export type OnDutyPerson = { personName: string; role: string; phone: string; startsAt: string; endsAt: string };
export type OnDutyRoster = {
  ownerKind: RosterKey['ownerKind'];
  ownerId: string;
  ownerName: string;
  regionCode: string;
  people: OnDutyPerson[];
};

export async function currentDuty(
  tx: Scoped,
  sel: { regionPrefix?: string; departmentId?: string; enterpriseId?: string; teamId?: string },
  at: Date,
): Promise<OnDutyRoster[]> {
  const keys: RosterKey[] = [];
  if (sel.regionPrefix !== undefined && sel.regionPrefix !== '')
    keys.push({ ownerKind: 'government', ownerId: regionCode12(sel.regionPrefix) });
  if (sel.departmentId) keys.push({ ownerKind: 'department', ownerId: sel.departmentId });
  if (sel.enterpriseId) keys.push({ ownerKind: 'enterprise', ownerId: sel.enterpriseId });
  if (sel.teamId) keys.push({ ownerKind: 'team', ownerId: sel.teamId });
  const out: OnDutyRoster[] = [];
  const t = at.toISOString();
  const next = new Date(at.getTime() + 1).toISOString();
  for (const k of keys) {
    const raw = await shiftRows(tx, k, t, next);
    const rows = raw.map(shiftView);
    out.push({
      ownerKind: k.ownerKind,
      ownerId: k.ownerId,
      ownerName: await rosterName(tx, k),
      regionCode: k.ownerKind === 'government' ? k.ownerId : (raw[0]?.region_code ?? ''),
      people: onDutyAt(rows, t).map(({ personName, role, phone, startsAt, endsAt }) => ({ personName, role, phone, startsAt, endsAt })),
    });
  }
  return out;
}

/** A roster's name as the pages show it: 宿城区人民政府, the department's, the unit's, the team's. */
export async function rosterName(tx: Queryable, k: RosterKey): Promise<string> {
  const sql = {
    government: `SELECT name || '人民政府' AS name FROM regions WHERE code = $1`,
    department: 'SELECT name FROM departments WHERE id::text = $1',
    enterprise: 'SELECT name FROM enterprises WHERE id::text = $1',
    team: 'SELECT name FROM emergency_teams WHERE id::text = $1',
  }[k.ownerKind];
  const [r] = await tx.query<{ name: string }>(sql, [k.ownerId]);
  return r?.name ?? '';
}

// ---- duty phones --------------------------------------------------------------------------------

export type DutyPhoneRow = {
  id: string;
  region_code: string;
  region_name: string;
  region_level: string;
  department_id: string | null;
  department_name: string | null;
  name: string;
  phone: string;
  note: string | null;
  updated_at: string | Date;
};

export async function dutyPhoneRows(tx: Queryable, prefix: string): Promise<DutyPhoneRow[]> {
  const params: unknown[] = [];
  const where = regionRange('p.region_code', prefix, params);
  return tx.query<DutyPhoneRow>(
    `SELECT p.id, p.region_code, r.name AS region_name, r.level AS region_level, p.department_id, d.name AS department_name,
       p.name, p.phone, p.note, p.updated_at
     FROM emergency_duty_phones p JOIN regions r ON r.code = p.region_code LEFT JOIN departments d ON d.id = p.department_id
     WHERE ${where} ORDER BY p.region_code, d.name NULLS FIRST, p.id LIMIT 5000`,
    params,
  );
}

export async function upsertDutyPhone(
  tx: Queryable,
  v: { regionCode: string; departmentId: string | null; name: string; phone: string; note: string | null },
): Promise<string> {
  const [existing] = await tx.query<{ id: string }>(
    `SELECT id FROM emergency_duty_phones WHERE region_code = $1 AND coalesce(department_id::text, '') = coalesce($2::text, '') FOR UPDATE`,
    [v.regionCode, v.departmentId],
  );
  if (existing) {
    await tx.query('UPDATE emergency_duty_phones SET name = $2, phone = $3, note = $4, updated_at = now() WHERE id = $1', [
      existing.id,
      v.name,
      v.phone,
      v.note,
    ]);
    return existing.id;
  }
  const [r] = await tx.query<{ id: string }>(
    `INSERT INTO emergency_duty_phones (region_code, department_id, name, phone, note) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [v.regionCode, v.departmentId, v.name, v.phone, v.note],
  );
  return (r as { id: string }).id;
}

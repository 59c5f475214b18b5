// People's SQL: people with their certificates and the year's training hours, the enterprises
// they belong to, closed courses with attendance, publicity events. Every query runs on a Scoped
// handle with scopeFilter in its WHERE (first wall) under the policies of migration 042 (second).
// Dates are read as text (YYYY-MM-DD) so that PGlite and pg answer alike.
import type { PersonInput } from '@taishan/domain';
import { type Scoped, scopeFilter } from '../../db/scope.ts';

const SCOPE = (alias: string) => ({
  region: `${alias}.region_code`,
  industry: `${alias}.industry_code`,
  enterpriseId: `${alias}.enterprise_id`,
});

export type CertificateRow = {
  id: string;
  kind: 'qualification' | 'special';
  number: string;
  issued_on: string;
  valid_to: string;
  category: string | null;
  item: string | null;
  reviewed_on: string | null;
  extended_review: boolean;
};

export type PersonRow = {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  industry_code: string;
  safety_director: string | null;
  name: string;
  id_number: string;
  position: 'principal' | 'safetyManager' | 'specialWorker' | 'other';
  hired_on: string | null;
  in_trade_since: string | null;
  off_job_since: string | null;
  version: number;
  certificates: CertificateRow[];
  hours: number;
};

const PERSON_SELECT = (year: string) => `SELECT p.id, p.enterprise_id, e.name AS enterprise_name, p.region_code, p.industry_code,
  e.safety_director, p.name, p.id_number, p.position, p.hired_on::text AS hired_on, p.in_trade_since::text AS in_trade_since,
  p.off_job_since::text AS off_job_since, p.version,
  coalesce((SELECT json_agg(json_build_object('id', c.id, 'kind', c.kind, 'number', c.number, 'issued_on', c.issued_on::text,
      'valid_to', c.valid_to::text, 'category', c.category, 'item', c.item, 'reviewed_on', c.reviewed_on::text,
      'extended_review', c.extended_review) ORDER BY c.issued_on DESC)
    FROM person_certificates c WHERE c.person_id = p.id), '[]') AS certificates,
  coalesce((SELECT sum(t.hours)::float8 FROM person_training t WHERE t.person_id = p.id
    AND t.attended_on >= make_date(${year}, 1, 1) AND t.attended_on < make_date(${year} + 1, 1, 1)), 0) AS hours
  FROM people p JOIN enterprises e ON e.id = p.enterprise_id`;

/**
 * Every person in scope (optionally of one enterprise or matching a name), with the hours of
 * `year`. Three plain scans (people, their certificates, the year's hours), joined here by id:
 * under row-level security the planner estimates one row for each scan and chose a nested loop
 * per person over every certificate (4.5 s for 4,000 people); three scans take a few ms each.
 */
export async function listPeopleRows(
  tx: Scoped,
  q: { enterpriseId?: string | undefined; q?: string | undefined; year: number },
): Promise<PersonRow[]> {
  const scoped = (alias: string, extra: unknown[] = []) => {
    const params: unknown[] = [...extra];
    const where = [scopeFilter(tx.scope, params, SCOPE(alias))];
    if (q.enterpriseId) {
      params.push(q.enterpriseId);
      where.push(`${alias}.enterprise_id = $${params.length}`);
    }
    return { params, where };
  };
  const p = scoped('p');
  if (q.q) {
    p.params.push(`%${q.q}%`);
    p.where.push(`(p.name LIKE $${p.params.length} OR e.name LIKE $${p.params.length})`);
  }
  const c = scoped('c');
  const t = scoped('t', [q.year]);
  const [people, certs, hours] = await Promise.all([
    tx.query<Omit<PersonRow, 'certificates' | 'hours'>>(
      `SELECT p.id, p.enterprise_id, e.name AS enterprise_name, p.region_code, p.industry_code, e.safety_director, p.name, p.id_number,
         p.position, p.hired_on::text AS hired_on, p.in_trade_since::text AS in_trade_since, p.off_job_since::text AS off_job_since, p.version
       FROM people p JOIN enterprises e ON e.id = p.enterprise_id WHERE ${p.where.join(' AND ')}
       ORDER BY e.name, p.position, p.name`,
      p.params,
    ),
    tx.query<CertificateRow & { person_id: string }>(
      `SELECT c.person_id, c.id, c.kind, c.number, c.issued_on::text AS issued_on, c.valid_to::text AS valid_to, c.category, c.item,
         c.reviewed_on::text AS reviewed_on, c.extended_review
       FROM person_certificates c WHERE ${c.where.join(' AND ')} ORDER BY c.issued_on DESC`,
      c.params,
    ),
    tx.query<{ person_id: string; hours: number }>(
      `SELECT t.person_id, sum(t.hours)::float8 AS hours FROM person_training t
       WHERE ${t.where.join(' AND ')} AND t.attended_on >= make_date($1::int, 1, 1) AND t.attended_on < make_date($1::int + 1, 1, 1)
       GROUP BY t.person_id`,
      t.params,
    ),
  ]);
  const certsOf = new Map<string, CertificateRow[]>();
  for (const { person_id, ...cert } of certs) {
    const list = certsOf.get(person_id);
    if (list) list.push(cert);
    else certsOf.set(person_id, [cert]);
  }
  const hoursOf = new Map(hours.map((h) => [h.person_id, h.hours]));
  return people.map((r) => ({ ...r, certificates: certsOf.get(r.id) ?? [], hours: hoursOf.get(r.id) ?? 0 }));
}

export async function findPerson(tx: Scoped, id: string, year: number, forUpdate = false): Promise<PersonRow | undefined> {
  const params: unknown[] = [year, id];
  const [row] = await tx.query<PersonRow>(
    `${PERSON_SELECT('$1::int')} WHERE p.id = $2 AND ${scopeFilter(tx.scope, params, SCOPE('p'))}${forUpdate ? ' FOR UPDATE OF p' : ''}`,
    params,
  );
  return row;
}

export async function trainingOf(tx: Scoped, personId: string) {
  return tx.query<{ id: string; course: string; provider: string | null; attended_on: string; hours: number }>(
    `SELECT id, course, provider, attended_on::text AS attended_on, hours::float8 AS hours FROM person_training
     WHERE person_id = $1 ORDER BY attended_on DESC`,
    [personId],
  );
}

export type EnterpriseRef = { id: string; name: string; region_code: string; industry_code: string };

export async function insertPerson(tx: Scoped, e: EnterpriseRef, p: PersonInput): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO people (enterprise_id, region_code, industry_code, name, id_number, position, hired_on, in_trade_since, off_job_since)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [e.id, e.region_code, e.industry_code, p.name, p.idNumber, p.position, p.hiredOn, p.inTradeSince, p.offJobSince],
  );
  return row?.id as string;
}

export async function personByIdNumber(tx: Scoped, enterpriseId: string, idNumber: string): Promise<{ id: string } | undefined> {
  const [row] = await tx.query<{ id: string }>('SELECT id FROM people WHERE enterprise_id = $1 AND id_number = $2 FOR UPDATE', [
    enterpriseId,
    idNumber,
  ]);
  return row;
}

export async function updatePerson(tx: Scoped, id: string, p: PersonInput): Promise<void> {
  await tx.query(
    `UPDATE people SET name = $2, id_number = $3, position = $4, hired_on = $5, in_trade_since = $6, off_job_since = $7,
       version = version + 1, updated_at = now() WHERE id = $1`,
    [id, p.name, p.idNumber, p.position, p.hiredOn, p.inTradeSince, p.offJobSince],
  );
}

export async function certificateNumberTaken(tx: Scoped, kind: string, number: string): Promise<boolean> {
  // The number is unique nationally; the check is the table's constraint, asked first for a field message.
  const [row] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM person_certificates WHERE kind = $1 AND number = $2', [
    kind,
    number,
  ]);
  return (row?.n ?? 0) > 0;
}

export async function insertCertificate(
  tx: Scoped,
  p: { id: string; enterprise_id: string; region_code: string; industry_code: string },
  c: {
    kind: string;
    number: string;
    issuedOn: string;
    validTo: string;
    category: string | null;
    item: string | null;
    reviewedOn: string | null;
    extendedReview: boolean;
  },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO person_certificates (person_id, enterprise_id, region_code, industry_code, kind, number, issued_on, valid_to,
       category, item, reviewed_on, extended_review)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      p.id,
      p.enterprise_id,
      p.region_code,
      p.industry_code,
      c.kind,
      c.number,
      c.issuedOn,
      c.validTo,
      c.category,
      c.item,
      c.reviewedOn,
      c.extendedReview,
    ],
  );
  return row?.id as string;
}

export async function insertTraining(
  tx: Scoped,
  p: { id: string; enterprise_id: string; region_code: string; industry_code: string },
  t: { course: string; provider: string | null; attendedOn: string; hours: number },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO person_training (person_id, enterprise_id, region_code, industry_code, course, provider, attended_on, hours)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [p.id, p.enterprise_id, p.region_code, p.industry_code, t.course, t.provider, t.attendedOn, t.hours],
  );
  return row?.id as string;
}

/**
 * The enterprises in scope that keep people records (the directory's fields the 安全总监 rule
 * reads). Only those with records: a province's 工作台 must not read its whole directory.
 */
export async function enterprisesInScope(tx: Scoped, enterpriseId?: string) {
  const params: unknown[] = [];
  const where = [
    scopeFilter(tx.scope, params, { region: 'e.region_code', industry: 'e.industry_code', enterpriseId: 'e.id' }),
    'EXISTS (SELECT 1 FROM people p WHERE p.enterprise_id = e.id)',
  ];
  if (enterpriseId) {
    params.push(enterpriseId);
    where.push(`e.id = $${params.length}`);
  }
  return tx.query<{
    id: string;
    name: string;
    region_code: string;
    region_name: string | null;
    industry_code: string;
    employees: number | null;
    revenue_wan: number | null;
    high_risk: string[];
    safety_director: string | null;
  }>(
    `SELECT e.id, e.name, e.region_code, r.name AS region_name, e.industry_code, e.employees, e.revenue_wan, e.high_risk, e.safety_director
     FROM enterprises e LEFT JOIN regions r ON r.code = e.region_code WHERE ${where.join(' AND ')} ORDER BY e.name`,
    params,
  );
}

// ---- closed courses ---------------------------------------------------------------------------

export type CourseRow = {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  title: string;
  starts_on: string;
  ends_on: string;
  place: string;
  reason: 'violation' | 'accident';
  case_id: string | null;
  case_title: string | null;
  accident_id: string | null;
  accident_number: string | null;
  ordered_by_name: string | null;
  ordered_at: string | Date;
  attendees: {
    personId: string;
    name: string;
    position: string;
    status: 'ordered' | 'attended' | 'absent' | 'completed';
    note: string | null;
  }[];
};

const COURSE_SELECT = `SELECT k.id, k.enterprise_id, e.name AS enterprise_name, k.region_code, k.title, k.starts_on::text AS starts_on,
  k.ends_on::text AS ends_on, k.place, k.reason, k.case_id, c.title AS case_title, k.accident_id, a.number AS accident_number,
  k.ordered_by_name, k.ordered_at,
  coalesce((SELECT json_agg(json_build_object('personId', x.person_id, 'name', p.name, 'position', p.position, 'status', x.status,
      'note', x.note) ORDER BY p.name) FROM closed_course_attendees x JOIN people p ON p.id = x.person_id WHERE x.course_id = k.id), '[]') AS attendees
  FROM closed_courses k JOIN enterprises e ON e.id = k.enterprise_id
  LEFT JOIN enforcement_cases c ON c.id = k.case_id LEFT JOIN accidents a ON a.id = k.accident_id`;

/** The courses list's WHERE, shared with the 工作台 count: `pending` = some attendee still ordered. */
function courseWhere(tx: Scoped, q: { pending?: 'true' | undefined; enterpriseId?: string | undefined }, params: unknown[]) {
  const where = [scopeFilter(tx.scope, params, SCOPE('k'))];
  if (q.pending) where.push(`EXISTS (SELECT 1 FROM closed_course_attendees x WHERE x.course_id = k.id AND x.status = 'ordered')`);
  if (q.enterpriseId) {
    params.push(q.enterpriseId);
    where.push(`k.enterprise_id = $${params.length}`);
  }
  return where.join(' AND ');
}

export async function listCourses(
  tx: Scoped,
  q: { pending?: 'true' | undefined; enterpriseId?: string | undefined; page: number; pageSize: number },
) {
  const params: unknown[] = [];
  const where = courseWhere(tx, q, params);
  const [n] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM closed_courses k WHERE ${where}`, params);
  params.push(q.pageSize, (q.page - 1) * q.pageSize);
  const rows = await tx.query<CourseRow>(
    `${COURSE_SELECT} WHERE ${where} ORDER BY k.starts_on DESC, k.ordered_at DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { total: n?.n ?? 0, rows };
}

export async function countCourses(tx: Scoped, q: { pending?: 'true' | undefined }) {
  const params: unknown[] = [];
  const [n] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM closed_courses k WHERE ${courseWhere(tx, q, params)}`, params);
  return n?.n ?? 0;
}

export async function findCourse(tx: Scoped, id: string): Promise<CourseRow | undefined> {
  const params: unknown[] = [id];
  const [row] = await tx.query<CourseRow>(`${COURSE_SELECT} WHERE k.id = $1 AND ${scopeFilter(tx.scope, params, SCOPE('k'))}`, params);
  return row;
}

// ---- publicity ----------------------------------------------------------------------------------

export type PublicityRow = {
  id: string;
  region_code: string;
  region_name: string | null;
  title: string;
  venue: string;
  held_on: string;
  place: string;
  organiser: string;
  reach: number;
};

export function publicityWhere(
  tx: Scoped,
  q: { venue?: string | undefined; from?: string | undefined; to?: string | undefined },
  params: unknown[],
): string {
  const where = [scopeFilter(tx.scope, params, { region: 'v.region_code' })];
  if (q.venue) {
    params.push(q.venue);
    where.push(`v.venue = $${params.length}`);
  }
  if (q.from) {
    params.push(q.from);
    where.push(`v.held_on >= $${params.length}::date`);
  }
  if (q.to) {
    params.push(q.to);
    where.push(`v.held_on <= $${params.length}::date`);
  }
  return where.join(' AND ');
}

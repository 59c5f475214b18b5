// Demo data (issue 26): certificates (some about to expire), training, closed courses, publicity. Owner: people.
// In 宿迁 (the demo city): the entadmin account's enterprise gets a full roster — its 安全总监
// recorded with a 合格证 inside its 60-day window, a welder whose review falls due within 60 days,
// an electrician whose review is overdue, a worker off the job 7 months (re-test), training hours
// with a shortfall; a dozen other enterprises of the demo county and city get their principal,
// safety manager and operators with certificates at various ages (one overdue among them). A
// closed training course ordered after an accident or a case in the county (one attendee reported,
// one still to attend), and a year of publicity events in all five venues across the city's towns.
// Dates are relative to `now`, so the windows are always live. Plain SQL as the owner; idempotent.
import { addYearsClamped, beijingCalendarToday, CERTIFICATE_VALID_YEARS, SPECIAL_WORK_CATEGORIES, shiftCalendarDay } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { DEMO_CITY, prng } from './seed.ts';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['建国', '志强', '海峰', '立新', '卫东', '春梅', '秀英', '文斌', '国庆', '晓明', '红军', '丽华', '永刚', '玉兰', '德胜'];

/** A realistic 18-character ID number (region, birth date, sequence, GB 11643 check character). */
function idNumber(region6: string, birth: string, seq: number): string {
  const body = `${region6}${birth.replace(/-/g, '')}${String(seq % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, ch, i) => s + Number(ch) * (weights[i] as number), 0);
  return body + '10X98765432'[sum % 11];
}

type Ent = { id: string; name: string; region_code: string; industry_code: string; safety_director: string | null };
type PersonSeed = {
  name: string;
  position: 'principal' | 'safetyManager' | 'specialWorker' | 'other';
  hiredOn: string;
  inTradeSince?: string;
  offJobSince?: string;
  qualification?: { issuedOn: string; validTo: string };
  special?: { category: string; item?: string; issuedOn: string; reviewedOn?: string };
  hours: number[];
};

export async function seedDemoPeople(db: Db, now = new Date()): Promise<void> {
  const cityPrefix = DEMO_CITY.slice(0, 4);
  const [done] = await db.query('SELECT 1 FROM people WHERE region_code >= $1 AND region_code < $2 LIMIT 1', [
    cityPrefix,
    `${cityPrefix}~`,
  ]);
  if (done) return;
  const [entRow] = await db.query<{ enterprise_id: string | null }>("SELECT enterprise_id FROM users WHERE username = 'entadmin'");
  const [countyRow] = await db.query<{ id: string; region_code: string; display_name: string }>(
    "SELECT id, region_code, display_name FROM users WHERE username = 'county'",
  );
  if (!countyRow) return;
  const county6 = countyRow.region_code.slice(0, 6);
  const enterprises = await db.query<Ent>(
    `SELECT id, name, region_code, industry_code, safety_director FROM enterprises WHERE region_code >= $1 AND region_code < $2
     ORDER BY (id = $3) DESC, (left(region_code, 6) = $4) DESC, credit_code LIMIT 14`,
    [cityPrefix, `${cityPrefix}~`, entRow?.enterprise_id ?? '00000000-0000-0000-0000-000000000000', county6],
  );
  if (!enterprises.length) return;
  const today = beijingCalendarToday(now);
  const year = Number(today.slice(0, 4));
  const rand = prng(20261207);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)] as T;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const nameOf = () => pick([...SURNAMES]) + pick(GIVEN);
  const ago = (days: number) => shiftCalendarDay(today, -days);
  /** An issue date whose 3-year review falls `d` days from today (negative: overdue). */
  const reviewIn = (d: number) => shiftCalendarDay(addYearsClamped(today, -3), d);

  const rosters = new Map<string, PersonSeed[]>();
  const [own, ...others] = enterprises;
  if (own && own.id === entRow?.enterprise_id) {
    rosters.set(own.id, [
      {
        name: nameOf(),
        position: 'principal',
        hiredOn: '2016-04-01',
        qualification: { issuedOn: ago(400), validTo: shiftCalendarDay(today, 700) },
        hours: [8, 8],
      },
      // The 安全总监 (the directory's name) with a 合格证 running out in 45 days.
      {
        name: own.safety_director ?? nameOf(),
        position: 'safetyManager',
        hiredOn: '2018-09-01',
        qualification: { issuedOn: addYearsClamped(shiftCalendarDay(today, 45), -3), validTo: shiftCalendarDay(today, 45) },
        hours: [6],
      },
      {
        name: nameOf(),
        position: 'specialWorker',
        hiredOn: '2019-03-01',
        special: { category: 'welding', item: '熔化焊接与热切割作业', issuedOn: reviewIn(30) },
        hours: [20],
      },
      {
        name: nameOf(),
        position: 'specialWorker',
        hiredOn: '2017-06-01',
        special: { category: 'electrician', item: '低压电工作业', issuedOn: reviewIn(-20) },
        hours: [20],
      },
      {
        name: nameOf(),
        position: 'specialWorker',
        hiredOn: '2020-05-01',
        offJobSince: ago(215),
        special: { category: 'workAtHeight', item: '登高架设作业', issuedOn: ago(500) },
        hours: [4],
      },
      {
        name: nameOf(),
        position: 'specialWorker',
        hiredOn: '2012-02-01',
        inTradeSince: '2012-02-01',
        special: { category: 'refrigeration', issuedOn: ago(1900), reviewedOn: ago(800) },
        hours: [20],
      },
      { name: nameOf(), position: 'other', hiredOn: `${year}-03-01`, hours: [24] },
    ]);
  }
  for (const [i, e] of (own && own.id === entRow?.enterprise_id ? others : enterprises).entries()) {
    const roster: PersonSeed[] = [
      {
        name: nameOf(),
        position: 'principal',
        hiredOn: ago(between(800, 4000)),
        qualification: { issuedOn: ago(500), validTo: shiftCalendarDay(today, between(-30, 900)) },
        hours: [12, 4],
      },
      {
        name: e.safety_director ?? nameOf(),
        position: 'safetyManager',
        hiredOn: ago(between(800, 4000)),
        qualification: { issuedOn: ago(300), validTo: shiftCalendarDay(today, between(20, 1000)) },
        hours: [16],
      },
    ];
    const category = pick(SPECIAL_WORK_CATEGORIES.slice(0, 4));
    roster.push({
      name: nameOf(),
      position: 'specialWorker',
      hiredOn: ago(between(800, 3000)),
      special: {
        category: category.code,
        item: category.items[0]?.zh,
        issuedOn: i === 0 ? reviewIn(-45) : reviewIn(between(-600, 900)),
        reviewedOn: undefined,
      },
      hours: [between(8, 24)],
    });
    rosters.set(e.id, roster);
  }

  let seq = 1;
  const people: unknown[] = [];
  const certs: unknown[] = [];
  const training: unknown[] = [];
  const personIds = new Map<string, string[]>();
  for (const e of enterprises) {
    for (const p of rosters.get(e.id) ?? []) {
      const id = crypto.randomUUID();
      personIds.set(e.id, [...(personIds.get(e.id) ?? []), id]);
      const birth = `${between(1968, 1996)}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`;
      people.push({
        id,
        enterprise_id: e.id,
        region_code: e.region_code,
        industry_code: e.industry_code,
        name: p.name,
        id_number: idNumber(e.region_code.slice(0, 6), birth, seq++),
        position: p.position,
        hired_on: p.hiredOn,
        in_trade_since: p.inTradeSince ?? null,
        off_job_since: p.offJobSince ?? null,
      });
      const base = { person_id: id, enterprise_id: e.id, region_code: e.region_code, industry_code: e.industry_code };
      if (p.qualification)
        certs.push({
          ...base,
          kind: 'qualification',
          number: `AQ${e.region_code.slice(0, 6)}${String(seq).padStart(6, '0')}`,
          issued_on: p.qualification.issuedOn,
          valid_to: p.qualification.validTo,
          category: null,
          item: null,
          reviewed_on: null,
        });
      if (p.special)
        certs.push({
          ...base,
          kind: 'special',
          number: `T${idNumber(e.region_code.slice(0, 6), birth, seq)}`,
          issued_on: p.special.issuedOn,
          valid_to: addYearsClamped(p.special.issuedOn, CERTIFICATE_VALID_YEARS),
          category: p.special.category,
          item: p.special.item ?? null,
          reviewed_on: p.special.reviewedOn ?? null,
        });
      p.hours.forEach((h, k) => {
        training.push({
          ...base,
          course: pick(['年度安全生产再培训', '危险作业安全管理专题', '应急预案与演练培训', '事故警示教育', '岗位安全操作规程培训']),
          provider: pick(['宿迁市安全生产培训中心', '宿城区应急管理局', '江苏省安全生产科学研究院']),
          attended_on: `${year}-${String(Math.min(11, 2 + k * 4)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`,
          hours: h,
        });
      });
    }
  }
  await db.query(
    `INSERT INTO people (id, enterprise_id, region_code, industry_code, name, id_number, position, hired_on, in_trade_since, off_job_since)
     SELECT id, enterprise_id, region_code, industry_code, name, id_number, position, hired_on, in_trade_since, off_job_since
     FROM json_populate_recordset(NULL::people, $1::json)`,
    [JSON.stringify(people)],
  );
  await db.query(
    `INSERT INTO person_certificates (person_id, enterprise_id, region_code, industry_code, kind, number, issued_on, valid_to, category, item, reviewed_on)
     SELECT person_id, enterprise_id, region_code, industry_code, kind, number, issued_on, valid_to, category, item, reviewed_on
     FROM json_populate_recordset(NULL::person_certificates, $1::json)`,
    [JSON.stringify(certs)],
  );
  await db.query(
    `INSERT INTO person_training (person_id, enterprise_id, region_code, industry_code, course, provider, attended_on, hours)
     SELECT person_id, enterprise_id, region_code, industry_code, course, provider, attended_on, hours
     FROM json_populate_recordset(NULL::person_training, $1::json)`,
    [JSON.stringify(training)],
  );

  // A closed course in the demo county after an accident (or else a case) of one of its enterprises.
  const [link] = await db.query<{ enterprise_id: string; accident_id: string | null; case_id: string | null }>(
    `SELECT enterprise_id, id AS accident_id, NULL::uuid AS case_id FROM accidents
       WHERE enterprise_id = ANY($1::uuid[]) AND left(region_code, 6) = $2 AND NOT near_miss
     UNION ALL
     SELECT enterprise_id, NULL, id FROM enforcement_cases WHERE enterprise_id = ANY($1::uuid[]) AND left(region_code, 6) = $2
     LIMIT 1`,
    [enterprises.map((e) => e.id), county6],
  );
  const linked = link ? enterprises.find((e) => e.id === link.enterprise_id) : undefined;
  if (link && linked) {
    const [course] = await db.query<{ id: string }>(
      `INSERT INTO closed_courses (enterprise_id, region_code, industry_code, title, starts_on, ends_on, place, reason, case_id, accident_id,
         ordered_by, ordered_by_name, ordered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        linked.id,
        linked.region_code,
        linked.industry_code,
        `${year}年第四期生产经营单位主要负责人强制性封闭培训班`,
        shiftCalendarDay(today, 5),
        shiftCalendarDay(today, 9),
        '宿迁市安全生产培训中心（宿城区洪泽湖路）',
        link.accident_id ? 'accident' : 'violation',
        link.case_id,
        link.accident_id,
        countyRow.id,
        countyRow.display_name,
        new Date(now.getTime() - 3 * 86_400_000).toISOString(),
      ],
    );
    const managers = await db.query<{ id: string; position: string }>(
      "SELECT id, position FROM people WHERE enterprise_id = $1 AND position IN ('principal', 'safetyManager') ORDER BY position",
      [linked.id],
    );
    for (const [k, m] of managers.entries()) {
      await db.query(
        `INSERT INTO closed_course_attendees (course_id, person_id, enterprise_id, region_code, industry_code, status, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          course?.id,
          m.id,
          linked.id,
          linked.region_code,
          linked.industry_code,
          k === 0 ? 'ordered' : 'attended',
          k === 0 ? null : '已报到',
        ],
      );
    }
  }

  // A year of publicity in all five venues across the city's towns.
  const towns = await db.query<{ code: string; name: string }>(
    "SELECT code, name FROM regions WHERE level = 'township' AND code >= $1 AND code < $2 ORDER BY (left(code, 6) = $3) DESC, code LIMIT 12",
    [cityPrefix, `${cityPrefix}~`, county6],
  );
  const EVENTS: Record<string, { titles: string[]; places: string[]; reach: [number, number] }> = {
    enterprise: {
      titles: ['“安全生产月”企业主要负责人安全公开课', '有限空间作业安全宣讲进车间'],
      places: ['企业培训室', '生产车间'],
      reach: [40, 300],
    },
    rural: { titles: ['农村消防安全知识巡回宣传', '农机安全与防溺水宣传进村'], places: ['村委会广场', '村文化礼堂'], reach: [80, 600] },
    community: { titles: ['安全生产咨询日社区宣传', '燃气安全进社区'], places: ['社区服务中心', '小区广场'], reach: [150, 1500] },
    school: { titles: ['应急疏散演练进校园', '安全知识第一课'], places: ['实验小学', '初级中学'], reach: [300, 2000] },
    family: { titles: ['家庭燃气安全入户宣传', '“一户一册”家庭应急常识发放'], places: ['居民家中', '入户走访'], reach: [20, 200] },
  };
  const events: unknown[] = [];
  for (const [venue, spec] of Object.entries(EVENTS)) {
    for (let k = 0; k < 3; k++) {
      const town = towns[(k * 5 + venue.length) % Math.max(1, towns.length)];
      if (!town) continue;
      events.push({
        region_code: town.code,
        title: pick(spec.titles),
        venue,
        held_on: ago(between(5, 330)),
        place: `${town.name}${pick(spec.places)}`,
        organiser: `${town.name}安全生产委员会办公室`,
        reach: between(spec.reach[0], spec.reach[1]),
      });
    }
  }
  await db.query(
    `INSERT INTO publicity_events (region_code, title, venue, held_on, place, organiser, reach)
     SELECT region_code, title, venue, held_on, place, organiser, reach FROM json_populate_recordset(NULL::publicity_events, $1::json)`,
    [JSON.stringify(events)],
  );
}

// Demo data of 传染病报告 (issue 28), called from main.ts after the other demo seeds. Owner: cases (病种参考数据、传染病报告卡、审核、流调任务、查重合并).
// The disease reference (2013 list, notices, 2025 law provisional); health facilities of the demo
// city (a hospital per county, township clinics, the county CDC, an isolation point) with reporters;
// users `clinic` (the town1 clinic) and `cdc` (county1's CDC); a season of cases over the last
// ~100 days in every status (a few late, returned, revoked, merged duplicates), cases of 2025 for
// statistics, and DEMO_CLUSTER: 6 confirmed COVID-19 cases in demo town1 diagnosed 2–9 days ago
// (the events and levels parts build on it). Through the real commands (audited). Idempotent.
import { type Actor, COVID19_CODE, idCheckChar, type PhCaseAction, type PhClassification } from '@taishan/domain';
import { hashPassword } from '../auth/passwords.ts';
import type { Db } from '../db/db.ts';
import { actOnCase, type CaseBody, createCase } from '../modules/public-health/cases-service.ts';
import { seedDiseaseReference } from '../modules/public-health/diseases-service.ts';
import type { Keyring } from '../modules/whistleblowing/keyring.ts';
import { demoActor } from './enforcement-inspections.ts';
import { DEMO_CITY, DEMO_PASSWORD, demoCreditCode, prng } from './seed.ts';

/** The cluster the events and levels demos find: disease, township (demo town1), count, days ago. */
export const DEMO_CLUSTER = { diseaseCode: COVID19_CODE, township: 'town1', count: 6, daysAgo: [2, 9] as const };

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '朱', '马', '胡', '郭', '林', '何', '高', '梁'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
];
// Season mix: influenza and HFMD dominate, then TB, hepatitis, syphilis, scarlet fever, diarrhoea.
const MIX: [string, number][] = [
  ['influenza', 40],
  ['hfmd', 20],
  ['otherDiarrhea', 14],
  ['tuberculosis', 12],
  ['hepatitis', 10],
  ['syphilis', 8],
  [COVID19_CODE, 10],
  ['scarletFever', 6],
  ['mumps', 6],
  ['brucellosis', 2],
  ['dysentery', 3],
];

type Place = { code: string; name: string; parent_code: string };

export async function seedDemoPhCases(db: Db, keyring?: Keyring, now = new Date()): Promise<void> {
  await seedDiseaseReference(db);
  const [done] = await db.query("SELECT 1 FROM users WHERE username = 'clinic'");
  if (done) return;
  const admin = await demoActor(db, 'admin');
  if (!admin) return;
  const counties = await db.query<{ code: string; name: string }>(
    `SELECT code, name FROM regions r WHERE parent_code = $1 AND level = 'county'
       AND EXISTS (SELECT 1 FROM regions t WHERE t.parent_code = r.code) ORDER BY code LIMIT 4`,
    [DEMO_CITY],
  );
  const towns = await db.query<Place>(
    "SELECT code, name, parent_code FROM regions WHERE parent_code = ANY($1::text[]) AND level = 'township' ORDER BY code",
    [counties.map((c) => c.code)],
  );
  const county1 = counties[0];
  const town1 = towns.find((t) => t.parent_code === county1?.code);
  if (!county1 || !town1) return;
  const hash = await hashPassword(DEMO_PASSWORD);
  let n = 0;
  const facility = async (name: string, kind: string, industry: string, regionCode: string, username: string, display: string) => {
    n++;
    const [e] = await db.query<{ id: string }>(
      `INSERT INTO enterprises (credit_code, name, address, region_code, industry_code, employees, contact_phone)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (credit_code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [
        demoCreditCode(880000 + n, regionCode.slice(0, 6)).replace(/^91/, '12'),
        name,
        `${name}院内`,
        regionCode,
        industry,
        40 + n * 7,
        `0527-8${String(3000000 + n * 1371).slice(0, 7)}`,
      ],
    );
    const id = e?.id as string;
    await db.query('INSERT INTO ph_facilities (enterprise_id, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, kind]);
    await db.query(
      `INSERT INTO users (username, display_name, password_hash, role, region_code, enterprise_id) VALUES ($1, $2, $3, 'medicalReporter', $4, $5)
       ON CONFLICT (username) DO NOTHING`,
      [username, display, hash, regionCode, id],
    );
    return { id, regionCode, username };
  };
  // The clinic of demo town1 first: `clinic` reports there.
  const reporters: { id: string; regionCode: string; username: string; county: string }[] = [];
  const c1 = await facility(`${town1.name}卫生院`, 'clinic', '8423', town1.code, 'clinic', `${town1.name}卫生院报告人`);
  reporters.push({ ...c1, county: county1.code });
  for (const [i, c] of counties.entries()) {
    const ct = towns.filter((t) => t.parent_code === c.code);
    const seat = ct[0] as Place;
    const h = await facility(`${c.name}人民医院`, 'hospital', '8411', seat.code, `hosp${i + 1}`, `${c.name}人民医院防保科`);
    reporters.push({ ...h, county: c.code });
    // The first hospital's safety officer (an enterprise administrator of the hospital): the
    // findings of its 疫情防控重点场所 inspection are hazards it rectifies (command-duty.ts).
    if (i === 0)
      await db.query(
        `INSERT INTO users (username, display_name, password_hash, role, region_code, enterprise_id) VALUES ('hospadmin', $1, $2, 'enterpriseAdmin', $3, $4)
         ON CONFLICT (username) DO NOTHING`,
        [`${c.name}人民医院安全科`, hash, seat.code, h.id],
      );
    const other = ct[i === 0 ? 1 : 2] ?? ct[1];
    if (other && other.code !== town1.code) {
      const cl = await facility(`${other.name}卫生院`, 'clinic', '8423', other.code, `clinic${i + 2}`, `${other.name}卫生院报告人`);
      reporters.push({ ...cl, county: c.code });
    }
  }
  await facility(`${county1.name}疾病预防控制中心`, 'cdc', '8431', town1.code, 'cdcunit', `${county1.name}疾控中心`);
  await facility(
    `${county1.name}集中隔离医学观察点`,
    'isolation',
    '8499',
    (towns.filter((t) => t.parent_code === county1.code)[1] ?? town1).code,
    'isolation1',
    '隔离点报告人',
  );
  for (const [i, c] of counties.entries())
    await db.query(
      `INSERT INTO users (username, display_name, password_hash, role, region_code) VALUES ($1, $2, $3, 'cdcReviewer', $4) ON CONFLICT (username) DO NOTHING`,
      [i === 0 ? 'cdc' : `cdc${i + 1}`, `${c.name}疾控中心审核员`, hash, c.code],
    );
  if (!keyring) return; // the persons are sealed with the report keyring (main.ts passes it)

  const rand = prng(20260928);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)] as T;
  const totalWeight = MIX.reduce((s, [, w]) => s + w, 0);
  const disease = () => {
    let x = rand() * totalWeight;
    for (const [code, w] of MIX) {
      x -= w;
      if (x < 0) return code;
    }
    return 'influenza';
  };
  let seq = 0;
  const person = (countyCode: string, age: number, at: Date) => {
    seq++;
    const born = new Date(at.getTime() - age * 365.25 * DAY - Math.floor(rand() * 300) * DAY);
    const y = born.getUTCFullYear();
    const md = `${String(born.getUTCMonth() + 1).padStart(2, '0')}${String(born.getUTCDate()).padStart(2, '0')}`;
    const first17 = `${countyCode.slice(0, 6)}${y}${md}${String(100 + (seq % 899)).padStart(3, '0')}`;
    return {
      name: pick(SURNAMES) + pick(GIVEN) + (rand() < 0.5 ? pick(GIVEN) : ''),
      idType: 'resident' as const,
      idNumber: first17 + idCheckChar(first17),
      phone: `1${pick(['38', '39', '58', '86', '77'])}${String(Math.floor(10000000 + rand() * 89999999))}`,
      address: null,
    };
  };
  const actors = new Map<string, Actor>();
  const actor = async (username: string) => {
    if (!actors.has(username)) actors.set(username, (await demoActor(db, username)) as Actor);
    return actors.get(username) as Actor;
  };
  const reviewerOf = (countyCode: string) =>
    `${countyCode === county1.code ? 'cdc' : `cdc${counties.findIndex((c) => c.code === countyCode) + 1}`}`;
  const act = async (
    username: string,
    id: string,
    action: PhCaseAction,
    at: Date,
    extra: { reason?: string; classification?: PhClassification; intoId?: string } = {},
  ) => {
    const [v] = await db.query<{ version: number }>('SELECT version FROM ph_cases WHERE id = $1', [id]);
    return actOnCase(db, keyring, await actor(username), id, action, { version: v?.version ?? 1, ...extra }, at);
  };
  const report = async (rep: (typeof reporters)[number], body: CaseBody, at: Date) =>
    createCase(db, keyring, await actor(rep.username), body, at);
  const residenceOf = (rep: (typeof reporters)[number]) => {
    const ct = towns.filter((t) => t.parent_code === rep.county);
    return rand() < 0.7 ? rep.regionCode : pick(ct).code;
  };

  // A season: ~150 cases over the last 100 days.
  const made: { id: string; county: string; at: Date; rep: (typeof reporters)[number]; body: CaseBody }[] = [];
  for (let i = 0; i < 150; i++) {
    const rep = pick(reporters);
    const code = disease();
    const diagnosed = new Date(now.getTime() - (1 + rand() * 99) * DAY);
    if (diagnosed.getTime() > now.getTime() - 12 * HOUR) continue;
    const lateOne = i % 23 === 7;
    const reported = new Date(diagnosed.getTime() + (lateOne ? 30 : 0.5 + rand() * 10) * HOUR);
    if (reported.getTime() > now.getTime()) continue;
    const age =
      code === 'hfmd'
        ? 1 + Math.floor(rand() * 5)
        : code === 'scarletFever' || code === 'mumps'
          ? 4 + Math.floor(rand() * 10)
          : 18 + Math.floor(rand() * 65);
    const p = person(rep.county, age, diagnosed);
    const cls: PhClassification =
      code === 'influenza' || code === 'hfmd'
        ? pick(['clinical', 'confirmed', 'confirmed'] as const)
        : pick(['suspected', 'confirmed', 'confirmed', 'clinical'] as const);
    const body: CaseBody = {
      diseaseCode: code,
      classification: cls,
      onsetAt: new Date(diagnosed.getTime() - (1 + rand() * 72) * HOUR).toISOString(),
      diagnosedAt: diagnosed.toISOString(),
      regionCode: residenceOf(rep),
      sex: Number(p.idNumber[16]) % 2 === 1 ? 'male' : 'female',
      ageYears: age,
      person: p,
    };
    const c = await report(rep, body, reported);
    made.push({ id: c.id, county: rep.county, at: reported, rep, body });
  }
  // Reviews: older than 2 days mostly reviewed; a few returned (one resubmitted), revoked, reclassified.
  for (const [i, m] of made.entries()) {
    const age = now.getTime() - m.at.getTime();
    const reviewer = reviewerOf(m.county);
    const t = new Date(m.at.getTime() + (2 + (i % 20)) * HOUR);
    if (t.getTime() > now.getTime()) continue;
    if (i % 29 === 3) await act(reviewer, m.id, 'return', t, { reason: '现住址填写不完整，请补充到村（社区）' });
    else if (i % 31 === 5) await act(m.rep.username, m.id, 'revoke', t, { reason: '重复录入，报告人删除' });
    else if (i % 17 === 4 && m.body.classification === 'suspected') {
      await act(reviewer, m.id, 'reclassify', t, { classification: 'confirmed' });
      await act(reviewer, m.id, 'review', new Date(t.getTime() + HOUR));
    } else if (age > 2 * DAY) await act(reviewer, m.id, 'review', t);
  }
  // Duplicates: the same person reported by the county hospital after the clinic; two merged, one waiting.
  const hosp1 = reporters.find((r) => r.username === 'hosp1') ?? reporters[0];
  const originals = made.filter((m) => m.rep.username === 'clinic' && m.body.classification === 'confirmed').slice(0, 3);
  for (const [i, o] of originals.entries()) {
    if (!hosp1) break;
    const at = new Date(o.at.getTime() + (20 + i) * HOUR);
    if (at.getTime() > now.getTime()) continue;
    const dup = await report(
      hosp1,
      { ...o.body, diagnosedAt: new Date(new Date(o.body.diagnosedAt).getTime() + 6 * HOUR).toISOString() },
      at,
    );
    if (i < 2)
      await act('cdc', dup.id, 'merge', new Date(at.getTime() + 3 * HOUR), { intoId: o.id, reason: '同一患者在县医院复诊重复报告' });
  }
  // The cluster: 6 confirmed COVID-19 in demo town1, diagnosed 2–9 days ago, reported by the clinic.
  const clinic = reporters[0] as (typeof reporters)[number];
  for (const [k, daysAgo] of [2, 3, 4, 5, 7, 9].entries()) {
    const diagnosed = new Date(now.getTime() - daysAgo * DAY - (k + 1) * HOUR);
    const p = person(county1.code, 25 + k * 9, diagnosed);
    const c = await report(
      clinic,
      {
        diseaseCode: COVID19_CODE,
        classification: 'confirmed',
        onsetAt: new Date(diagnosed.getTime() - 30 * HOUR).toISOString(),
        diagnosedAt: diagnosed.toISOString(),
        regionCode: town1.code,
        sex: Number(p.idNumber[16]) % 2 === 1 ? 'male' : 'female',
        ageYears: 25 + k * 9,
        person: p,
      },
      new Date(diagnosed.getTime() + 3 * HOUR),
    );
    if (daysAgo > 3) await act('cdc', c.id, 'review', new Date(diagnosed.getTime() + 10 * HOUR));
  }
  // Last year (2025) for statistics: ~40 reviewed cases.
  for (let i = 0; i < 40; i++) {
    const rep = pick(reporters);
    const code = disease();
    const diagnosed = new Date(Date.UTC(2025, Math.floor(rand() * 12), 1 + Math.floor(rand() * 27), 1 + Math.floor(rand() * 10)));
    const p = person(rep.county, 20 + Math.floor(rand() * 60), diagnosed);
    const reported = new Date(diagnosed.getTime() + 2 * HOUR);
    const c = await report(
      rep,
      {
        diseaseCode: code,
        classification: 'confirmed',
        onsetAt: null,
        diagnosedAt: diagnosed.toISOString(),
        regionCode: residenceOf(rep),
        sex: null,
        ageYears: null,
        person: p,
      },
      reported,
    );
    await act(reviewerOf(rep.county), c.id, 'review', new Date(reported.getTime() + 5 * HOUR));
  }
}

// Demo data of 突发公共卫生事件 (issue 28), called from main.ts after the cases demo. Owner: events.
// The cases demo's DEMO_CLUSTER (6 confirmed COVID-19 cases in demo town1, 2–9 days ago) is found by
// the detection (run at the time of its latest case) and becomes an event: confirmed, graded Ⅳ, the
// chain done (one step late), an initial and a progress report, a few contacts, tasks in several
// states. Plus a closed 2025 event, a manual food-poisoning event at a school, and a signal still
// waiting for confirmation. Idempotent: a second start adds nothing.
import type { Db } from '../db/db.ts';
import {
  addContact,
  addTask,
  createEvent,
  detectClusters,
  fileReport,
  gradeEventCommand,
  recordChainStep,
  taskCommand,
  transitionEvent,
} from '../modules/public-health/events-service.ts';
import { insertEvent, nextEventNumber } from '../modules/public-health/events-store.ts';
import type { Keyring } from '../modules/whistleblowing/keyring.ts';
import { demoActor } from './enforcement-inspections.ts';
import { DEMO_CLUSTER } from './public-health-cases.ts';

const SCHOOL_TITLE = '实验小学食堂疑似食物中毒事件';
const H = 3_600_000;

export async function seedDemoPhEvents(db: Db, keyring?: Keyring, now = new Date()): Promise<void> {
  if (!keyring) return; // contacts are sealed with the report keyring (main.ts passes it)
  if ((await db.query('SELECT 1 FROM ph_events WHERE title = $1', [SCHOOL_TITLE])).length) return;
  const county = await demoActor(db, 'county');
  const cdc = await demoActor(db, 'cdc');
  if (!county || !cdc) return;
  // Each report of the chain is recorded by the level that makes it (domain mayRecordChainStep).
  const city = (await demoActor(db, 'city')) ?? county;
  const province = (await demoActor(db, 'province')) ?? city;
  const recorder = [county, county, county, city, province];
  const town1 = county.scope.regionPrefix
    ? (
        await db.query<{ code: string }>(
          "SELECT code FROM regions WHERE level = 'township' AND parent_code = (SELECT code FROM regions WHERE prefix = $1) ORDER BY code LIMIT 2",
          [county.scope.regionPrefix],
        )
      ).map((r) => r.code)
    : [];
  const [t1, t2] = town1;
  if (!t1) return;
  const townUser = (
    await db.query<{ id: string }>("SELECT id FROM users WHERE role = 'townshipSupervisor' AND region_code = $1 LIMIT 1", [t1])
  )[0]?.id;

  // 1. The cluster → a signal (detection at its latest case), then the event.
  const [latest] = await db.query<{ at: Date | string }>(
    `SELECT max(diagnosed_at) AS at FROM ph_cases WHERE disease_code = $1 AND region_code = $2 AND status NOT IN ('merged', 'revoked')`,
    [DEMO_CLUSTER.diseaseCode, t1],
  );
  if (latest?.at) {
    const at = new Date(new Date(latest.at).getTime() + 60_000);
    const [id] = await db.transaction((tx) => detectClusters(tx, at, county.scope.regionPrefix));
    if (id) {
      let e = await transitionEvent(db, cdc, keyring, id, 'confirm', 1, new Date(at.getTime() + 0.5 * H));
      e = await gradeEventCommand(db, cdc, keyring, id, { version: e.version, facts: { disease: 'B', cases: DEMO_CLUSTER.count } });
      for (const [i, [hours, note]] of (
        [
          [1, '县疾控电话报告县卫生健康委'],
          [3.5, '县卫生健康委报告县人民政府（超时）'],
          [4.5, '县人民政府报告市人民政府'],
          [5.5, '市人民政府报告省人民政府'],
          [6, '省卫生健康委报告国家卫生健康委'],
        ] as const
      ).entries())
        await recordChainStep(db, recorder[i] ?? county, keyring, id, { doneAt: new Date(at.getTime() + hours * H).toISOString(), note });
      await fileReport(
        db,
        cdc,
        keyring,
        id,
        {
          kind: 'initial',
          content: `${DEMO_CLUSTER.count} 例新冠病毒感染确诊病例集中于同一镇，均有共同聚餐史，已启动流行病学调查。`,
          affected: DEMO_CLUSTER.count,
          deaths: 0,
        },
        new Date(at.getTime() + 2 * H),
      );
      await fileReport(
        db,
        cdc,
        keyring,
        id,
        { kind: 'progress', content: '已追踪密切接触者 4 人，均落实居家医学观察；暂无新增病例。', affected: DEMO_CLUSTER.count, deaths: 0 },
        new Date(at.getTime() + 26 * H),
      );
      e = await transitionEvent(
        db,
        county,
        keyring,
        id,
        'respond',
        (await db.query<{ version: number }>('SELECT version FROM ph_events WHERE id = $1', [id]))[0]?.version ?? 1,
      );
      const until = new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
      for (const [name, phone, relation] of [
        ['王建国', '13851234567', '同事'],
        ['李秀英', '13905231234', '家属'],
        ['张伟', '13770011223', '聚餐同桌'],
        ['陈静', '15150123456', '聚餐同桌'],
      ] as const)
        await addContact(db, county, keyring, id, {
          name,
          phone,
          relation,
          followUpUntil: until,
          lastContactAt: new Date(at.getTime() - 24 * H).toISOString(),
        });
      const due = (h: number) => new Date(now.getTime() + h * H).toISOString();
      await addTask(db, county, keyring, id, { kind: 'sampling', title: '采集密切接触者咽拭子', dueAt: due(-30) });
      await addTask(db, county, keyring, id, {
        kind: 'followUp',
        title: '密切接触者每日健康随访',
        dueAt: due(-2),
        assigneeId: townUser ?? null,
      });
      await addTask(db, county, keyring, id, { kind: 'other', title: '聚餐场所终末消毒', dueAt: due(24) });
      await addTask(db, county, keyring, id, { kind: 'other', title: '重复登记的消毒任务', dueAt: due(24) });
      const tasks = await db.query<{ id: string; title: string }>('SELECT id, title FROM ph_tasks WHERE event_id = $1', [id]);
      const task = (t: string) => tasks.find((x) => x.title === t)?.id as string;
      await taskCommand(db, county, task('采集密切接触者咽拭子'), 'done', { note: '已采样 4 份，均阴性' });
      await taskCommand(db, county, task('重复登记的消毒任务'), 'cancel', { note: '重复登记' });
      void e;
    }
  }

  // 2. A closed 2025 event.
  const past = new Date('2025-07-14T02:00:00Z');
  const closed = await createEvent(
    db,
    county,
    keyring,
    {
      title: '某建筑工地诺如病毒感染聚集性疫情',
      kind: 'infectiousOutbreak',
      regionCode: t2 ?? t1,
      occurredAt: past.toISOString(),
      discoveredAt: new Date(past.getTime() + 6 * H).toISOString(),
      summary: '工地食堂就餐人员出现呕吐、腹泻症状，检出诺如病毒。',
      affected: 23,
      deaths: 0,
    },
    new Date(past.getTime() + 6 * H),
  );
  await gradeEventCommand(db, county, keyring, closed.id, { version: closed.version, grade: 'IV' });
  for (const [i, h] of [7, 8.5, 10, 11.5, 12].entries())
    await recordChainStep(
      db,
      recorder[i] ?? county,
      keyring,
      closed.id,
      { doneAt: new Date(past.getTime() + h * H).toISOString() },
      new Date(past.getTime() + 13 * H),
    );
  await fileReport(
    db,
    county,
    keyring,
    closed.id,
    { kind: 'initial', content: '工地食堂诺如病毒感染 23 例，无重症，已停止食堂供餐并消毒。', affected: 23, deaths: 0 },
    new Date(past.getTime() + 8 * H),
  );
  await fileReport(
    db,
    county,
    keyring,
    closed.id,
    { kind: 'closing', content: '末例病例后连续两个最长潜伏期无新发病例，事件结束。', affected: 23, deaths: 0 },
    new Date(past.getTime() + 10 * 86_400_000),
  );

  // 3. A manual event: food poisoning at a school, confirmed this morning, chain under way.
  const school = await createEvent(
    db,
    county,
    keyring,
    {
      title: SCHOOL_TITLE,
      kind: 'foodPoisoning',
      regionCode: t1,
      occurredAt: new Date(now.getTime() - 5 * H).toISOString(),
      discoveredAt: new Date(now.getTime() - 3 * H).toISOString(),
      summary: '午餐后多名学生出现腹痛、呕吐，已送医。',
      affected: 34,
      deaths: 0,
    },
    new Date(now.getTime() - 2.5 * H),
  );
  await gradeEventCommand(db, county, keyring, school.id, { version: school.version, facts: { cases: 34 } });
  await recordChainStep(db, county, keyring, school.id, {
    doneAt: new Date(now.getTime() - 2 * H).toISOString(),
    note: '县疾控报告县卫生健康委',
  });

  // 4. A signal still waiting for confirmation.
  const [disease] = await db.query<{ code: string; name_zh: string }>(
    'SELECT code, name_zh FROM ph_diseases WHERE code <> $1 ORDER BY code LIMIT 1',
    [DEMO_CLUSTER.diseaseCode],
  );
  if (disease) {
    await db.transaction(async (tx) =>
      insertEvent(tx, {
        number: await nextEventNumber(tx, now),
        title: `${disease.name_zh}聚集性信号`,
        kind: 'infectiousOutbreak',
        diseaseCode: disease.code,
        regionCode: t2 ?? t1,
        origin: 'cluster',
        status: 'signal',
        occurredAt: new Date(now.getTime() - 4 * 86_400_000),
        discoveredAt: new Date(now.getTime() - 1.5 * H),
        clusterKey: `${disease.code}|${t2 ?? t1}|demo`,
        clusterCases: 5,
        summary: null,
        affected: 5,
        deaths: 0,
        lat: null,
        lng: null,
        createdBy: null,
      }),
    );
  }
}

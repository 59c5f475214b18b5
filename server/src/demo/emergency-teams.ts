// Demo data of 队伍、专家与值班 (issue 27), called from main.ts after the other demo seeds. Owner: teams (救援队伍、专家、值班).
// Around 宿迁 (321300, 宿城区 321302), with coordinates: teams of the four kinds (the city's
// comprehensive fire and rescue brigade, professional hazardous-chemicals and mine rescue teams, a
// social team, an enterprise's own team), experts in several fields, a rescue agreement of the demo
// enterprise, the published duty phones of the city and its counties, and rosters of the county
// and city governments and of the demo enterprise running from last Sunday for three weeks — so
// "on duty now" names a real person — with one night left open three days ahead (the 工作台 and the
// roster show the gap). Through the real commands (audited). Idempotent.
import { type Actor, beijingWeekStart, regionCode12 } from '@taishan/domain';
import { appendAudit } from '../audit/chain.ts';
import type { Db } from '../db/db.ts';
import { withScope } from '../db/scope.ts';
import { createAgreement, createExpert, createTeam, setDutyPhone } from '../modules/emergency/teams-service.ts';
import { insertShift } from '../modules/emergency/teams-store.ts';
import { todayInShanghai } from '../time.ts';
import { demoActor } from './enforcement-inspections.ts';

const CITY = '321300000000';
const COUNTY = '321302000000';
const HOUR = 3_600_000;

type TeamSpec = Parameters<typeof createTeam>[2];

const PEOPLE = {
  city: ['周建国', '吴海燕', '郑立新', '王晓东', '冯雪梅', '陈志刚'],
  county: ['刘洪涛', '孙丽娟', '朱明亮', '胡晓军', '高春燕', '林国平'],
  enterprise: ['张伟', '李娜', '王磊', '赵敏'],
};
const LEADERS = {
  city: ['宿迁市应急管理局副局长 徐斌', '宿迁市应急管理局总工程师 韩冰'],
  county: ['宿城区应急管理局局长 沈涛', '宿城区应急管理局副局长 邵华'],
  enterprise: ['安全总监 马骏'],
};

export async function seedDemoTeams(db: Db, now = new Date()): Promise<void> {
  const [done] = await db.query("SELECT 1 FROM emergency_teams WHERE region_code >= '3213' AND region_code < '3213~' LIMIT 1");
  if (done) return;
  const city = await demoActor(db, 'city');
  const county = await demoActor(db, 'county');
  const entadmin = await demoActor(db, 'entadmin');
  if (!city || !county) return;
  const demoEnterprise = entadmin?.scope.enterpriseId ?? null;

  // Another hazardous-goods unit of 宿城区 with its own team (the enterprise kind).
  const [unit] = await db.query<{ id: string; name: string; region_code: string }>(
    `SELECT id, name, region_code FROM enterprises WHERE region_code >= '321302' AND region_code < '321302~'
       AND 'hazardousChemicals' = ANY (high_risk) AND id IS DISTINCT FROM $1::uuid ORDER BY employees DESC NULLS LAST, id LIMIT 1`,
    [demoEnterprise],
  );

  const base = { readiness: 'ready' as const, note: null };
  const teams: [Actor, TeamSpec][] = [
    [
      city,
      {
        ...base,
        name: '宿迁市消防救援支队特勤大队',
        kind: 'comprehensive',
        specialty: '综合应急救援',
        size: 86,
        equipment: ['抢险救援消防车 6 辆', '举高喷射消防车 2 辆', '化学洗消车', '生命探测仪', '破拆工具组'],
        regionCode: CITY,
        lat: 33.963,
        lng: 118.2757,
        baseAddress: '宿迁市宿城区发展大道 88 号',
        contactName: '陈队长',
        contactPhone: '0527-84350119',
      },
    ],
    [
      county,
      {
        ...base,
        name: '宿城区危险化学品专业救援队',
        kind: 'professional',
        specialty: '危险化学品泄漏、火灾',
        size: 32,
        equipment: ['重型防化服 20 套', '正压式空气呼吸器 30 具', '堵漏工具', '有毒气体检测仪', '泡沫消防车'],
        regionCode: COUNTY,
        lat: 33.944,
        lng: 118.245,
        baseAddress: '宿城区洋河新区化工园区应急救援站',
        contactName: '刘站长',
        contactPhone: '0527-84211900',
      },
    ],
    [
      city,
      {
        ...base,
        name: '宿豫区矿山救护队',
        kind: 'professional',
        specialty: '非煤矿山、有限空间',
        size: 24,
        equipment: ['正压氧气呼吸器 24 台', '矿用气体检测仪', '便携式通讯设备'],
        regionCode: '321311000000',
        lat: 33.949,
        lng: 118.33,
        baseAddress: '宿豫区顺河街道矿山救护中队',
        contactName: '孙中队长',
        contactPhone: '0527-84400888',
        readiness: 'limited',
      },
    ],
    [
      county,
      {
        ...base,
        name: '宿迁蓝天救援队',
        kind: 'social',
        specialty: '水域救援、山地搜救',
        size: 45,
        equipment: ['冲锋舟 4 艘', '无人机 3 架', '救生衣 60 件'],
        regionCode: COUNTY,
        lat: 33.97,
        lng: 118.31,
        baseAddress: '宿城区幸福中路 120 号',
        contactName: '周队长',
        contactPhone: '13852701234',
      },
    ],
  ];
  if (unit)
    teams.push([
      county,
      {
        ...base,
        name: `${unit.name}应急救援队`,
        kind: 'enterprise',
        specialty: '本单位危险化学品事故先期处置',
        size: 12,
        equipment: ['空气呼吸器 12 具', '消防水炮', '应急照明'],
        regionCode: unit.region_code,
        lat: 33.93,
        lng: 118.26,
        baseAddress: unit.name,
        contactName: '厂长',
        contactPhone: '0527-84299000',
        enterpriseId: unit.id,
      },
    ]);
  const ids: string[] = [];
  for (const [who, spec] of teams) ids.push((await createTeam(db, who, spec)).id);

  const experts: Parameters<typeof createExpert>[2][] = [
    {
      name: '许文华',
      field: 'hazardousChemicals',
      title: '教授级高级工程师',
      unit: '宿迁市化工研究所',
      phone: '13905271001',
      regionCode: COUNTY,
      lat: 33.95,
      lng: 118.28,
    },
    {
      name: '马永强',
      field: 'mining',
      title: '高级工程师',
      unit: '宿豫区非煤矿山安全技术中心',
      phone: '13905271002',
      regionCode: '321311000000',
      lat: 33.95,
      lng: 118.32,
    },
    {
      name: '钱卫东',
      field: 'fire',
      title: '高级工程师',
      unit: '宿迁市消防救援支队',
      phone: '13905271003',
      regionCode: CITY,
      lat: 33.96,
      lng: 118.28,
    },
    {
      name: '何丽',
      field: 'medical',
      title: '主任医师',
      unit: '宿迁市第一人民医院',
      phone: '13905271004',
      regionCode: COUNTY,
      lat: 33.96,
      lng: 118.3,
    },
    {
      name: '罗建平',
      field: 'construction',
      title: '高级工程师',
      unit: '宿迁市建设工程质量安全监督站',
      phone: '13905271005',
      regionCode: CITY,
      lat: 33.97,
      lng: 118.29,
    },
    {
      name: '邓红',
      field: 'specialEquipment',
      title: '工程师',
      unit: '宿迁市特种设备安全监督检验所',
      phone: '13905271006',
      regionCode: COUNTY,
      lat: 33.94,
      lng: 118.27,
    },
  ];
  for (const x of experts)
    await createExpert(db, [CITY].includes(x.regionCode) || x.regionCode.startsWith('321311') ? city : county, { ...x, note: null });

  // The demo enterprise has no team of its own: it signs with the county's hazardous-chemicals team.
  if (demoEnterprise && entadmin && ids[1]) {
    const today = todayInShanghai(now);
    const year = Number(today.slice(0, 4));
    await createAgreement(db, entadmin, {
      enterpriseId: demoEnterprise,
      teamId: ids[1],
      signedOn: `${year}-01-05`,
      validFrom: `${year}-01-05`,
      validUntil: `${year + 2}-01-04`,
      note: '发生生产安全事故时由救援队伍提供应急救援服务，单位指定兼职救援人员配合',
    });
  }

  // The published duty phones of the city and its counties (Decree 493 Art. 18).
  const counties = await db.query<{ code: string; name: string }>(
    "SELECT code, name FROM regions WHERE parent_code = $1 AND level = 'county' ORDER BY code",
    [CITY],
  );
  await setDutyPhone(db, city, { regionCode: CITY, name: '宿迁市应急管理局总值班室', phone: '0527-84368110', note: '24 小时值班' });
  for (const [i, c] of counties.entries())
    await setDutyPhone(db, city, {
      regionCode: c.code,
      name: `${c.name}应急管理局值班室`,
      phone: `0527-8${4200000 + i * 11111}`,
      note: null,
    });

  // Rosters from last Sunday 20:00 for three weeks: 12-hour officers' shifts, 24-hour leaders' shifts.
  const start = Date.parse(beijingWeekStart(now).instant) - 4 * HOUR;
  const end = start + 21 * 24 * HOUR;
  // One night open three days ahead (the 12-hour shift that holds now + 3 days), county and enterprise.
  const gapShift = Math.floor((now.getTime() + 72 * HOUR - start) / (12 * HOUR));
  const rosters: {
    kind: 'government' | 'enterprise';
    id: string;
    region: string;
    people: string[];
    leaders: string[];
    phone: string;
    gap: boolean;
    who: Actor;
  }[] = [
    {
      kind: 'government',
      id: CITY,
      region: CITY,
      people: PEOPLE.city,
      leaders: LEADERS.city,
      phone: '0527-84368110',
      gap: false,
      who: city,
    },
    {
      kind: 'government',
      id: COUNTY,
      region: COUNTY,
      people: PEOPLE.county,
      leaders: LEADERS.county,
      phone: '0527-84200000',
      gap: true,
      who: county,
    },
  ];
  if (demoEnterprise && entadmin) {
    const [e] = await db.query<{ region_code: string }>('SELECT region_code FROM enterprises WHERE id = $1', [demoEnterprise]);
    if (e)
      rosters.push({
        kind: 'enterprise',
        id: demoEnterprise,
        region: e.region_code,
        people: PEOPLE.enterprise,
        leaders: LEADERS.enterprise,
        phone: '0527-84299110',
        gap: true,
        who: entadmin,
      });
  }
  for (const r of rosters)
    await withScope(db, r.who.scope, async (tx) => {
      let n = 0;
      for (let k = 0, t = start; t < end; k++, t += 12 * HOUR) {
        if (r.gap && k === gapShift) continue;
        await shift(tx, r, r.people[k % r.people.length] as string, 'officer', t, t + 12 * HOUR);
        n++;
      }
      // The leader's 24 hours leave the open night open too (split around it).
      const gapFrom = start + gapShift * 12 * HOUR;
      const gapTo = gapFrom + 12 * HOUR;
      for (let k = 0, t = start + 12 * HOUR; t < end; k++, t += 24 * HOUR) {
        const leader = r.leaders[k % r.leaders.length] as string;
        const pieces: [number, number][] =
          r.gap && t < gapTo && gapFrom < t + 24 * HOUR
            ? [
                [t, gapFrom],
                [gapTo, t + 24 * HOUR],
              ]
            : [[t, t + 24 * HOUR]];
        for (const [a, b] of pieces.filter(([a, b]) => b > a)) {
          await shift(tx, r, leader, 'leader', a, b);
          n++;
        }
      }
      await appendAudit(tx, r.who, {
        action: 'teams.addShift',
        entityType: 'dutyShift',
        regionCode: r.region,
        after: {
          roster: { ownerKind: r.kind, ownerId: r.id },
          shifts: n,
          from: new Date(start).toISOString(),
          to: new Date(end).toISOString(),
        },
      });
    });

  async function shift(
    tx: Parameters<Parameters<typeof withScope>[2]>[0],
    r: (typeof rosters)[number],
    name: string,
    role: 'leader' | 'officer',
    from: number,
    to: number,
  ) {
    const [personName, phone] =
      role === 'leader'
        ? [name.split(' ').pop() as string, r.phone]
        : [name, `139${String(5270000 + name.charCodeAt(0)).padStart(8, '0')}`];
    await insertShift(tx, {
      ownerKind: r.kind,
      regionCode: regionCode12(r.region),
      departmentId: null,
      enterpriseId: r.kind === 'enterprise' ? r.id : null,
      teamId: null,
      personName,
      role,
      phone,
      startsAt: new Date(from).toISOString(),
      endsAt: new Date(to).toISOString(),
      by: r.who.id,
    });
  }
}

// Demo data (issue 26): credit files, commitments, intermediaries, partner keys. Owner: credit file.
// In the demo city (宿迁): three agencies (a 安全评价 agency in 宿城区 whose report was found false,
// a testing and a certification agency of the city) with their reports, published; safety
// commitments of the 宿迁 enterprises for last year (most) and this year (about two thirds — the
// demo enterprise's not yet, so its 工作台 asks for it); two broken commitments recorded after the
// first computation, so the levels' history shows falls (one to C: the supervisors' 工作台 item);
// every demo enterprise's level computed; and a partner key for trying the query
// (Authorization: Bearer tsk_demo_SuqianPartner2026 — the README says so; a demo, not a secret).
// Plain SQL in bulk, idempotent (the first agency's code marks it done).
import { commitmentText, computeCheckCharacter } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { recomputeAllCredit, recomputeCredit } from '../modules/credit/level-store.ts';
import { hashKey } from '../modules/credit/partners.ts';
import { todayInShanghai } from '../time.ts';
import { prng } from './seed.ts';

export const DEMO_PARTNER_KEY = 'tsk_demo_SuqianPartner2026';

const code = (region6: string, org: string) => {
  const first17 = `91${region6}${org}`;
  return first17 + computeCheckCharacter(first17);
};

const AGENCIES = [
  {
    name: '宿迁安泰安全技术评价有限公司',
    uscc: code('321302', 'MA1XK7A26'),
    kind: 'evaluation',
    region: '321302000000',
    qualification: 'APJ-（苏）-0326',
    staff: [
      { name: '周立新', qualificationNumber: 'S011032000110192001234' },
      { name: '陈慧敏', qualificationNumber: 'S011032000110203000567' },
      { name: '刘志强', qualificationNumber: 'S011032000110213000890' },
    ],
  },
  {
    name: '江苏苏北安全检测检验有限公司',
    uscc: code('321300', 'MA1YB3C58'),
    kind: 'testing',
    region: '321300000000',
    qualification: 'JC-（苏）-1108',
    staff: [
      { name: '王海燕', qualificationNumber: 'JC3213201900112' },
      { name: '孙建军', qualificationNumber: 'JC3213202000356' },
    ],
  },
  {
    name: '宿迁恒信认证服务有限公司',
    uscc: code('321300', 'MA20D8E13'),
    kind: 'certification',
    region: '321300000000',
    qualification: 'CNCA-R-2021-0873',
    staff: [{ name: '赵明', qualificationNumber: 'CCAA-2021-N-0455' }],
  },
] as const;

const TITLES = {
  evaluation: ['安全现状评价报告', '安全预评价报告', '安全验收评价报告'],
  testing: ['防雷装置检测报告', '可燃气体检测报警器检测报告', '职业病危害因素检测报告'],
  certification: ['职业健康安全管理体系认证审核报告'],
} as const;

export async function seedDemoCredit(db: Db, now = new Date()): Promise<void> {
  const [done] = await db.query('SELECT 1 FROM intermediaries WHERE uscc = $1', [AGENCIES[0].uscc]);
  if (done) return;
  const rand = prng(26_038);
  const year = Number(todayInShanghai(now).slice(0, 4));
  const enterprises = await db.query<{ id: string; name: string; region_code: string; industry_code: string }>(
    "SELECT id, name, region_code, industry_code FROM enterprises WHERE region_code >= '3213' AND region_code < '3213~' ORDER BY credit_code LIMIT 400",
  );
  const [entadmin] = await db.query<{ enterprise_id: string | null }>("SELECT enterprise_id FROM users WHERE username = 'entadmin'");

  // The agencies and their reports (the first agency's 2nd report found false by the county).
  const [county] = await db.query<{ id: string }>("SELECT id FROM users WHERE username = 'county'");
  for (const [a, agency] of AGENCIES.entries()) {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO intermediaries (name, uscc, kind, region_code, qualification_number, qualification_valid_until, address, staff)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) RETURNING id`,
      [
        agency.name,
        agency.uscc,
        agency.kind,
        agency.region,
        agency.qualification,
        `${year + 2}-06-30`,
        `宿迁市${a === 0 ? '宿城区' : '经济技术开发区'}${['发展大道', '青海湖路', '珠江路'][a]}${18 + a * 11}号`,
        JSON.stringify(agency.staff),
      ],
    );
    const titles = TITLES[agency.kind];
    const reports = a === 0 ? 6 : 4;
    for (let r = 0; r < reports && enterprises.length; r++) {
      const e = enterprises[Math.floor(rand() * enterprises.length)] as (typeof enterprises)[number];
      const day = new Date(now.getTime() - Math.floor(30 + rand() * 700) * 86_400_000);
      const isFalse = a === 0 && r === 1;
      const title = titles[r % titles.length] as string;
      await db.query(
        `INSERT INTO intermediary_reports (intermediary_id, region_code, enterprise_id, enterprise_name, title, report_date, conclusion, summary,
                                           published_at, false_found_at, false_reason, false_found_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9, $10, $11)`,
        [
          row?.id,
          agency.region,
          e.id,
          e.name,
          title,
          day.toISOString().slice(0, 10),
          r % 5 === 3 ? 'conditional' : 'pass',
          `对${e.name}的${title.replace('报告', '')}，共检查 ${20 + r * 7} 项。`,
          isFalse ? new Date(now.getTime() - 40 * 86_400_000).toISOString() : null,
          isFalse ? '报告所附现场检测数据与企业实际设备不符，检测人员未到现场，系编造' : null,
          isFalse ? (county?.id ?? null) : null,
        ],
      );
    }
  }

  // Commitments: last year most enterprises, this year about two thirds (the demo enterprise not yet).
  const rows: { e: (typeof enterprises)[number]; y: number; signer: string; at: string }[] = [];
  const SIGNERS = ['张伟', '王磊', '李娜', '刘洋', '陈静', '杨帆', '赵军', '黄敏'];
  for (const e of enterprises) {
    const signer = SIGNERS[Math.floor(rand() * SIGNERS.length)] as string;
    if (rand() < 0.85)
      rows.push({ e, y: year - 1, signer, at: `${year - 1}-01-${String(5 + Math.floor(rand() * 20)).padStart(2, '0')}T09:30:00+08:00` });
    if (e.id !== entadmin?.enterprise_id && rand() < 0.65)
      rows.push({ e, y: year, signer, at: `${year}-01-${String(5 + Math.floor(rand() * 20)).padStart(2, '0')}T10:00:00+08:00` });
  }
  await db.query(
    `INSERT INTO safety_commitments (enterprise_id, region_code, industry_code, year, signer, signer_title, text, signed_at)
     SELECT (x->>'id')::uuid, x->>'region', x->>'industry', (x->>'year')::int, x->>'signer', '主要负责人', x->>'text', (x->>'at')::timestamptz
       FROM jsonb_array_elements($1::jsonb) x ON CONFLICT DO NOTHING`,
    [
      JSON.stringify(
        rows.map((r) => ({
          id: r.e.id,
          region: r.e.region_code,
          industry: r.e.industry_code,
          year: r.y,
          signer: r.signer,
          text: commitmentText(r.y, r.e.name, r.signer),
          at: r.at,
        })),
      ),
    ],
  );

  // Every level computed once, then two broken commitments found since: their levels fall.
  await recomputeAllCredit(db, '重新计算（演示数据：安全承诺导入后）');
  const broken = enterprises.filter((e) => e.id !== entadmin?.enterprise_id).slice(3, 5);
  for (const [i, e] of broken.entries()) {
    const times = i === 0 ? 2 : 1;
    for (let k = 0; k < times; k++)
      await db.query(
        `INSERT INTO commitment_breaches (enterprise_id, region_code, industry_code, year, commitment_id, reason, occurred_on, recorded_by)
         VALUES ($1, $2, $3, $4, (SELECT id FROM safety_commitments WHERE enterprise_id = $1 AND year = $4), $5, $6, $7)`,
        [
          e.id,
          e.region_code,
          e.industry_code,
          year - 1 + k,
          k === 0 ? '承诺“重大事故隐患按期整改”，督办隐患逾期 45 日仍未整改' : '承诺“特种作业人员持证上岗”，检查发现 2 名电焊工无证作业',
          new Date(now.getTime() - (20 + k * 100) * 86_400_000).toISOString().slice(0, 10),
          county?.id ?? null,
        ],
      );
    await recomputeCredit(db, e.id, '违背安全承诺');
  }

  await db.query(
    "INSERT INTO partner_keys (name, contact, prefix, key_hash, per_minute) VALUES ('宿迁市公共信用信息平台（演示）', '市发展改革委信用科', 'demo', $1, 60) ON CONFLICT DO NOTHING",
    [hashKey(DEMO_PARTNER_KEY)],
  );
}

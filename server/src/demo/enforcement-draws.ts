// Demo 双随机 draws in the demo county, through the same commands the pages use: the certified
// officers (the county's and city's supervisors, the department inspector and six officers of the
// county), a conflict of interest, one draw performed last week with its planned inspections, and
// one committed and waiting for its announced time. Idempotent: nothing is done once a draw exists.
import { type Actor, drawCreateSchema } from '@taishan/domain';
import { hashPassword } from '../auth/passwords.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../http/errors.ts';
import { commitDraw, performDraw } from '../modules/enforcement/draws-service.ts';
import { todayInShanghai } from '../time.ts';
import { demoActor } from './enforcement-inspections.ts';
import { DEMO_PASSWORD } from './seed.ts';

const OFFICERS = ['王建国', '李卫东', '张海燕', '刘志强', '陈晓梅', '周国平'];
const DAY = 86_400_000;

/** 15:30 Beijing time of the day `days` after `from`'s (an index's close is known by then). */
const afternoon = (from: Date, days: number) => new Date(`${todayInShanghai(new Date(from.getTime() + days * DAY))}T15:30:00+08:00`);

async function certify(db: Db, county: Actor) {
  const countyCode = county.scope.regionPrefix.padEnd(12, '0');
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const [i, name] of OFFICERS.entries())
    await db.query(
      `INSERT INTO users (username, display_name, password_hash, role, region_code) VALUES ($1, $2, $3, 'countySupervisor', $4)
       ON CONFLICT (username) DO NOTHING`,
      [`officer${i + 1}`, `执法员${name}`, hash, countyCode],
    );
  const certificates: [string, string][] = [
    // The same numbers as the inspections' seed gives these two when it runs alone.
    ['county', '32130200101'],
    ['city', '32130000101'],
    ['inspector', '32130000201'],
    ...OFFICERS.map((_, i): [string, string] => [`officer${i + 1}`, `3213020010${i + 2}`]),
  ];
  for (const [username, no] of certificates)
    await db.query(
      `INSERT INTO enforcement_officers (user_id, certificate_no, valid_until)
       SELECT id, $2, '2029-12-31' FROM users WHERE username = $1 ON CONFLICT DO NOTHING`,
      [username, no],
    );
}

export async function seedDemoDraws(db: Db): Promise<void> {
  const county = await demoActor(db, 'county');
  if (!county) return;
  const [done] = await db.query('SELECT 1 FROM enforcement_draws LIMIT 1');
  if (done) return;
  await certify(db, county);
  const [ent] = await db.query<{ id: string }>(
    `SELECT id FROM enterprises WHERE region_code >= $1 AND region_code < $1 || '~' ORDER BY name LIMIT 1`,
    [county.scope.regionPrefix],
  );
  if (!ent) return;
  // 利害关系 (行政处罚法 Art. 43): officer1's brother works there; he is never drawn for it.
  await db.query(
    `INSERT INTO officer_conflicts (user_id, enterprise_id, reason, recorded_by)
     SELECT u.id, $1, '其兄在该企业任生产部经理', $2 FROM users u WHERE u.username = 'officer1' ON CONFLICT DO NOTHING`,
    [ent.id, county.id],
  );

  const now = new Date();
  const committedAt = new Date(now.getTime() - 9 * DAY);
  const drawnAt = afternoon(committedAt, 2);
  const past = await commitDraw(
    db,
    county,
    drawCreateSchema.parse({
      title: `${todayInShanghai(drawnAt).slice(0, 7).replace('-', '年')}月一般检查“双随机”抽查`,
      n: 8,
      drawAt: drawnAt.toISOString(),
      publicValueSource: `上证综合指数 ${todayInShanghai(drawnAt)} 收盘价`,
    }),
    committedAt,
  );
  await performDraw(db, county, past.id, { publicValue: '3412.56' }, new Date(drawnAt.getTime() + 3600_000));

  const waitingAt = afternoon(now, 2);
  const waiting = (filters: { industries?: string[] }) =>
    commitDraw(
      db,
      county,
      drawCreateSchema.parse({
        title: filters.industries ? '危险化学品领域“双随机”抽查（C、D 类加权）' : '“双随机”抽查（C、D 类加权）',
        n: 5,
        drawAt: waitingAt.toISOString(),
        publicValueSource: `上证综合指数 ${todayInShanghai(waitingAt)} 收盘价`,
        classWeights: { A: 1, B: 1, C: 3, D: 5 },
        filters,
      }),
      now,
    );
  // A small demo (tests seed a few enterprises) may have no chemical enterprise in the county.
  await waiting({ industries: ['25', '26', '27', '28'] }).catch((e) => {
    if (e instanceof AppError && e.code === 'validation_error') return waiting({});
    throw e;
  });
}

// Lessons pushed (一厂出事故、万厂受教育): a regulator sends an accident's notice to the enterprises
// of the same industry in its jurisdiction; each acknowledges it with the self-inspection it made;
// the regulator sees who has not. The lesson and its targets are scoped by the sender's region and
// each target's enterprise (migration 035); an enterprise reads the accident's headline (number,
// unit, grade, type, time) of a lesson sent to it, which its own scope would not show, through a
// national read restricted to the accidents of its lessons.
import { type Actor, bi, type ChainLevel, isEnterpriseUser, mayViewAccidentStats, NATIONAL_SCOPE, regionAt } from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, regionRange, type Scoped, withScope } from '../../db/scope.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { iso } from '../../time.ts';
import { enterpriseScope } from '../enterprises/scope.ts';
import type { AccidentRow } from './store.ts';

const nameOf = (a: Actor) => (a as Actor & { displayName?: string }).displayName ?? a.username;

export const pushLessonSchema = z.strictObject({
  text: z.string().trim().min(1, bi('请填写警示内容', 'Write the lesson')).max(4000, bi('不超过 4000 字', 'At most 4000 characters')),
  industryPrefix: z
    .string()
    .regex(/^\d{1,4}$/, bi('行业代码为 1–4 位数字', 'Industry code has 1–4 digits'))
    .nullish(),
  version: z.number().int().min(1),
});

export const lessonAckSchema = z.strictObject({
  selfInspection: z
    .string()
    .trim()
    .min(1, bi('请填写自查情况', 'Describe the self-inspection'))
    .max(2000, bi('不超过 2000 字', 'At most 2000 characters')),
});

/** Send the lesson inside the step's transaction; returns what the audit event records. */
export async function pushLesson(
  tx: Scoped,
  actor: Actor,
  r: AccidentRow,
  level: ChainLevel,
  b: { text: string; industryPrefix: string | null },
) {
  const prefix = b.industryPrefix ?? r.industry_code?.slice(0, 2) ?? null;
  if (!prefix)
    throw invalid({ industryPrefix: { zh: '事故未登记行业，请选择推送的行业', en: 'The accident has no industry: choose one' } });
  const region = level === 'national' ? '000000000000' : regionAt(r.region_code, level);
  const [lesson] = await tx.query<{ id: string }>(
    `INSERT INTO accident_lessons (accident_id, region_code, industry_prefix, text, sent_by, sent_by_name)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [r.id, region, prefix, b.text, actor.id, nameOf(actor)],
  );
  const params: unknown[] = [lesson?.id, `${prefix}%`, r.enterprise_id];
  const targets = await tx.query<{ enterprise_id: string }>(
    `INSERT INTO accident_lesson_targets (lesson_id, enterprise_id, region_code)
     SELECT $1, e.id, e.region_code FROM enterprises e
     WHERE e.industry_code LIKE $2 AND e.id IS DISTINCT FROM $3::uuid AND ${enterpriseScope(tx, params)}
     RETURNING enterprise_id`,
    params,
  );
  return { lessonId: lesson?.id, industryPrefix: prefix, targets: targets.length, text: b.text };
}

type EnterpriseLessonRow = {
  lesson_id: string;
  accident_id: string;
  text: string;
  sent_at: Date | string;
  acknowledged_at: Date | string | null;
  self_inspection: string | null;
};

export async function listLessons(db: Db, actor: Actor, q: { pending?: 'true' | undefined } = {}) {
  if (isEnterpriseUser(actor)) {
    const rows = await readScoped(db, actor.scope, (tx) =>
      tx.query<EnterpriseLessonRow>(
        `SELECT l.id AS lesson_id, l.accident_id, l.text, l.sent_at, t.acknowledged_at, t.self_inspection
         FROM accident_lesson_targets t JOIN accident_lessons l ON l.id = t.lesson_id
         WHERE t.enterprise_id = $1${q.pending === 'true' ? ' AND t.acknowledged_at IS NULL' : ''} ORDER BY l.sent_at DESC`,
        [actor.scope.enterpriseId],
      ),
    );
    // The accidents' headlines, only of the lessons this enterprise was sent.
    const heads = rows.length
      ? await readScoped(db, NATIONAL_SCOPE, (tx) =>
          tx.query<{ id: string; number: string; unit_name: string; grade: string; type: string | null; occurred_at: Date | string }>(
            'SELECT id, number, unit_name, grade, type, occurred_at FROM accidents WHERE id = ANY ($1::uuid[])',
            [[...new Set(rows.map((x) => x.accident_id))]],
          ),
        )
      : [];
    const byId = new Map(heads.map((h) => [h.id, h]));
    return {
      items: rows.map((x) => {
        const h = byId.get(x.accident_id);
        return {
          lessonId: x.lesson_id,
          accidentNumber: h?.number ?? null,
          unitName: h?.unit_name ?? null,
          grade: h?.grade ?? null,
          type: h?.type ?? null,
          occurredAt: iso(h?.occurred_at),
          text: x.text,
          sentAt: iso(x.sent_at) as string,
          acknowledgedAt: iso(x.acknowledged_at),
          selfInspection: x.self_inspection,
        };
      }),
    };
  }
  if (!mayViewAccidentStats(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [];
    const rows = await tx.query<{
      id: string;
      accident_id: string;
      number: string | null;
      text: string;
      sent_at: Date | string;
      sent_by_name: string | null;
      targets: number;
      acknowledged: number;
    }>(
      `SELECT l.id, l.accident_id, a.number, l.text, l.sent_at, l.sent_by_name,
         (SELECT count(*)::int FROM accident_lesson_targets t WHERE t.lesson_id = l.id) AS targets,
         (SELECT count(*)::int FROM accident_lesson_targets t WHERE t.lesson_id = l.id AND t.acknowledged_at IS NOT NULL) AS acknowledged
       FROM accident_lessons l LEFT JOIN accidents a ON a.id = l.accident_id
       WHERE ${regionRange('l.region_code', tx.scope.regionPrefix, params)}
       ORDER BY l.sent_at DESC LIMIT 500`,
      params,
    );
    return {
      items: rows.map((x) => ({
        lessonId: x.id,
        accidentId: x.accident_id,
        accidentNumber: x.number,
        text: x.text,
        sentAt: iso(x.sent_at) as string,
        sentByName: x.sent_by_name,
        targets: x.targets,
        acknowledged: x.acknowledged,
      })),
    };
  });
}

export async function lessonTargets(db: Db, actor: Actor, lessonId: string) {
  if (isEnterpriseUser(actor) || !mayViewAccidentStats(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [lessonId];
    const [lesson] = await tx.query<{ id: string }>(
      `SELECT id FROM accident_lessons l WHERE l.id = $1 AND ${regionRange('l.region_code', tx.scope.regionPrefix, params)}`,
      params,
    );
    if (!lesson) throw notFound();
    const rows = await tx.query<{
      enterprise_id: string;
      name: string | null;
      acknowledged_at: Date | string | null;
      self_inspection: string | null;
    }>(
      `SELECT t.enterprise_id, e.name, t.acknowledged_at, t.self_inspection
       FROM accident_lesson_targets t LEFT JOIN enterprises e ON e.id = t.enterprise_id
       WHERE t.lesson_id = $1 ORDER BY t.acknowledged_at NULLS FIRST, e.name`,
      [lessonId],
    );
    return {
      items: rows.map((x) => ({
        enterpriseId: x.enterprise_id,
        enterpriseName: x.name,
        acknowledgedAt: iso(x.acknowledged_at),
        selfInspection: x.self_inspection,
      })),
    };
  });
}

type TargetRow = { lesson_id: string; enterprise_id: string; region_code: string; acknowledged_at: Date | string | null };

export async function acknowledgeLesson(db: Db, actor: Actor, lessonId: string, b: z.infer<typeof lessonAckSchema>) {
  if (!isEnterpriseUser(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    const t = await lockForCommand(tx, lessonId, {
      find: async (q, id) =>
        (
          await q.query<TargetRow>(
            `SELECT lesson_id, enterprise_id, region_code, acknowledged_at FROM accident_lesson_targets
             WHERE lesson_id = $1 AND enterprise_id = $2 FOR UPDATE`,
            [id, actor.scope.enterpriseId],
          )
        )[0],
      may: (row) => !row.acknowledged_at,
      refuse: () => new AppError('conflict', { zh: '已签收', en: 'Already acknowledged' }),
    });
    await tx.query(
      `UPDATE accident_lesson_targets SET acknowledged_at = now(), acknowledged_by = $3, self_inspection = $4
       WHERE lesson_id = $1 AND enterprise_id = $2`,
      [t.lesson_id, t.enterprise_id, actor.id, b.selfInspection],
    );
    await appendAudit(tx, actor, {
      action: 'accidentLesson.acknowledge',
      entityType: 'accidentLesson',
      entityId: t.lesson_id,
      regionCode: t.region_code,
      after: { enterpriseId: t.enterprise_id, selfInspection: b.selfInspection },
    });
    const [row] = await tx.query<{ acknowledged_at: Date | string; self_inspection: string }>(
      'SELECT acknowledged_at, self_inspection FROM accident_lesson_targets WHERE lesson_id = $1 AND enterprise_id = $2',
      [t.lesson_id, t.enterprise_id],
    );
    return { lessonId: t.lesson_id, acknowledgedAt: iso(row?.acknowledged_at), selfInspection: row?.self_inspection ?? null };
  });
}

// On-site inspections' commands: open one (from a report, a referral, a campaign or ad hoc —
// plan and draw inspections are created by those parts), start it on site with the two officers,
// record checklist results and findings, then the record: the 现场检查记录 is issued, each finding
// becomes a hazard in the hazard loop (found by enforcement) and/or opens a penalty case, the
// deadlines go on the 责令限期整改指令书 and immediate measures on the 现场处理措施决定书, all in
// one transaction with their audit events. The 整改复查 issues the 整改复查意见书 and closes it.
import {
  type Actor,
  addDays,
  type checkResultsSchema,
  type EnfInspectionAction,
  type EnfInspectionDetail,
  type findingInputSchema,
  findingTier,
  inspectionActions,
  type inspectionCancelSchema,
  type inspectionCreateSchema,
  inspectionNext,
  type inspectionRecordSchema,
  type inspectionReviewSchema,
  type inspectionStartSchema,
  needsReview,
  officerProblems,
  penaltyArticle,
} from '@taishan/domain';
import type { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import { chineseDate, chineseMinute, dateOnly, todayInShanghai } from '../../time.ts';
import { visibleEnterprise } from '../enterprises/scope.ts';
import { createHazard } from '../hazards/service.ts';
import { openCase } from './cases-service.ts';
import { updateCase } from './cases-store.ts';
import { issueDocument, issuerName } from './documents.ts';
import { type FindingRow, findInspection, findingsOf, type InspectionRow, inspectionDetail } from './inspections-store.ts';

/** 救济告知 printed on the decisions an inspection issues (60 days 复议, 6 months 诉讼). */
const REMEDY = (organ: string) =>
  `如不服本决定，可以在收到本决定书之日起六十日内依法向${organ}的上一级主管部门或者本级人民政府申请行政复议，或者在六个月内依法向人民法院提起行政诉讼，但本决定不停止执行，法律另有规定的除外。`;

/** The two officers may go: distinct, certified today, no recorded conflict with the enterprise (400 otherwise). */
async function checkOfficers(tx: Scoped, officerIds: string[], enterpriseId: string) {
  const rows = await tx.query<{ user_id: string; certified: boolean; conflict: boolean }>(
    `SELECT k.user_id, k.certified,
       EXISTS (SELECT 1 FROM officer_conflicts c WHERE c.user_id = k.user_id AND c.enterprise_id = $2) AS conflict
     FROM enforcement_officer_cards($1::uuid[], $3::date) k`,
    [officerIds, enterpriseId, todayInShanghai()],
  );
  const problem =
    rows.length === officerIds.length
      ? officerProblems(rows.map((r) => ({ userId: r.user_id, certified: r.certified, conflict: r.conflict })))
      : { zh: '执法人员不存在', en: 'No such officer' };
  if (problem) throw invalid({ officerIds: problem });
}

export async function createInspection(db: Db, actor: Actor, b: z.infer<typeof inspectionCreateSchema>): Promise<EnfInspectionDetail> {
  return withScope(db, actor.scope, async (tx) => {
    const e = await visibleEnterprise(tx, b.enterpriseId);
    if (b.source === 'campaign' && !b.campaignId) throw invalid({ campaignId: { zh: '请选择专项行动', en: 'Choose the campaign' } });
    if (b.source === 'report' && !b.reportId) throw invalid({ reportId: { zh: '请选择举报线索', en: 'Choose the public report' } });
    await checkOfficers(tx, b.officerIds, e.id);
    if (b.accidentId) {
      // An accident of this enterprise, seen in the officer's scope, not yet followed by an inspection.
      const [a] = await tx.query<{ inspection_id: string | null }>(
        'SELECT inspection_id FROM accidents WHERE id = $1 AND enterprise_id = $2',
        [b.accidentId, e.id],
      );
      if (!a) throw invalid({ accidentId: { zh: '该企业没有此事故', en: 'No such accident at this enterprise' } });
      if (a.inspection_id) throw invalid({ accidentId: { zh: '该事故已安排检查', en: 'This accident already has its inspection' } });
    }
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO enforcement_inspections (enterprise_id, department_id, source, campaign_id, report_id, unannounced, covert, status,
         officer_ids, planned_on, checklist_id, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'planned', $8::uuid[], $9, $10, $11, $12) RETURNING id`,
      [
        e.id,
        b.departmentId ?? null,
        b.source,
        b.campaignId ?? null,
        b.reportId ?? null,
        b.unannounced,
        b.covert,
        b.officerIds,
        b.plannedOn,
        b.checklistId ?? null,
        b.note ?? null,
        actor.id,
      ],
    );
    const created = (await findInspection(tx, row?.id as string)) as InspectionRow;
    if (b.accidentId)
      await tx.query('UPDATE accidents SET inspection_id = $2, version = version + 1, updated_at = now() WHERE id = $1', [
        b.accidentId,
        created.id,
      ]);
    await appendAudit(tx, actor, {
      action: 'enforcementInspection.create',
      entityType: 'enforcementInspection',
      entityId: created.id,
      regionCode: created.region_code,
      after: { ...b },
    });
    return inspectionDetail(tx, actor, created);
  });
}

export function getInspection(db: Db, actor: Actor, id: string): Promise<EnfInspectionDetail> {
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findInspection(tx, id);
    if (!r) throw notFound();
    return inspectionDetail(tx, actor, r);
  });
}

/** Open the inspection for a command this actor may take now: 404 out of scope, 409 with the allowed actions otherwise. */
function lockFor(tx: Scoped, actor: Actor, id: string, action: EnfInspectionAction, version?: number) {
  return lockForCommand(tx, id, {
    find: findInspection,
    may: (r) => inspectionActions(actor, { status: r.status, officerIds: r.officer_ids }).includes(action),
    refuse: (r) =>
      new AppError('conflict', { zh: '当前状态下不能进行此操作', en: 'Not possible in the current state' }, undefined, {
        allowedActions: inspectionActions(actor, { status: r.status, officerIds: r.officer_ids }),
      }),
    version,
    versionOf: (r) => r.version,
  });
}

async function done(tx: Scoped, actor: Actor, id: string) {
  await tx.query('UPDATE enforcement_inspections SET version = version + 1, updated_at = now() WHERE id = $1', [id]);
  return inspectionDetail(tx, actor, (await findInspection(tx, id)) as InspectionRow);
}

export function startInspection(db: Db, actor: Actor, id: string, b: z.infer<typeof inspectionStartSchema>) {
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockFor(tx, actor, id, 'start');
    // Certificates may have lapsed or a conflict been recorded since the visit was planned.
    await checkOfficers(tx, r.officer_ids, r.enterprise_id);
    await tx.query(
      `UPDATE enforcement_inspections SET status = $2, started_at = now(), place = $3, unannounced = coalesce($4, unannounced) WHERE id = $1`,
      [id, inspectionNext('start', r.status, false), b.place, b.unannounced ?? null],
    );
    await appendAudit(tx, actor, {
      action: 'enforcementInspection.start',
      entityType: 'enforcementInspection',
      entityId: id,
      regionCode: r.region_code,
      after: b,
    });
    return done(tx, actor, id);
  });
}

export function saveChecks(db: Db, actor: Actor, id: string, b: z.infer<typeof checkResultsSchema>) {
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockFor(tx, actor, id, 'saveChecks');
    if (r.checklist_id) {
      const [c] = await tx.query<{ items: { code: string }[] }>('SELECT items FROM checklist_templates WHERE id = $1', [r.checklist_id]);
      const codes = new Set((c?.items ?? []).map((i) => i.code));
      const unknown = b.checks.find((x) => !codes.has(x.code));
      if (unknown) throw invalid({ checks: { zh: `检查表中没有条目 ${unknown.code}`, en: `No item ${unknown.code} in the checklist` } });
    }
    for (const c of b.checks) {
      await tx.query(
        `INSERT INTO enforcement_checks (inspection_id, code, result, note) VALUES ($1, $2, $3, $4)
         ON CONFLICT (inspection_id, code) DO UPDATE SET result = EXCLUDED.result, note = EXCLUDED.note`,
        [id, c.code, c.result, c.note ?? null],
      );
    }
    return done(tx, actor, id);
  });
}

export function addFinding(db: Db, actor: Actor, id: string, f: z.infer<typeof findingInputSchema>) {
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockFor(tx, actor, id, 'addFinding');
    if (f.deadline && f.deadline < todayInShanghai())
      throw invalid({ deadline: { zh: '整改期限不能早于今天', en: 'The deadline is in the past' } });
    await tx.query(
      `INSERT INTO enforcement_findings (inspection_id, kind, description, location, level, check_code, deadline, on_site_measure, article,
         created_by, seizure, seizure_days)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        id,
        f.kind,
        f.description,
        f.location ?? null,
        f.level,
        f.checkCode ?? null,
        f.deadline ?? null,
        f.onSiteMeasure ?? null,
        f.article ?? null,
        actor.id,
        f.seizure ?? null,
        f.seizureDays ?? null,
      ],
    );
    await appendAudit(tx, actor, {
      action: 'enforcementInspection.addFinding',
      entityType: 'enforcementInspection',
      entityId: id,
      regionCode: r.region_code,
      after: f,
    });
    return done(tx, actor, id);
  });
}

export function removeFinding(db: Db, actor: Actor, id: string, findingId: string) {
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockFor(tx, actor, id, 'removeFinding');
    const [gone] = await tx.query<FindingRow>('DELETE FROM enforcement_findings WHERE id = $1 AND inspection_id = $2 RETURNING *', [
      findingId,
      id,
    ]);
    if (!gone) throw notFound();
    await appendAudit(tx, actor, {
      action: 'enforcementInspection.removeFinding',
      entityType: 'enforcementInspection',
      entityId: id,
      regionCode: r.region_code,
      before: { description: gone.description, kind: gone.kind },
    });
    return done(tx, actor, id);
  });
}

const numbered = (lines: string[]) => lines.map((l, i) => `${i + 1}. ${l}`).join('\n');
const officerLine = (r: InspectionRow) => r.officers.map((o) => `${o.name}（执法证号：${o.certificateNo ?? '—'}）`).join('、');

/**
 * The record: everything the inspection decided, in one transaction — the 现场检查记录, hazards,
 * cases, the 责令限期整改指令书 (carrying the record's number) and the 现场处理措施决定书.
 */
export function recordInspection(db: Db, actor: Actor, id: string, b: z.infer<typeof inspectionRecordSchema>) {
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockFor(tx, actor, id, 'record', b.version);
    const findings = await findingsOf(tx, id);
    const [ent] = await tx.query<{ address: string | null; legal_representative: string | null }>(
      'SELECT address, legal_representative FROM enterprises WHERE id = $1',
      [r.enterprise_id],
    );
    const organ = await issuerName(tx, r.region_code, r.department_id);
    const now = new Date();
    const problems = findings.map((f) => `${f.description}${f.location ? `（${f.location}）` : ''}`);
    const record = await issueDocument(tx, actor, {
      kind: 'inspectionRecord',
      enterpriseId: r.enterprise_id,
      departmentId: r.department_id,
      inspectionId: id,
      now,
      content: {
        title: '现场检查记录',
        cells: [
          { label: '被检查单位', value: r.enterprise_name },
          { label: '地址', value: ent?.address ?? '' },
          { label: '法定代表人（负责人）', value: ent?.legal_representative ?? '' },
          { label: '检查场所', value: r.place ?? '' },
          { label: '检查时间', value: `${chineseMinute(r.started_at ?? now)} 至 ${chineseMinute(now)}` },
          { label: '执法机关', value: organ },
          { label: '执法人员', value: officerLine(r) },
          {
            label: '检查方式',
            value: [r.unannounced ? '四不两直' : '', r.covert ? '明查暗访' : ''].filter(Boolean).join('、') || '现场检查',
          },
          {
            label: '检查情况',
            value: `${b.situation}${problems.length ? `\n发现的问题：\n${numbered(problems)}` : '\n未发现问题。'}`,
          },
          { label: '被检查单位现场负责人', value: b.leaderName },
        ],
      },
    });

    // Each finding into the hazard loop and/or a case. A violation with a deadline is also a hazard
    // to fix; its case goes on regardless (整改不能代替处罚).
    const tier = findingTier(actor, null) ?? 'county';
    for (const f of findings) {
      let hazardId: string | null = null;
      if (f.kind === 'hazard' || f.deadline) {
        const h = await createHazard(tx, actor, {
          enterpriseId: r.enterprise_id,
          description: f.description,
          location: f.location ?? null,
          level: f.level,
          owner: null,
          measures: f.on_site_measure ?? null,
          funds: null,
          deadline: f.deadline ? (dateOnly(f.deadline) as string) : todayInShanghai(),
          contingency: null,
          foundTier: tier,
        });
        hazardId = h.id;
        await tx.query('UPDATE hazards SET enforcement_inspection_id = $2 WHERE id = $1', [h.id, id]);
      }
      let caseId: string | null = null;
      if (f.kind === 'violation') {
        const c = await openCase(tx, actor, {
          enterpriseId: r.enterprise_id,
          title: `${r.enterprise_name}${f.description}案`,
          inspectionId: id,
          hazardId,
          departmentId: r.department_id,
          facts: `${chineseDate(now)}现场检查发现：${f.description}${f.location ? `（${f.location}）` : ''}。现场检查记录：${record.number}。`,
        });
        caseId = c.id;
        // The article the officer named on site is the one the notice starts from (still changeable there).
        if (f.article && penaltyArticle(f.article)) await updateCase(tx, c.id, { article: f.article });
      }
      // Fixed on the spot (no deadline): nothing waits for the 复查.
      await tx.query(
        `UPDATE enforcement_findings SET hazard_id = $2, case_id = $3, fixed_at = CASE WHEN deadline IS NULL AND kind = 'hazard' THEN now() END WHERE id = $1`,
        [f.id, hazardId, caseId],
      );
    }

    const withDeadline = findings.filter((f) => f.deadline);
    if (withDeadline.length) {
      await issueDocument(tx, actor, {
        kind: 'rectificationOrder',
        enterpriseId: r.enterprise_id,
        departmentId: r.department_id,
        inspectionId: id,
        parentId: record.id,
        now,
        content: {
          title: '责令限期整改指令书',
          cells: [
            { label: '被检查单位', value: r.enterprise_name },
            { label: '存在问题', value: numbered(withDeadline.map((f) => f.description)) },
            {
              label: '整改期限',
              value: withDeadline.map((f, i) => `第${i + 1}项于${chineseDate(dateOnly(f.deadline) as string)}前整改完毕`).join('；'),
            },
            { label: '依据', value: '《中华人民共和国安全生产法》第六十五条第一款第（三）项' },
            { label: '执法人员', value: officerLine(r) },
          ],
          body: ['整改期间，你单位应当采取措施，确保安全生产。整改完毕后书面报告，本机关将进行复查。', REMEDY(organ)],
        },
      });
    }
    const measures = findings.filter((f) => f.on_site_measure);
    if (measures.length) {
      await issueDocument(tx, actor, {
        kind: 'onSiteMeasures',
        enterpriseId: r.enterprise_id,
        departmentId: r.department_id,
        inspectionId: id,
        now,
        content: {
          title: '现场处理措施决定书',
          cells: [
            { label: '被检查单位', value: r.enterprise_name },
            { label: '检查日期', value: chineseDate(todayInShanghai(now)) },
            { label: '发现的问题', value: numbered(measures.map((f) => f.description)) },
            { label: '处理依据', value: '《中华人民共和国安全生产法》第六十五条第一款第（二）项、第（三）项' },
            { label: '处理决定', value: numbered(measures.map((f) => f.on_site_measure as string)) },
            { label: '执法人员', value: officerLine(r) },
          ],
          body: [REMEDY(organ)],
        },
      });
    }

    // 查封扣押决定书: one per sealed or seized object, each with its period (from today, ≤ 30 days).
    for (const f of findings.filter((x) => x.seizure)) {
      const from = todayInShanghai(now);
      await issueDocument(tx, actor, {
        kind: 'seizureDecision',
        enterpriseId: r.enterprise_id,
        departmentId: r.department_id,
        inspectionId: id,
        now,
        content: {
          title: '查封扣押决定书',
          cells: [
            { label: '被检查单位', value: r.enterprise_name },
            { label: '发现的问题', value: f.description },
            {
              label: '处理依据',
              value: '《中华人民共和国安全生产法》第六十五条第一款第（四）项，《中华人民共和国行政强制法》第二十四条、第二十五条',
            },
            { label: '强制措施', value: `查封、扣押：${f.seizure}` },
            {
              label: '期限',
              value: `${chineseDate(from)}至${chineseDate(addDays(from, (f.seizure_days as number) - 1))}（共${f.seizure_days}日）`,
            },
            { label: '执法人员', value: officerLine(r) },
          ],
          body: [
            '查封、扣押期间，你单位不得擅自启封、转移、使用被查封、扣押的场所、设施或者财物。情况复杂的，经本机关负责人批准，可以延长，但延长期限不得超过三十日。',
            REMEDY(organ),
          ],
        },
      });
    }

    const status = inspectionNext('record', r.status, needsReview(withDeadline.map((f) => ({ deadline: dateOnly(f.deadline) }))));
    await tx.query(
      `UPDATE enforcement_inspections SET status = $2, ended_at = $3, situation = $4, leader_name = $5, violations = $6, hazards_found = $7
       WHERE id = $1`,
      [
        id,
        status,
        now,
        b.situation,
        b.leaderName,
        findings.filter((f) => f.kind === 'violation').length,
        findings.filter((f) => f.kind === 'hazard' || f.deadline).length,
      ],
    );
    await appendAudit(tx, actor, {
      action: 'enforcementInspection.record',
      entityType: 'enforcementInspection',
      entityId: id,
      regionCode: r.region_code,
      after: { status, record: record.number, findings: findings.length },
    });
    return done(tx, actor, id);
  });
}

/** 整改复查: the findings given a deadline, fixed or not; all fixed closes the inspection. */
export function reviewInspection(db: Db, actor: Actor, id: string, b: z.infer<typeof inspectionReviewSchema>) {
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockFor(tx, actor, id, 'review');
    const findings = (await findingsOf(tx, id)).filter((f) => f.deadline);
    const open = findings.filter((f) => !f.fixed_at);
    const stray = b.fixed.find((x) => !open.some((f) => f.id === x));
    if (stray) throw invalid({ fixed: { zh: '所选问题不属于本次待复查的问题', en: 'Not a finding waiting for review' } });
    await tx.query('UPDATE enforcement_findings SET fixed_at = now() WHERE id = ANY ($1::uuid[])', [b.fixed]);
    const [record] = await tx.query<{ id: string }>(
      `SELECT id FROM enforcement_documents WHERE inspection_id = $1 AND kind = 'inspectionRecord' ORDER BY issued_at LIMIT 1`,
      [id],
    );
    const lines = open.map((f) => `${f.description}：${b.fixed.includes(f.id) ? '已整改' : '未整改'}`);
    const doc = await issueDocument(tx, actor, {
      kind: 'reviewOpinion',
      enterpriseId: r.enterprise_id,
      departmentId: r.department_id,
      inspectionId: id,
      parentId: record?.id ?? null,
      content: {
        title: '整改复查意见书',
        cells: [
          { label: '被复查单位', value: r.enterprise_name },
          { label: '原检查时间', value: r.started_at ? chineseDate(r.started_at) : '' },
          { label: '复查情况', value: numbered(lines) },
          { label: '复查意见', value: b.opinion },
          { label: '执法人员', value: officerLine(r) },
        ],
      },
    });
    const allFixed = open.every((f) => b.fixed.includes(f.id));
    await tx.query(
      `UPDATE enforcement_inspections SET review_opinion = $2, reviewed_at = now(), status = CASE WHEN $3 THEN 'closed' ELSE status END WHERE id = $1`,
      [id, b.opinion, allFixed],
    );
    await appendAudit(tx, actor, {
      action: 'enforcementInspection.review',
      entityType: 'enforcementInspection',
      entityId: id,
      regionCode: r.region_code,
      after: { opinion: b.opinion, fixed: b.fixed, number: doc.number, closed: allFixed },
    });
    return done(tx, actor, id);
  });
}

export function cancelInspection(db: Db, actor: Actor, id: string, b: z.infer<typeof inspectionCancelSchema>) {
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockFor(tx, actor, id, 'cancel');
    await tx.query(`UPDATE enforcement_inspections SET status = 'cancelled', cancel_reason = $2 WHERE id = $1`, [id, b.reason]);
    await appendAudit(tx, actor, {
      action: 'enforcementInspection.cancel',
      entityType: 'enforcementInspection',
      entityId: id,
      regionCode: r.region_code,
      after: b,
    });
    return done(tx, actor, id);
  });
}

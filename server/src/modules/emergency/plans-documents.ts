// The filing's numbered documents (issue 27, owner: plans): 《应急预案备案登记表》 (planFilingRecord,
// a form: the unit, the plan, its version, review, publication, the materials, the department's
// acceptance) and 《应急预案备案材料补正告知书》 (planFilingNotice, the one-time notice listing every
// missing item). Numbered by the shared counter per issuer and Beijing year, frozen at issue (the
// PDF is drawn from `body` every time). Chinese only: these are official documents.
import {
  type Actor,
  DOCUMENT_TYPES,
  EMERGENCY_PLAN_TYPE_LABELS,
  FILING_MATERIAL_LABELS,
  type FilingMaterial,
  mayViewEmergencyPlans,
} from '@taishan/domain';
import type { Db } from '../../db/db.ts';
import { readScoped, type Scoped } from '../../db/scope.ts';
import { newDocumentNumber } from '../../documents/numbers.ts';
import { renderForm, renderNotice } from '../../documents/official-pdf.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { chineseDate, dateOnly, iso } from '../../time.ts';
import { issuerName } from '../enforcement/documents.ts';

type Kind = 'planFilingRecord' | 'planFilingNotice';
type PlanLike = {
  id: string;
  title: string;
  plan_type: keyof typeof EMERGENCY_PLAN_TYPE_LABELS;
  region_code: string;
  enterprise_id: string | null;
  review_kind: string | null;
  reviewed_on: string | Date | null;
  principal_name: string | null;
  published_on: string | Date | null;
};
type FilingLike = { id: string; plan_version: number; submitted_on: string | Date; materials: Record<string, boolean> };

/** Issues `kind` for the filing in the command's transaction; returns its number. */
export async function issuePlanDocument(
  tx: Scoped,
  actor: Actor,
  p: PlanLike,
  f: FilingLike,
  kind: Kind,
  now: Date,
  extra: { missingItems?: string[] } = {},
): Promise<string> {
  const issuer = await issuerName(tx, p.region_code, null);
  const { number } = await newDocumentNumber(tx, kind, p.region_code, DOCUMENT_TYPES[kind].pattern, now);
  const [e] = p.enterprise_id
    ? await tx.query<{
        name: string;
        credit_code: string;
        address: string | null;
        legal_representative: string | null;
        contact_phone: string | null;
      }>('SELECT name, credit_code, address, legal_representative, contact_phone FROM enterprises WHERE id = $1', [p.enterprise_id])
    : [];
  const unit = e ? `${e.name}（统一社会信用代码：${e.credit_code}）` : '';
  const day = (d: string | Date | null) => (d ? chineseDate(dateOnly(d) as string) : '');
  const materials = Object.entries(f.materials)
    .filter(([, v]) => v)
    .map(([k]) => FILING_MATERIAL_LABELS[k as FilingMaterial]?.zh ?? k)
    .join('、');
  const body =
    kind === 'planFilingRecord'
      ? {
          form: true,
          cells: [
            { label: '备案编号', value: number },
            { label: '单位名称', value: unit },
            { label: '地址', value: e?.address ?? '' },
            { label: '主要负责人', value: p.principal_name ?? e?.legal_representative ?? '' },
            { label: '联系电话', value: e?.contact_phone ?? '' },
            { label: '预案名称', value: `${p.title}（${EMERGENCY_PLAN_TYPE_LABELS[p.plan_type].zh}，第${f.plan_version}版）` },
            { label: '评审/论证', value: `${p.review_kind === 'review' ? '评审' : '论证'}（${day(p.reviewed_on)}）` },
            { label: '公布日期', value: day(p.published_on) },
            { label: '提交日期', value: day(f.submitted_on) },
            { label: '备案材料', value: materials || '—' },
            {
              label: '备案意见',
              value: `经审查，你单位报送的应急预案备案材料齐全，予以备案。依据《生产安全事故应急预案管理办法》第二十六条，出具本登记表。`,
            },
          ],
        }
      : {
          form: false,
          paragraphs: [
            `${e?.name ?? ''}：`,
            `你单位于${day(f.submitted_on)}报送的《${p.title}》（第${f.plan_version}版）备案材料经核对不齐全。依据《生产安全事故应急预案管理办法》第二十六条，现一次性告知需补正的材料如下：`,
            ...(extra.missingItems ?? []).map((m, i) => `${i + 1}. ${m}`),
            '请补正后重新报送。补正材料齐全的，本机关将在五个工作日内予以备案。',
          ],
        };
  await tx.query(
    `INSERT INTO emergency_plan_documents (plan_id, filing_id, kind, number, issuer, title, body, issued_by, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [p.id, f.id, kind, number, issuer, DOCUMENT_TYPES[kind].zh, JSON.stringify(body), actor.id, now.toISOString()],
  );
  return number;
}

/** The PDF of an issued document (frozen body), for those who may see its plan. */
export async function planDocumentPdf(db: Db, actor: Actor, id: string): Promise<{ pdf: Buffer; number: string; title: string }> {
  if (!mayViewEmergencyPlans(actor)) throw forbidden();
  const doc = await readScoped(db, actor.scope, async (tx) => {
    const [d] = await tx.query<{
      number: string;
      issuer: string;
      title: string;
      body: { form: boolean; cells?: { label: string; value: string }[]; paragraphs?: string[] };
      issued_at: string | Date;
    }>(
      `SELECT d.number, d.issuer, d.title, d.body, d.issued_at FROM emergency_plan_documents d
        JOIN emergency_plans p ON p.id = d.plan_id WHERE d.id = $1`,
      [id],
    );
    if (!d) throw notFound();
    return d;
  });
  const date = new Date(iso(doc.issued_at) as string);
  const pdf = doc.body.form
    ? await renderForm({ title: doc.title, number: doc.number, issuer: doc.issuer, cells: doc.body.cells ?? [], date })
    : await renderNotice({
        issuer: doc.issuer,
        number: doc.number,
        title: doc.title,
        body: doc.body.paragraphs ?? [],
        signer: doc.issuer,
        date,
      });
  return { pdf, number: doc.number, title: doc.title };
}

// Issuing an enforcement document, in one place for every part of the capability: the number
// (the issuer's next serial of that kind this Beijing year, gap-free — or, for 责改 and 复查, the
// number of the 检查记录 they follow, STANDARDS-NEXT §3.1), the row with its frozen content, and the
// audit event, all in the caller's transaction. Then what happens to an issued document: the
// party's signature or refusal, its service (送达), and its PDF in the official form layout.
import {
  type Actor,
  DOCUMENT_TYPES,
  type DocumentContent,
  type DocumentType,
  documentActions,
  type EnforcementDocument,
  formatDocumentNumber,
  type serviceInputSchema,
  type signatureInputSchema,
} from '@taishan/domain';
import type { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { documentCounty, newDocumentNumber } from '../../documents/numbers.ts';
import { renderForm } from '../../documents/official-pdf.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import { todayInShanghai } from '../../time.ts';
import {
  type DocumentRow,
  findDocument,
  insertDocument,
  insertService,
  listDocuments,
  servicesOf,
  toDocument,
  updateSignature,
} from './documents-store.ts';

export type IssueDocument = {
  kind: DocumentType;
  enterpriseId: string;
  /** The issuing department (its 简称 in the number); none: the county's 应急管理局. */
  departmentId?: string | null;
  inspectionId?: string | null;
  caseId?: string | null;
  /** The 检查记录 whose number a 责改 or 复查 carries. */
  parentId?: string | null;
  content: DocumentContent;
  now?: Date;
};

/** The organ printed at the head of a document: the department's name, or the county's 应急管理局. */
export async function issuerName(tx: Scoped, regionCode: string, departmentId?: string | null): Promise<string> {
  if (departmentId) {
    const [d] = await tx.query<{ name: string }>('SELECT name FROM departments WHERE id = $1', [departmentId]);
    if (d) return d.name;
  }
  return `${(await documentCounty(tx, regionCode)).name}应急管理局`;
}

/** Issues a document in the caller's transaction (the command that decided it). */
export async function issueDocument(tx: Scoped, actor: Actor, d: IssueDocument): Promise<EnforcementDocument> {
  const now = d.now ?? new Date();
  const [e] = await tx.query<{ region_code: string }>('SELECT region_code FROM enterprises WHERE id = $1', [d.enterpriseId]);
  if (!e) throw notFound();
  const pattern = DOCUMENT_TYPES[d.kind].pattern;
  let numbered: { number: string; serial: number; year: number; issuerKey: string };
  if (d.parentId) {
    const parent = await findDocument(tx, d.parentId);
    if (!parent) throw notFound();
    if (parent.enterprise_id !== d.enterpriseId)
      throw invalid({ parentId: { zh: '原文书不属于该单位', en: 'The parent document is of another party' } });
    // The parent's serial, year and issuer, written in this kind's pattern: （宿城）应急责改〔2026〕12号.
    const county = await documentCounty(tx, parent.region_code);
    const short = await issuerShort(tx, parent.issuer_key);
    const parts = short
      ? { county: county.name, issuerShort: short, year: parent.year, serial: parent.serial }
      : { county: county.name, year: parent.year, serial: parent.serial };
    numbered = { number: formatDocumentNumber(pattern, parts), serial: parent.serial, year: parent.year, issuerKey: parent.issuer_key };
  } else {
    const issuer = d.departmentId ? await departmentIssuer(tx, d.departmentId) : undefined;
    const n = await newDocumentNumber(tx, d.kind, e.region_code, pattern, now, issuer);
    numbered = { number: n.number, serial: n.serial, year: n.year, issuerKey: issuer?.key ?? e.region_code.slice(0, 6) };
  }
  const id = await insertDocument(tx, {
    kind: d.kind,
    ...numbered,
    parentId: d.parentId ?? null,
    enterpriseId: d.enterpriseId,
    inspectionId: d.inspectionId ?? null,
    caseId: d.caseId ?? null,
    content: d.content,
    issuedBy: actor.id,
    issuedAt: now,
  });
  await appendAudit(tx, actor, {
    action: 'enforcementDocument.issue',
    entityType: 'enforcementDocument',
    entityId: id,
    regionCode: e.region_code,
    after: { kind: d.kind, number: numbered.number, inspectionId: d.inspectionId ?? null, caseId: d.caseId ?? null, content: d.content },
  });
  const row = await findDocument(tx, id);
  if (!row) throw new Error('issued document not visible');
  return toDocument(row, [], actor);
}

async function departmentIssuer(tx: Scoped, departmentId: string) {
  const [r] = await tx.query<{ id: string; short_name: string | null }>('SELECT id, short_name FROM departments WHERE id = $1', [
    departmentId,
  ]);
  if (!r) throw invalid({ departmentId: { zh: '部门不存在', en: 'No such department' } });
  return { key: r.id, short: r.short_name };
}

/** A department's 简称 when the issuer key is a department's id; null for a county (six digits). */
async function issuerShort(tx: Scoped, issuerKey: string): Promise<string | null> {
  if (/^\d{6}$/.test(issuerKey)) return null;
  const [r] = await tx.query<{ short_name: string | null }>('SELECT short_name FROM departments WHERE id = $1', [issuerKey]);
  return r?.short_name ?? null;
}

async function withServices(tx: Scoped, rows: DocumentRow[], actor: Actor): Promise<EnforcementDocument[]> {
  const services = await servicesOf(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toDocument(r, services, actor));
}

/** The documents of an inspection or a case, in the order they were issued. */
export function documentsOf(tx: Scoped, actor: Actor, by: { inspectionId?: string; caseId?: string }): Promise<EnforcementDocument[]> {
  return listDocuments(tx, by).then((rows) => withServices(tx, rows, actor));
}

export function listEnforcementDocuments(db: Db, actor: Actor, by: { inspectionId?: string; caseId?: string }) {
  return readScoped(db, actor.scope, (tx) => documentsOf(tx, actor, by));
}

export async function getDocument(db: Db, actor: Actor, id: string): Promise<EnforcementDocument> {
  return readScoped(db, actor.scope, async (tx) => {
    const row = await findDocument(tx, id);
    if (!row) throw notFound();
    return (await withServices(tx, [row], actor))[0] as EnforcementDocument;
  });
}

const refused = (row: DocumentRow, actor: Actor) =>
  new AppError('forbidden', undefined, undefined, { allowedActions: documentActions(actor, { signedAt: row.signed_at ? 'x' : null }) });

export async function recordService(db: Db, actor: Actor, id: string, s: z.infer<typeof serviceInputSchema>): Promise<EnforcementDocument> {
  return withScope(db, actor.scope, async (tx) => {
    const row = await lockForCommand(tx, id, {
      find: findDocument,
      may: (r) => documentActions(actor, { signedAt: r.signed_at ? 'x' : null }).includes('recordService'),
      refuse: (r) => refused(r, actor),
    });
    if (new Date(s.servedAt) < new Date(row.issued_at))
      throw invalid({ servedAt: { zh: '送达时间不能早于文书签发时间', en: 'Served before the document was issued' } });
    if (new Date(s.servedAt).getTime() > Date.now() + 5 * 60_000)
      throw invalid({ servedAt: { zh: '送达时间不能晚于当前时间', en: 'The service time is in the future' } });
    // Through the definer function: a city officer serving a county's document is outside the county's view of users.
    const [n] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM enforcement_officer_cards($1::uuid[], current_date)', [
      s.servedBy,
    ]);
    if ((n?.n ?? 0) !== new Set(s.servedBy).size) throw invalid({ servedBy: { zh: '送达人不存在', en: 'No such user' } });
    await insertService(tx, id, s, actor.id);
    await appendAudit(tx, actor, {
      action: 'enforcementDocument.serve',
      entityType: 'enforcementDocument',
      entityId: id,
      regionCode: row.region_code,
      after: { number: row.number, ...s },
    });
    return (await withServices(tx, [row], actor))[0] as EnforcementDocument;
  });
}

export async function recordSignature(
  db: Db,
  actor: Actor,
  id: string,
  s: z.infer<typeof signatureInputSchema>,
): Promise<EnforcementDocument> {
  return withScope(db, actor.scope, async (tx) => {
    const row = await lockForCommand(tx, id, {
      find: findDocument,
      may: (r) => documentActions(actor, { signedAt: r.signed_at ? 'x' : null }).includes('recordSignature'),
      refuse: (r) =>
        new AppError('conflict', { zh: '签收情况已记录', en: 'The signature is already recorded' }, undefined, {
          allowedActions: documentActions(actor, { signedAt: r.signed_at ? 'x' : null }),
        }),
    });
    if (new Date(s.signedAt) < new Date(row.issued_at))
      throw invalid({ signedAt: { zh: '签收时间不能早于文书签发时间', en: 'Signed before the document was issued' } });
    const refusedToSign = 'refused' in s;
    await updateSignature(tx, id, { signedByName: refusedToSign ? null : s.signedByName, signedAt: s.signedAt, refused: refusedToSign });
    await appendAudit(tx, actor, {
      action: refusedToSign ? 'enforcementDocument.refuseSignature' : 'enforcementDocument.sign',
      entityType: 'enforcementDocument',
      entityId: id,
      regionCode: row.region_code,
      after: { number: row.number, ...s },
    });
    const updated = (await findDocument(tx, id)) as DocumentRow;
    return (await withServices(tx, [updated], actor))[0] as EnforcementDocument;
  });
}

/**
 * The PDF of an issued document in the enforcement form layout: the frozen content, the organ, the
 * number, the party's signature line and the date of issue in Chinese.
 */
export async function documentPdf(db: Db, actor: Actor, id: string): Promise<{ pdf: Buffer; doc: EnforcementDocument }> {
  const { doc, issuer } = await readScoped(db, actor.scope, async (tx) => {
    const row = await findDocument(tx, id);
    if (!row) throw notFound();
    const doc = (await withServices(tx, [row], actor))[0] as EnforcementDocument;
    const dept = /^\d{6}$/.test(row.issuer_key) ? null : row.issuer_key;
    return { doc, issuer: await issuerName(tx, row.region_code, dept) };
  });
  const signature = doc.signatureRefused
    ? `拒绝签收（${todayInShanghai(new Date(doc.signedAt as string))}，已记录）`
    : doc.signedByName
      ? `${doc.signedByName}（${todayInShanghai(new Date(doc.signedAt as string))}）`
      : '';
  const cells = [...doc.content.cells, ...(doc.content.body?.length ? [{ label: '正文', value: doc.content.body.join('\n') }] : [])];
  const pdf = await renderForm({
    title: doc.content.title,
    number: doc.number,
    issuer,
    cells: [...cells, { label: '被检查（处罚）单位签收', value: signature }],
    date: new Date(doc.issuedAt),
  });
  return { pdf, doc };
}

// Enforcement documents' SQL: the rows of enforcement_documents and enforcement_services
// (migration 030) and their mapping. Row-level security limits every read to the caller's scope;
// the WHERE clauses here add the same condition so a read is an index scan, not a policy filter.
import { type Actor, type DocumentContent, type DocumentType, documentActions, type EnforcementDocument } from '@taishan/domain';
import { type Scoped, scopeFilter } from '../../db/scope.ts';

const at = (d: Date | string) => new Date(d).toISOString();

export type DocumentRow = {
  id: string;
  kind: DocumentType;
  number: string;
  serial: number;
  year: number;
  issuer_key: string;
  parent_id: string | null;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  inspection_id: string | null;
  case_id: string | null;
  content: DocumentContent;
  issued_at: Date;
  issued_by_name: string | null;
  signed_by_name: string | null;
  signed_at: Date | null;
  signature_refused: boolean;
};

type ServiceRow = {
  id: string;
  document_id: string;
  method: EnforcementDocument['services'][number]['method'];
  served_at: Date;
  recipient: string;
  place: string | null;
  served_by: string[];
  served_by_names: string[];
  note: string | null;
};

const SELECT = `SELECT d.id, d.kind, d.number, d.serial, d.year, d.issuer_key, d.parent_id, d.enterprise_id, d.enterprise_name,
  d.region_code, d.inspection_id, d.case_id, d.content, d.issued_at, (SELECT c.name FROM enforcement_officer_cards(ARRAY[d.issued_by], current_date) c) AS issued_by_name, d.signed_by_name,
  d.signed_at, d.signature_refused
  FROM enforcement_documents d`;

const scoped = (tx: Scoped, params: unknown[]) =>
  scopeFilter(tx.scope, params, { region: 'd.region_code', industry: 'd.industry_code', enterpriseId: 'd.enterprise_id' });

export async function findDocument(tx: Scoped, id: string, forUpdate = false): Promise<DocumentRow | undefined> {
  const params: unknown[] = [id];
  const [r] = await tx.query<DocumentRow>(
    `${SELECT} WHERE d.id = $1 AND ${scoped(tx, params)}${forUpdate ? ' FOR UPDATE OF d' : ''}`,
    params,
  );
  return r;
}

export async function listDocuments(tx: Scoped, by: { inspectionId?: string; caseId?: string }): Promise<DocumentRow[]> {
  const params: unknown[] = [];
  const where = [scoped(tx, params)];
  if (by.inspectionId) {
    params.push(by.inspectionId);
    where.push(`d.inspection_id = $${params.length}`);
  }
  if (by.caseId) {
    params.push(by.caseId);
    where.push(`d.case_id = $${params.length}`);
  }
  return tx.query<DocumentRow>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY d.issued_at, d.number`, params);
}

export async function servicesOf(tx: Scoped, documentIds: string[]): Promise<ServiceRow[]> {
  if (!documentIds.length) return [];
  return tx.query<ServiceRow>(
    `SELECT s.id, s.document_id, s.method, s.served_at, s.recipient, s.place, s.served_by, s.note,
       coalesce((SELECT array_agg(c.name ORDER BY array_position(s.served_by, c.user_id)) FROM enforcement_officer_cards(s.served_by, current_date) c), '{}') AS served_by_names
     FROM enforcement_services s WHERE s.document_id = ANY ($1::uuid[]) ORDER BY s.served_at, s.id`,
    [documentIds],
  );
}

export function toDocument(r: DocumentRow, services: ServiceRow[], actor: Actor): EnforcementDocument {
  const signedAt = r.signed_at ? at(r.signed_at) : null;
  return {
    id: r.id,
    kind: r.kind,
    number: r.number,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    inspectionId: r.inspection_id,
    caseId: r.case_id,
    parentId: r.parent_id,
    content: r.content,
    issuedAt: at(r.issued_at),
    issuedByName: r.issued_by_name,
    signedByName: r.signed_by_name,
    signedAt,
    signatureRefused: r.signature_refused,
    services: services
      .filter((s) => s.document_id === r.id)
      .map((s) => ({
        id: s.id,
        method: s.method,
        servedAt: at(s.served_at),
        recipient: s.recipient,
        place: s.place,
        servedBy: s.served_by,
        servedByNames: s.served_by_names,
        note: s.note,
      })),
    allowedActions: documentActions(actor, { signedAt }),
  };
}

export async function insertDocument(
  tx: Scoped,
  d: {
    kind: DocumentType;
    number: string;
    serial: number;
    year: number;
    issuerKey: string;
    parentId: string | null;
    enterpriseId: string;
    inspectionId: string | null;
    caseId: string | null;
    content: DocumentContent;
    issuedBy: string;
    issuedAt: Date;
  },
): Promise<string> {
  const [r] = await tx.query<{ id: string }>(
    `INSERT INTO enforcement_documents (kind, number, serial, year, issuer_key, parent_id, enterprise_id, inspection_id, case_id, content, issued_by, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12) RETURNING id`,
    [
      d.kind,
      d.number,
      d.serial,
      d.year,
      d.issuerKey,
      d.parentId,
      d.enterpriseId,
      d.inspectionId,
      d.caseId,
      JSON.stringify(d.content),
      d.issuedBy,
      d.issuedAt,
    ],
  );
  if (!r) throw new Error('document not inserted');
  return r.id;
}

export async function insertService(
  tx: Scoped,
  documentId: string,
  s: { method: string; servedAt: string; recipient: string; place?: string; servedBy: string[]; note?: string },
  recordedBy: string,
) {
  await tx.query(
    `INSERT INTO enforcement_services (document_id, method, served_at, recipient, place, served_by, note, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7, $8)`,
    [documentId, s.method, s.servedAt, s.recipient, s.place ?? null, s.servedBy, s.note ?? null, recordedBy],
  );
}

export async function updateSignature(tx: Scoped, id: string, s: { signedByName: string | null; signedAt: string; refused: boolean }) {
  await tx.query('UPDATE enforcement_documents SET signed_by_name = $2, signed_at = $3, signature_refused = $4 WHERE id = $1', [
    id,
    s.signedByName,
    s.signedAt,
    s.refused,
  ]);
}

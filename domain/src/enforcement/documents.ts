// Enforcement documents (执法文书) as records: what was issued, under which number, with what
// content (frozen at issue, so a reprint is the same document), and how it reached the party —
// signature (or its refusal, 安全生产法 Art. 68) and service (送达, 文书送达回执). The parts of the
// capability compose each document's content from their records; the numbering and the PDF are
// shared (server/src/modules/enforcement/documents.ts).
import { z } from 'zod';
import type { Actor } from '../auth/roles.ts';
import { DOCUMENT_TYPE_CODES, type DocumentType } from '../documents/numbers.ts';
import { bi } from '../errors/messages.ts';
import { isEnforcer } from './policy.ts';

/** How a document was served (行政处罚法 Art. 61; 民事诉讼法's methods the enforcement forms list). */
export const SERVICE_METHODS = ['direct', 'left', 'post', 'electronic', 'entrusted', 'announcement'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];
export const SERVICE_METHOD_LABELS: Record<ServiceMethod, { zh: string; en: string }> = {
  direct: { zh: '直接送达', en: 'In person' },
  left: { zh: '留置送达', en: 'Left at the premises' },
  post: { zh: '邮寄送达', en: 'By post' },
  electronic: { zh: '电子送达', en: 'Electronically' },
  entrusted: { zh: '委托送达', en: 'Through another organ' },
  announcement: { zh: '公告送达', en: 'By public announcement' },
};

export const documentCellSchema = z.object({ label: z.string(), value: z.string() });
/** What a document prints: its title, labelled cells (the form), optional paragraphs after them. */
export const documentContentSchema = z.object({
  title: z.string(),
  cells: z.array(documentCellSchema),
  body: z.array(z.string()).optional(),
});
export type DocumentContent = z.infer<typeof documentContentSchema>;

export const documentServiceSchema = z.object({
  id: z.string(),
  method: z.enum(SERVICE_METHODS),
  servedAt: z.string(),
  recipient: z.string(),
  place: z.string().nullable(),
  servedBy: z.array(z.string()),
  servedByNames: z.array(z.string()),
  note: z.string().nullable(),
});

export const DOCUMENT_ACTIONS = ['recordService', 'recordSignature'] as const;
export type DocumentAction = (typeof DOCUMENT_ACTIONS)[number];

export const enforcementDocumentSchema = z.object({
  id: z.string(),
  kind: z.enum(DOCUMENT_TYPE_CODES as [DocumentType, ...DocumentType[]]),
  number: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  inspectionId: z.string().nullable(),
  caseId: z.string().nullable(),
  parentId: z.string().nullable(),
  content: documentContentSchema,
  issuedAt: z.string(),
  issuedByName: z.string().nullable(),
  signedByName: z.string().nullable(),
  signedAt: z.string().nullable(),
  signatureRefused: z.boolean(),
  services: z.array(documentServiceSchema),
  allowedActions: z.array(z.enum(DOCUMENT_ACTIONS)),
});
export type EnforcementDocument = z.infer<typeof enforcementDocumentSchema>;

export const documentListQuerySchema = z
  .object({ inspectionId: z.uuid().optional(), caseId: z.uuid().optional() })
  .refine((q) => q.inspectionId || q.caseId, bi('请指定检查或案件', 'Give an inspection or a case'));

const when = z.iso.datetime({ offset: true, message: bi('时间格式不正确', 'Not a valid time') });

export const serviceInputSchema = z.object({
  method: z.enum(SERVICE_METHODS, bi('送达方式不正确', 'Unknown service method')),
  servedAt: when,
  recipient: z.string().trim().min(1, bi('请填写受送达人', 'Who received it is required')).max(100),
  place: z.string().trim().max(200).optional(),
  servedBy: z
    .array(z.uuid(bi('送达人不正确', 'Not a valid user')))
    .min(1, bi('请选择送达人', 'Who served it is required'))
    .max(4),
  note: z.string().trim().max(500).optional(),
});

export const signatureInputSchema = z.union([
  z.object({
    signedByName: z.string().trim().min(1, bi('请填写签收人', 'Who signed is required')).max(50),
    signedAt: when,
  }),
  z.object({ refused: z.literal(true), signedAt: when, note: z.string().trim().max(500).optional() }),
]);

/**
 * What the actor may do with an issued document: the enforcing organ records its service and the
 * party's signature (once; a signature is not rewritten); the enterprise reads it.
 */
export function documentActions(actor: Actor, d: { signedAt: string | null }): DocumentAction[] {
  if (!isEnforcer(actor)) return [];
  return d.signedAt ? ['recordService'] : ['recordService', 'recordSignature'];
}

// The enforcement documents API (server/src/modules/enforcement/documents-routes.ts); types from domain.
import type { EnforcementDocument, ServiceMethod } from '@taishan/domain';
import { api } from '../../api.ts';

export type { EnforcementDocument };

export const fetchDocuments = (by: { inspectionId?: string; caseId?: string }) =>
  api<{ items: EnforcementDocument[] }>(
    `/api/v1/enforcement/documents?${new URLSearchParams(by.inspectionId ? { inspectionId: by.inspectionId } : { caseId: by.caseId ?? '' })}`,
  );

export const documentPdfUrl = (id: string) => `/api/v1/enforcement/documents/${id}/pdf`;

export const recordService = (
  id: string,
  body: { method: ServiceMethod; servedAt: string; recipient: string; place?: string; servedBy: string[]; note?: string },
) => api<EnforcementDocument>(`/api/v1/enforcement/documents/${id}/service`, { method: 'POST', json: body });

export const recordSignature = (id: string, body: { signedByName: string; signedAt: string } | { refused: true; signedAt: string }) =>
  api<EnforcementDocument>(`/api/v1/enforcement/documents/${id}/signature`, { method: 'POST', json: body });

// The credit file API (server/src/modules/credit/routes.ts). Types are domain's z.infer.
import type {
  CreditFile,
  CreditLevel,
  commitmentSchema,
  creditListItemSchema,
  Intermediary,
  IntermediaryReport,
  intermediaryInputSchema,
  intermediaryReportInputSchema,
  PartnerKey,
} from '@taishan/domain';
import type { z } from 'zod';
import { api } from '../../api.ts';

export type CreditListItem = z.infer<typeof creditListItemSchema>;
export type CreditList = { items: CreditListItem[]; total: number; counts: Record<CreditLevel | 'none', number> };
export type Commitment = z.infer<typeof commitmentSchema>;
export type Commitments = {
  enterpriseId: string;
  enterpriseName: string;
  year: number;
  signedThisYear: boolean;
  template: string;
  items: Commitment[];
  unattachedBreaches: { id: string; year: number; reason: string; occurredOn: string }[];
};
export type IntermediaryDetail = Intermediary & { reports: IntermediaryReport[] };

const qs = (q: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined && v !== '') as [string, string][]).toString();

export const fetchCreditList = (q: Record<string, string | number | undefined>) => api<CreditList>(`/api/v1/credit/files?${qs(q)}`);
export const fetchEnterpriseFile = (id: string) => api<CreditFile>(`/api/v1/credit/files/enterprises/${id}`);
export const fetchIntermediaryFile = (id: string) => api<CreditFile>(`/api/v1/credit/files/intermediaries/${id}`);
export const recompute = (body: { enterpriseId?: string; intermediaryId?: string }) =>
  api<{ computed: number; changed: number }>('/api/v1/credit/recompute', { method: 'POST', json: body });

export const fetchCommitments = (enterpriseId?: string) => api<Commitments>(`/api/v1/credit/commitments?${qs({ enterpriseId })}`);
export const signCommitment = (body: { year: number; signer: string; signerTitle?: string; enterpriseId?: string }) =>
  api<{ id: string }>('/api/v1/credit/commitments', { method: 'POST', json: body });
export const recordBreach = (body: { enterpriseId: string; year: number; reason: string; occurredOn: string }) =>
  api('/api/v1/credit/commitments/breaches', { method: 'POST', json: body });

export const fetchIntermediaries = (q: Record<string, string | number | undefined>) =>
  api<{ items: Intermediary[]; total: number; allowedActions: string[] }>(`/api/v1/credit/intermediaries?${qs(q)}`);
export const fetchIntermediary = (id: string) => api<IntermediaryDetail>(`/api/v1/credit/intermediaries/${id}`);
export const saveIntermediary = (body: z.input<typeof intermediaryInputSchema>, id?: string) =>
  api<Intermediary>(id ? `/api/v1/credit/intermediaries/${id}` : '/api/v1/credit/intermediaries', {
    method: id ? 'PUT' : 'POST',
    json: body,
  });
export const deleteIntermediary = (id: string) => api(`/api/v1/credit/intermediaries/${id}`, { method: 'DELETE' });
export const addReport = (id: string, body: z.input<typeof intermediaryReportInputSchema>) =>
  api<IntermediaryReport>(`/api/v1/credit/intermediaries/${id}/reports`, { method: 'POST', json: body });
export const markFalse = (reportId: string, reason: string) =>
  api<IntermediaryReport>(`/api/v1/credit/reports/${reportId}/false`, { method: 'POST', json: { reason } });

export const fetchPartnerKeys = () => api<{ items: PartnerKey[] }>('/api/v1/credit/partner-keys');
export const issuePartnerKey = (body: { name: string; contact?: string; perMinute?: number }) =>
  api<{ key: string; partnerKey: PartnerKey }>('/api/v1/credit/partner-keys', { method: 'POST', json: body });
export const revokePartnerKey = (id: string) => api<PartnerKey>(`/api/v1/credit/partner-keys/${id}/revoke`, { method: 'POST' });

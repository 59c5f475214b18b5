// The enforcement inspections API (server/src/modules/enforcement/inspections-routes.ts); types from domain.
import type { EnfInspection, EnfInspectionDetail } from '@taishan/domain';
import { api } from '../../api.ts';

export type { EnfInspection, EnfInspectionDetail };
export type Officer = { userId: string; name: string; certificateNo: string; regionCode: string; conflict: boolean };

const BASE = '/api/v1/enforcement/inspections';

export const fetchInspections = (qs: string) => api<{ items: EnfInspection[]; total: number }>(`${BASE}?${qs}`);
export const fetchInspection = (id: string) => api<EnfInspectionDetail>(`${BASE}/${id}`);
export const fetchOfficers = (enterpriseId?: string) =>
  api<{ items: Officer[] }>(`${BASE}/officers${enterpriseId ? `?enterpriseId=${enterpriseId}` : ''}`);
export const createInspection = (body: Record<string, unknown>) => api<EnfInspectionDetail>(BASE, { method: 'POST', json: body });
export const inspectionStep = (id: string, step: 'start' | 'checks' | 'findings' | 'record' | 'review' | 'cancel', body: unknown) =>
  api<EnfInspectionDetail>(`${BASE}/${id}/${step}`, { method: 'POST', json: body });
export const removeFinding = (id: string, findingId: string) =>
  api<EnfInspectionDetail>(`${BASE}/${id}/findings/${findingId}`, { method: 'DELETE' });

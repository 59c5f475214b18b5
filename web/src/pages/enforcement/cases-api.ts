// The penalty cases API (server/src/modules/enforcement/cases-routes.ts); types from domain.
import type { CaseDetail, CaseStep, CaseSummary, caseInputSchema } from '@taishan/domain';
import type { z } from 'zod';
import { api, type Page } from '../../api.ts';

export type { CaseDetail, CaseStep, CaseSummary };

export const fetchCases = (query: string) => api<Page<CaseSummary>>(`/api/v1/enforcement/cases?${query}`);
export const fetchCase = (id: string) => api<CaseDetail>(`/api/v1/enforcement/cases/${id}`);
export const createCase = (body: z.input<typeof caseInputSchema>) =>
  api<CaseDetail>('/api/v1/enforcement/cases', { method: 'POST', json: body });
export const takeStep = (id: string, step: CaseStep) =>
  api<CaseDetail>(`/api/v1/enforcement/cases/${id}/steps`, { method: 'POST', json: step });
export const caseDossierUrl = (id: string) => `/api/v1/enforcement/cases/${id}/dossier`;

// The 双随机 draws and officers' registry API (server/src/modules/enforcement/draws-routes.ts,
// officers-routes.ts); types from domain's schemas.
import type { DrawCreate, DrawDetail, DrawPage, DrawSummary, Officer, OfficerList } from '@taishan/domain';
import { api } from '../../api.ts';

export type { DrawDetail, DrawSummary, Officer };

const BASE = '/api/v1/enforcement/draws';

export const fetchDraws = (qs: string) => api<DrawPage>(`${BASE}${qs ? `?${qs}` : ''}`);
export const fetchDraw = (id: string) => api<DrawDetail>(`${BASE}/${id}`);
export const createDraw = (body: Partial<DrawCreate>) => api<DrawDetail>(BASE, { method: 'POST', json: body });
export const performDraw = (id: string, publicValue: string) =>
  api<DrawDetail>(`${BASE}/${id}/perform`, { method: 'POST', json: { publicValue } });
export const cancelDraw = (id: string, reason: string) => api<DrawDetail>(`${BASE}/${id}/cancel`, { method: 'POST', json: { reason } });

const OFFICERS = '/api/v1/enforcement/officers';
export const fetchOfficerRegistry = () => api<OfficerList>(OFFICERS);
export const fetchOfficerCandidates = () =>
  api<{ items: { id: string; name: string; username: string; role: string }[] }>(`${OFFICERS}/candidates`);
export const addOfficer = (body: { userId: string; certificateNo: string; validUntil?: string | null }) =>
  api<Officer>(OFFICERS, { method: 'POST', json: body });
export const patchOfficer = (userId: string, body: { active?: boolean; certificateNo?: string; validUntil?: string | null }) =>
  api<Officer>(`${OFFICERS}/${userId}`, { method: 'PATCH', json: body });
export const recordConflict = (userId: string, body: { enterpriseId: string; reason: string }) =>
  api<Officer>(`${OFFICERS}/${userId}/conflicts`, { method: 'POST', json: body });

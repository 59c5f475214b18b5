// 应急演练's API (server/src/modules/emergency/drills-routes.ts). Shapes follow the service's items;
// enums are domain's. Owner: drills.
import type {
  DrillAction,
  DrillContentType,
  DrillForm,
  DrillObligation,
  DrillOwnerKind,
  DrillPlanType,
  DrillProblem,
  DrillResult,
  DrillStatus,
} from '@taishan/domain';
import { api } from '../../api.ts';

export type DrillItem = {
  id: string;
  ownerKind: DrillOwnerKind;
  enterpriseId: string | null;
  enterpriseName: string | null;
  departmentName: string | null;
  regionCode: string;
  regionName: string | null;
  unitName: string;
  title: string;
  contentType: DrillContentType;
  form: DrillForm;
  planId: string | null;
  planTitle: string | null;
  externalPlanName: string | null;
  planType: DrillPlanType | null;
  status: DrillStatus;
  plannedOn: string;
  heldOn: string | null;
  place: string | null;
  scenario: string | null;
  participantCount: number | null;
  participants: { name: string; unit?: string | null }[];
  photos: string[];
  evaluation: { summary: string; result: DrillResult; evaluatedAt: string; evaluatedByName: string | null } | null;
  problems: DrillProblem[];
  cancelReason: string | null;
  reportedAt: string | null;
  reportedByName: string | null;
  reportNote: string | null;
  checkedAt: string | null;
  checkedByName: string | null;
  checkNote: string | null;
  correctBy: string | null;
  correctedAt: string | null;
  correctionNote: string | null;
  version: number;
  allowedActions: DrillAction[];
};
export type DrillEvent = { action: string; from: string | null; to: string; actorName: string | null; note: string | null; at: string };
export type DrillDetail = DrillItem & { events: DrillEvent[] };

export type DrillUnit = {
  unitKey: string;
  ownerKind: DrillOwnerKind;
  enterpriseId: string | null;
  regionCode: string;
  regionName: string | null;
  unitName: string;
  decree708: boolean;
  obligations: DrillObligation[];
};
export type PlanOption = { id: string; title: string; planType: DrillPlanType; ownerKind: DrillOwnerKind; enterpriseId: string | null };

export const fetchDrills = (query: string) => api<{ items: DrillItem[]; total: number }>(`/api/v1/drills${query ? `?${query}` : ''}`);
export const fetchDrill = (id: string) => api<DrillDetail>(`/api/v1/drills/${id}`);
export const fetchMissingDrills = (query: string) =>
  api<{ items: DrillUnit[]; total: number; today: string }>(`/api/v1/drills/missing${query ? `?${query}` : ''}`);
export const fetchPlanOptions = () => api<{ items: PlanOption[] }>('/api/v1/drills/plan-options');
export const createDrill = (body: Record<string, unknown>) => api<DrillDetail>('/api/v1/drills', { method: 'POST', json: body });
export const drillStep = (id: string, action: DrillAction, body: Record<string, unknown>) =>
  api<DrillDetail>(`/api/v1/drills/${id}/steps/${action}`, { method: 'POST', json: body });
export const drillPhotoUrl = (id: string, key: string) => `/api/v1/drills/${id}/photos/${key}`;
export async function uploadDrillPhoto(id: string, file: File) {
  const fd = new FormData();
  fd.append('file', file);
  return api<{ key: string }>(`/api/v1/drills/${id}/photos`, { method: 'POST', body: fd });
}

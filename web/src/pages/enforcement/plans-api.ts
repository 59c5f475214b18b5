// The classes, plans and campaigns API (server/src/modules/enforcement/plans-routes.ts); types from domain.
import type { Campaign, CampaignInput, EnterpriseClass, Plan, PlanItem, SupervisionClass } from '@taishan/domain';
import { api } from '../../api.ts';

export type { Campaign, EnterpriseClass, Plan, PlanItem };

export type ClassCounts = Record<SupervisionClass | 'unclassified', number>;
export type MonthProgress = { month: number; planned: number; done: number; cumulativePlanned: number; cumulativeDone: number };
export type Officer = { userId: string; name: string; certificateNo: string; validUntil: string | null; conflict: boolean };

const qs = (o: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(o).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '') as [string, string][],
  ).toString();

export const fetchClasses = (q: { class?: string; q?: string; overridden?: string; page?: number; pageSize?: number }) =>
  api<{ items: EnterpriseClass[]; total: number; counts: ClassCounts }>(`/api/v1/enforcement/classes?${qs(q)}`);

export const recomputeClasses = (enterpriseId?: string) =>
  api<{ computed: number; changed: number }>('/api/v1/enforcement/classes/recompute', {
    method: 'POST',
    json: enterpriseId ? { enterpriseId } : {},
  });

export const overrideClass = (enterpriseId: string, body: { class: SupervisionClass; reason: string; version?: number }) =>
  api<EnterpriseClass>(`/api/v1/enforcement/classes/${enterpriseId}/override`, { method: 'PUT', json: body });

export const clearClassOverride = (enterpriseId: string) =>
  api<EnterpriseClass>(`/api/v1/enforcement/classes/${enterpriseId}/override`, { method: 'DELETE' });

export const fetchPlans = (year?: number) => api<{ items: Plan[] }>(`/api/v1/enforcement/plans?${qs({ year })}`);

export const generatePlan = (body: { year: number; countyCode?: string }) =>
  api<Plan>('/api/v1/enforcement/plans', { method: 'POST', json: body });

export const fetchPlanItems = (id: string, q: { kind?: string; class?: string; q?: string; page?: number; pageSize?: number }) =>
  api<{ items: PlanItem[]; total: number }>(`/api/v1/enforcement/plans/${id}/items?${qs(q)}`);

export const editPlanItem = (id: string, itemId: string, body: { kind?: 'key' | 'general'; plannedCount?: number; months?: number[] }) =>
  api<PlanItem>(`/api/v1/enforcement/plans/${id}/items/${itemId}`, { method: 'PATCH', json: body });

export const transitionPlan = (
  id: string,
  body: { action: 'submit' | 'approve' | 'publish' | 'revise'; version?: number; note?: string },
) => api<Plan>(`/api/v1/enforcement/plans/${id}/transitions`, { method: 'POST', json: body });

export const fetchPlanProgress = (id: string) =>
  api<{ months: MonthProgress[]; planned: number; done: number }>(`/api/v1/enforcement/plans/${id}/progress`);

export const fetchPlanOfficers = (id: string, enterpriseId?: string) =>
  api<{ items: Officer[] }>(`/api/v1/enforcement/plans/${id}/officers?${qs({ enterpriseId })}`);

export const schedulePlanned = (id: string, itemId: string, body: { officerIds: string[]; plannedOn: string }) =>
  api<{ id: string }>(`/api/v1/enforcement/plans/${id}/items/${itemId}/inspections`, { method: 'POST', json: body });

export const fetchCampaigns = (phase?: string) => api<{ items: Campaign[] }>(`/api/v1/enforcement/campaigns?${qs({ phase })}`);

export const createCampaign = (body: CampaignInput) => api<Campaign>('/api/v1/enforcement/campaigns', { method: 'POST', json: body });

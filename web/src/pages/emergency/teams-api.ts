// 队伍、专家与值班's API (server/src/modules/emergency/teams-routes.ts). Shapes follow the service's
// items; enums are domain's. Owner: teams (救援队伍、专家、值班).
import type { DutyOwnerKind, DutyRole, ExpertField, TeamKind, TeamReadiness } from '@taishan/domain';
import { api } from '../../api.ts';

type Bi = { zh: string; en: string };
export type Origin = { lat: number; lng: number; label: string } | null;

export type TeamItem = {
  id: string;
  name: string;
  kind: TeamKind;
  specialty: string | null;
  size: number;
  equipment: string[];
  regionCode: string;
  regionName: string | null;
  lat: number | null;
  lng: number | null;
  baseAddress: string | null;
  contactName: string;
  contactPhone: string;
  readiness: TeamReadiness;
  enterpriseId: string | null;
  enterpriseName: string | null;
  note: string | null;
  version: number;
  distanceKm: number | null;
  allowedActions: string[];
};
export type AgreementItem = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  teamId: string;
  teamName: string | null;
  signedOn: string;
  validFrom: string;
  validUntil: string;
  note: string | null;
  status: 'current' | 'expired' | 'future' | 'ended';
  allowedActions: string[];
};
export type TeamDetail = TeamItem & { agreements: AgreementItem[] };
export type ExpertItem = {
  id: string;
  name: string;
  field: ExpertField;
  title: string | null;
  unit: string | null;
  phone: string;
  phoneMasked: boolean;
  regionCode: string;
  regionName: string | null;
  lat: number | null;
  lng: number | null;
  note: string | null;
  version: number;
  distanceKm: number | null;
  allowedActions: string[];
};
export type Searched<T> = { items: T[]; total: number; origin: Origin; distanceNote: Bi };
export type UncoveredUnit = {
  enterpriseId: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  industryCode: string | null;
  highRisk: string[];
};

export type Shift = {
  id: string;
  personName: string;
  role: DutyRole;
  phone: string;
  startsAt: string;
  endsAt: string;
  allowedActions: string[];
};
export type Gap = { from: string; to: string; minutes: number };
export type Roster = {
  ownerKind: DutyOwnerKind;
  ownerId: string;
  ownerName: string;
  regionCode: string;
  weekStart: string;
  from: string;
  to: string;
  obligation: { dutySystem: boolean; twentyFourHour: boolean; basis: Bi; provisional: boolean };
  shifts: Shift[];
  gaps: Gap[];
  allowedActions: string[];
};
export type RosterGapItem = {
  ownerKind: DutyOwnerKind;
  ownerId: string;
  ownerName: string;
  regionCode: string;
  gaps: Gap[];
  gapMinutes: number;
};
export type OnDutyRoster = {
  ownerKind: DutyOwnerKind;
  ownerId: string;
  ownerName: string;
  regionCode: string;
  people: { personName: string; role: DutyRole; phone: string; startsAt: string; endsAt: string }[];
};
export type DutyNow = { at: string; rosters: OnDutyRoster[]; dutyPhone: string | null };
export type DutyPhone = {
  id: string;
  regionCode: string;
  regionName: string;
  regionLevel: string;
  departmentId: string | null;
  departmentName: string | null;
  name: string;
  phone: string;
  note: string | null;
  updatedAt: string;
};

export const fetchTeams = (query: string) => api<Searched<TeamItem>>(`/api/v1/teams?${query}`);
export const fetchTeam = (id: string) => api<TeamDetail>(`/api/v1/teams/${id}`);
export const saveTeam = (body: Record<string, unknown>, id?: string) =>
  api<TeamItem>(id ? `/api/v1/teams/${id}` : '/api/v1/teams', { method: id ? 'PUT' : 'POST', json: body });
export const fetchExperts = (query: string) => api<Searched<ExpertItem>>(`/api/v1/experts?${query}`);
export const fetchExpert = (id: string) => api<ExpertItem>(`/api/v1/experts/${id}`);
export const saveExpert = (body: Record<string, unknown>, id?: string) =>
  api<ExpertItem>(id ? `/api/v1/experts/${id}` : '/api/v1/experts', { method: id ? 'PUT' : 'POST', json: body });
export const fetchAgreements = () => api<{ items: AgreementItem[]; total: number }>('/api/v1/teams/agreements');
export const createAgreement = (body: Record<string, unknown>) =>
  api<AgreementItem>('/api/v1/teams/agreements', { method: 'POST', json: body });
export const endAgreement = (id: string) => api<AgreementItem>(`/api/v1/teams/agreements/${id}/end`, { method: 'POST' });
export const fetchUncovered = () => api<{ items: UncoveredUnit[]; total: number }>('/api/v1/teams/uncovered-units');

export const fetchRoster = (ownerKind: string, ownerId: string, weekStart?: string) =>
  api<Roster>(
    `/api/v1/duty/roster?ownerKind=${ownerKind}&ownerId=${encodeURIComponent(ownerId)}${weekStart ? `&weekStart=${weekStart}` : ''}`,
  );
export const addShift = (body: Record<string, unknown>) => api<Shift>('/api/v1/duty/shifts', { method: 'POST', json: body });
export const removeShift = (id: string) => api<{ removed: boolean }>(`/api/v1/duty/shifts/${id}`, { method: 'DELETE' });
export const copyWeek = (body: { ownerKind: string; ownerId: string; weekStart: string }) =>
  api<{ copied: number; skipped: number }>('/api/v1/duty/copy-week', { method: 'POST', json: body });
export const fetchGaps = () => api<{ items: RosterGapItem[]; total: number }>('/api/v1/duty/gaps');
export const fetchDutyNow = (query = '') => api<DutyNow>(`/api/v1/duty/now${query ? `?${query}` : ''}`);
export const fetchDutyPhones = () => api<{ items: DutyPhone[]; total: number; mayEdit: boolean }>('/api/v1/duty/phones');
export const setDutyPhone = (body: Record<string, unknown>) => api<{ id: string }>('/api/v1/duty/phones', { method: 'PUT', json: body });

const BJ = 8 * 3_600_000;
/** Beijing wall-clock parts of an instant (the platform shows Beijing time whatever the browser's zone). */
const bj = (iso: string) => new Date(Date.parse(iso) + BJ).toISOString();
export const bjDay = (iso: string) => bj(iso).slice(0, 10);
export const bjTime = (iso: string) => bj(iso).slice(11, 16);
export const bjDayTime = (iso: string) => `${bj(iso).slice(5, 10)} ${bjTime(iso)}`;

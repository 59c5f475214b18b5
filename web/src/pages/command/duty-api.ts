// 值班与简报's API (server/src/modules/command/duty-routes.ts). Owner: duty.
import type { DutyEntryKind, DutyLogAction, DutyLogState } from '@taishan/domain';
import { api } from '../../api.ts';

export type DutyShift = {
  id: string;
  personName: string;
  role: string;
  phone: string;
  startsAt: string;
  endsAt: string;
  userId: string | null;
  userName: string | null;
};
export type DutyLog = {
  id: string | null;
  day: string;
  state: DutyLogState;
  handoverNote: string | null;
  handedOverAt: string | null;
  version: number;
  entries: { id: string; at: string; kind: DutyEntryKind; text: string; authorName: string }[];
  allowedActions: DutyLogAction[];
};
export type DutyToday = {
  regionCode: string;
  day: string;
  onDutyNow: DutyShift[];
  dayShifts: DutyShift[];
  isOfficer: boolean;
  shiftStartsAt: string | null;
  log: DutyLog;
  officerCandidates: { id: string; name: string; role: string }[];
};
export type DutySignal = {
  id: string;
  sourceType: string;
  title: string;
  severity: string;
  regionCode: string;
  occurredAt: string;
  createdAt: string;
};
export type Briefing = { id: string; day: string; number: string; generatedAt: string };

export const fetchDutyToday = () => api<DutyToday>('/api/v1/command/duty');
export const fetchDutySignals = () =>
  api<{ isOfficer: boolean; delayMinutes: number; since: string; items: DutySignal[] }>('/api/v1/command/duty/signals');
export const addDutyEntry = (body: { kind: string; text: string }) =>
  api<DutyLog>('/api/v1/command/duty/log/entries', { method: 'POST', json: body });
export const handOverDuty = (body: { note: string; version: number }) =>
  api<DutyLog>('/api/v1/command/duty/log/handover', { method: 'POST', json: body });
export const linkDutyOfficer = (body: { shiftId: string; userId: string }) =>
  api<{ shiftId: string; userId: string }>('/api/v1/command/duty/officers', { method: 'POST', json: body });
export const fetchBriefings = () => api<{ items: Briefing[] }>('/api/v1/command/briefings');
export const generateBriefing = (day: string) => api<Briefing>('/api/v1/command/briefings', { method: 'POST', json: { day } });
export const briefingPdfUrl = (id: string) => `/api/v1/command/briefings/${id}/pdf`;

const BJ = 8 * 3_600_000;
const bj = (iso: string) => new Date(Date.parse(iso) + BJ).toISOString();
export const bjDayTime = (iso: string) => `${bj(iso).slice(5, 10)} ${bj(iso).slice(11, 16)}`;
export const bjToday = () => bj(new Date().toISOString()).slice(0, 10);

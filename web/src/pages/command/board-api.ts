// The command board's API calls (issue 28). Owner: board.
import type { SignalAction, SignalStage, SignalType } from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { api, type Region } from '../../api.ts';

export type SignalItem = {
  id: string;
  sourceType: SignalType;
  sourceId: string;
  sourcePath: string | null;
  domain: 'safety' | 'health';
  regionCode: string;
  regionName: string | null;
  title: string;
  severity: 'low' | 'normal' | 'high' | 'critical';
  lat: number | null;
  lng: number | null;
  occurredAt: string;
  stage: SignalStage;
  stageSince: string;
  stageDueAt: string;
  overdue: boolean;
  escalatedAt: string | null;
  escalatedTo: string | null;
  pushedRegionCode: string | null;
  pushedEnterpriseName: string | null;
  pushDeadline: string | null;
  feedbackAt: string | null;
  sourceClosedAt: string | null;
  version: number;
  allowedActions: SignalAction[];
};
export type Board = {
  total: number;
  page: number;
  pageSize: number;
  countsByStage: Partial<Record<SignalStage, number>>;
  countsByType: Partial<Record<SignalType, number>>;
  countsByRegion: Record<string, number>;
  items: SignalItem[];
  points: { id: string; type: SignalType; lat: number; lng: number; severity: string; title: string }[];
};
export type SignalStep = {
  id: string;
  action: string;
  fromStage: string;
  toStage: string;
  actorName: string | null;
  note: string | null;
  target: string | null;
  at: string;
};
export type SignalDetail = SignalItem & {
  steps: SignalStep[];
  hotline: {
    callerName: string;
    callerPhone: string;
    callerMasked: boolean;
    content: string;
    place: string | null;
    receivedAt: string;
  } | null;
};

export const fetchBoard = (qs: string) => api<Board>(`/api/v1/command/signals${qs ? `?${qs}` : ''}`);
export const fetchSignal = (id: string) => api<SignalDetail>(`/api/v1/command/signals/${id}`);
export const signalAction = (id: string, body: Record<string, unknown>) =>
  api<SignalDetail>(`/api/v1/command/signals/${id}/actions`, { method: 'POST', json: body });
export const createHotline = (body: Record<string, unknown>) =>
  api<{ id: string; signalId: string }>('/api/v1/command/hotline', { method: 'POST', json: body });

/** The child region of `prefix` that holds `code` (for the map's districts). */
export function childOf(prefix: string, code: string): string {
  const len = prefix.length < 2 ? 2 : prefix.length < 4 ? 4 : prefix.length < 6 ? 6 : prefix.length < 9 ? 9 : 12;
  return code.slice(0, len).padEnd(12, '0');
}

/** The names of the regions one level below `prefix`, by code: the map's list shows names, not codes. */
export function useChildRegionNames(prefix: string): Map<string, string> {
  const children = useQuery({
    queryKey: ['regions', 'children', prefix],
    queryFn: () => api<{ items: Region[] }>(`/api/v1/regions?parent=${prefix}`),
    enabled: prefix.length > 0,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return new Map((children.data?.items ?? []).map((r) => [r.code, r.name]));
}

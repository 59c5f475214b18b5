// 工作台: what waits for a user, as work items — a count, how urgent, and the filtered list it
// opens. Each capability contributes its items (server/src/modules/workbench); the rules here say
// which items a role has and which list filters count them, so that the number on the workbench
// is the number of rows the link shows.
import { z } from 'zod';
import { type Actor, isAdmin, isSupervisor } from '../auth/roles.ts';
import { type InspectionTier, roleTier } from '../hazards/lifecycle.ts';

export const WORK_ITEM_SEVERITIES = ['urgent', 'attention', 'routine'] as const;
export type WorkItemSeverity = (typeof WORK_ITEM_SEVERITIES)[number];

/** A list's filters, as the web page's query string and the API list's (they take the same). */
export type WorkQuery = Record<string, string>;

/** One kind of work and the filters of the list that shows it, before it is counted. */
export type WorkDefinition = {
  /** Stable id, `capability.what` (hazards.toAccept). */
  kind: string;
  severity: WorkItemSeverity;
  /** Key of the label in the web UI's strings (zh-CN and English). */
  titleKey: string;
  query: WorkQuery;
};

export type WorkItem = WorkDefinition & {
  count: number;
  /** The count stopped at the list's cap: the list says "N+" too. */
  capped: boolean;
  /** The web page that lists these items; it passes `query` on to `apiPath`. */
  path: string;
  /** The API list whose total (or number of items) equals `count` with the same `query`. */
  apiPath: string;
};

export const workItemSchema = z.object({
  kind: z.string(),
  severity: z.enum(WORK_ITEM_SEVERITIES),
  titleKey: z.string(),
  query: z.record(z.string(), z.string()),
  count: z.number().int().min(0),
  capped: z.boolean(),
  path: z.string(),
  apiPath: z.string(),
});

/** The link a work item opens: its page with its filters. */
export function workItemHref(item: Pick<WorkItem, 'path' | 'query'>): string {
  const qs = new URLSearchParams(item.query).toString();
  return qs ? `${item.path}?${qs}` : item.path;
}

const SEVERITY_RANK: Record<WorkItemSeverity, number> = { urgent: 0, attention: 1, routine: 2 };

/** Items with work first, the most urgent first; otherwise in the order the providers gave them. */
export function orderWorkItems<T extends Pick<WorkItem, 'count' | 'severity'>>(items: readonly T[]): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort(
      (a, b) =>
        Number(b.item.count > 0) - Number(a.item.count > 0) || SEVERITY_RANK[a.item.severity] - SEVERITY_RANK[b.item.severity] || a.i - b.i,
    )
    .map((x) => x.item);
}

/** A calendar date (YYYY-MM-DD) moved by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const isEnterprise = (a: Actor) => a.scope.enterpriseId !== null;

/**
 * The inspection tier whose planned inspections are this user's to carry out: the enterprise's
 * self-inspections, the township's patrols, the county's (and departments') investigations, the
 * city's verifications (the province plans at city tier). Admins: every tier (null).
 */
export function inspectionTierOf(a: Actor): InspectionTier | null {
  if (isEnterprise(a)) return 'self';
  const t = roleTier(a.role);
  return t === 'province' ? (a.role === 'platformAdmin' ? null : 'city') : t;
}

/**
 * Hazards waiting for this user, as filters of the hazard list (GET /api/v1/hazards). What the
 * lifecycle lets the role do decides the item: the enterprise fills the five fixes (needed before
 * rectification starts) and rectifies; its admin assigns and closes its own general findings;
 * government assigns what was reported, accepts rectifications (a township only general hazards:
 * major ones need county or above), and county and city supervisors list major hazards. Everyone
 * sees what is overdue and what is listed (挂牌督办) — county and city supervisors the listings of
 * their own tier.
 */
export function hazardWork(a: Actor): WorkDefinition[] {
  const items: WorkDefinition[] = [];
  const add = (kind: string, severity: WorkItemSeverity, titleKey: string, query: WorkQuery) =>
    items.push({ kind: `hazards.${kind}`, severity, titleKey, query });
  add('overdue', 'urgent', 'wbHazardsOverdue', { status: 'open', overdue: 'true' });
  const listedTier = a.role === 'countySupervisor' ? 'county' : a.role === 'citySupervisor' ? 'city' : 'true';
  add('listed', 'urgent', listedTier === 'true' ? 'wbHazardsListed' : 'wbHazardsListedMine', { status: 'open', listed: listedTier });
  if (isEnterprise(a)) {
    add('fiveFixes', 'attention', 'wbHazardsFiveFixes', { status: 'assigned' });
    add('rectifying', 'routine', 'wbHazardsRectifying', { status: 'rectifying' });
    if (a.role === 'enterpriseAdmin') {
      add('toAssign', 'attention', 'wbHazardsToAssignOwn', { status: 'reported', tier: 'self' });
      add('toAccept', 'attention', 'wbHazardsToAcceptOwn', { status: 'pendingAcceptance', tier: 'self', level: 'general' });
    }
    return items;
  }
  if (roleTier(a.role) === null) return items;
  add('toAssign', 'attention', 'wbHazardsToAssign', { status: 'reported' });
  if (a.role !== 'gridWorker')
    add(
      'toAccept',
      'attention',
      'wbHazardsToAccept',
      a.role === 'townshipSupervisor' ? { status: 'pendingAcceptance', level: 'general' } : { status: 'pendingAcceptance' },
    );
  if (a.role === 'countySupervisor' || a.role === 'citySupervisor')
    add('majorUnlisted', 'attention', 'wbHazardsMajorUnlisted', { status: 'open', level: 'major', listed: 'false' });
  return items;
}

/**
 * Planned inspections of this user's tier (GET /api/v1/inspections): those planned for today, and
 * those whose day has passed without being carried out.
 */
export function inspectionWork(a: Actor, today: string): WorkDefinition[] {
  if (!isEnterprise(a) && roleTier(a.role) === null) return [];
  const tier = inspectionTierOf(a);
  const base: WorkQuery = tier ? { status: 'planned', tier } : { status: 'planned' };
  return [
    { kind: 'inspections.today', severity: 'attention', titleKey: 'wbInspectionsToday', query: { ...base, from: today, to: today } },
    { kind: 'inspections.late', severity: 'urgent', titleKey: 'wbInspectionsLate', query: { ...base, to: addDays(today, -1) } },
  ];
}

/** The enterprise's self-inspection schedules falling due within a week (GET /api/v1/inspection-schedules). */
export function scheduleWork(a: Actor, today: string): WorkDefinition[] {
  if (!isEnterprise(a)) return [];
  return [{ kind: 'schedules.due', severity: 'routine', titleKey: 'wbSchedulesDue', query: { active: 'true', dueBy: addDays(today, 7) } }];
}

/**
 * Public reports for their handlers (GET /api/v1/reports): received and not yet accepted, past a
 * statutory deadline, and to be concluded within a week. Who handles reports is the server's rule.
 */
export function publicReportWork(today: string): WorkDefinition[] {
  return [
    { kind: 'reports.toAccept', severity: 'attention', titleKey: 'wbReportsToAccept', query: { status: 'received' } },
    { kind: 'reports.overdue', severity: 'urgent', titleKey: 'wbReportsOverdue', query: { status: 'open', overdue: 'true' } },
    {
      kind: 'reports.concludeSoon',
      severity: 'attention',
      titleKey: 'wbReportsConcludeSoon',
      query: { status: 'open', concludeBy: addDays(today, 7) },
    },
  ];
}

/** Alarms nobody has acknowledged yet (GET /api/v1/alarms): for everyone on duty in the area. */
export function alarmWork(): WorkDefinition[] {
  return [{ kind: 'alarms.toAcknowledge', severity: 'urgent', titleKey: 'wbAlarmsToAcknowledge', query: { status: 'raised' } }];
}

/** Risk reports (GET /api/v1/risk-reports): supervisors acknowledge submitted ones; enterprises resubmit returned ones. */
export function riskReportWork(a: Actor): WorkDefinition[] {
  if (isEnterprise(a))
    return [{ kind: 'riskReports.returned', severity: 'attention', titleKey: 'wbRiskReportsReturned', query: { status: 'returned' } }];
  // As the risk report policy: admins and area supervisors acknowledge.
  if (isAdmin(a) || isSupervisor(a))
    return [
      { kind: 'riskReports.toAcknowledge', severity: 'attention', titleKey: 'wbRiskReportsToAcknowledge', query: { status: 'submitted' } },
    ];
  return [];
}

/**
 * Enterprises' requests to change their supervision fields (GET /api/v1/enterprise-change-requests),
 * for those who confirm them: county supervisors (of the receiving county for a move) and above.
 */
export function enterpriseChangeWork(a: Actor): WorkDefinition[] {
  if (!isAdmin(a) && !['countySupervisor', 'citySupervisor', 'provinceSupervisor'].includes(a.role)) return [];
  return [
    { kind: 'enterpriseChanges.toConfirm', severity: 'attention', titleKey: 'wbEnterpriseChangesToConfirm', query: { toConfirm: 'true' } },
  ];
}

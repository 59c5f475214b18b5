// 企业监管要素变更申请 (issue 22, item 6). The fields that decide who supervises an enterprise —
// its region, industry, high-risk fields, and the employees and revenue that decide whether it
// must have a safety director (安全总监) — are changed by regulators. An enterprise only asks: its
// county confirms (for a move, the county it moves to), or rejects; the enterprise may withdraw a
// request while it waits. pending → approved | rejected | withdrawn, nothing after.
import { z } from 'zod';
import { type Actor, hasRole, isAdmin } from '../auth/roles.ts';
import { bi } from '../errors/messages.ts';
import { HIGH_RISK_FLAGS } from './safety-director.ts';
import { enterpriseInputSchema } from './schema.ts';

/** The fields an enterprise may not change itself (the order the form shows them). */
export const SUPERVISION_FIELDS = ['regionCode', 'industryCode', 'highRisk', 'employees', 'revenueWan'] as const;
export type SupervisionField = (typeof SUPERVISION_FIELDS)[number];

export const CHANGE_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];
export const CHANGE_REQUEST_STATUS_LABELS: Record<ChangeRequestStatus, { zh: string; en: string }> = {
  pending: { zh: '待确认', en: 'Waiting' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};
/** The steps on a pending request (its audit actions are `enterpriseChange.<step>`, and `request`). */
export const CHANGE_REQUEST_ACTIONS = ['approve', 'reject', 'withdraw'] as const;
export type ChangeRequestAction = (typeof CHANGE_REQUEST_ACTIONS)[number];

export type SupervisionValues = {
  regionCode: string;
  industryCode: string;
  highRisk: readonly string[];
  employees: number | null;
  revenueWan: number | null;
};

const same = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) ? [...a].sort().join(',') === [...b].sort().join(',') : a === b;

/** The supervision fields `next` changes from `current` (high-risk fields compared as a set). */
export function supervisionFieldsChanged(current: SupervisionValues, next: Partial<SupervisionValues>): SupervisionField[] {
  return SUPERVISION_FIELDS.filter((f) => next[f] !== undefined && !same(current[f], next[f]));
}

export const mayRequestChange = (actor: Actor, enterpriseId: string) =>
  hasRole(actor, 'enterpriseAdmin') && actor.scope.enterpriseId === enterpriseId;

/** The county that confirms: the one the enterprise moves to, else its own (12-digit code). */
export function confirmingCounty(currentRegion: string, requestedRegion?: string | null): string {
  return (requestedRegion ?? currentRegion).slice(0, 6).padEnd(12, '0');
}

export type ChangeRequestFacts = {
  status: ChangeRequestStatus;
  enterpriseId: string;
  /** 12-digit code of the confirming county. */
  confirmRegionCode: string;
};

/**
 * Who may confirm: a county supervisor of the confirming county, or a city or province supervisor
 * (or the admin) above it. A township is not a confirming tier, nor is the county the enterprise
 * leaves, nor a department.
 */
/**
 * The region prefix under which the actor confirms requests: '' (everywhere) for the admin, their
 * own prefix for a county, city or province supervisor, null for everyone else. The list's
 * "waiting for me" filter is this rule written as SQL.
 */
export function confirmingPrefix(actor: Actor): string | null {
  if (isAdmin(actor)) return '';
  if (!hasRole(actor, 'countySupervisor', 'citySupervisor', 'provinceSupervisor')) return null;
  return actor.scope.regionPrefix;
}

export function mayConfirm(actor: Actor, r: Pick<ChangeRequestFacts, 'confirmRegionCode'>): boolean {
  const prefix = confirmingPrefix(actor);
  return prefix !== null && r.confirmRegionCode.startsWith(prefix);
}

/** What the actor may do with a request now (the state machine and the roles together). */
export function changeRequestActions(actor: Actor, r: ChangeRequestFacts): ChangeRequestAction[] {
  if (r.status !== 'pending') return [];
  if (mayRequestChange(actor, r.enterpriseId)) return ['withdraw'];
  if (mayConfirm(actor, r)) return ['approve', 'reject'];
  return [];
}

const TRANSITIONS: Record<ChangeRequestAction, ChangeRequestStatus> = {
  approve: 'approved',
  reject: 'rejected',
  withdraw: 'withdrawn',
};

/** The next status, or null where the machine has no such step (only a pending request moves). */
export function nextChangeRequestStatus(status: ChangeRequestStatus, action: ChangeRequestAction): ChangeRequestStatus | null {
  return status === 'pending' ? TRANSITIONS[action] : null;
}

const fields = enterpriseInputSchema.pick({
  regionCode: true,
  industryCode: true,
  employees: true,
  revenueWan: true,
}).shape;

export const changeRequestInputSchema = z.strictObject({
  changes: z
    .strictObject({
      regionCode: fields.regionCode.optional(),
      industryCode: fields.industryCode.optional(),
      highRisk: z
        .array(z.enum(HIGH_RISK_FLAGS))
        .max(HIGH_RISK_FLAGS.length)
        .transform((a) => [...new Set(a)])
        .optional(),
      employees: fields.employees.optional(),
      revenueWan: fields.revenueWan.optional(),
    })
    .refine((c) => Object.values(c).some((v) => v !== undefined), bi('请至少填写一项变更', 'Change at least one field')),
  reason: z.string().trim().min(1, bi('请说明变更理由', 'Give the reason for the change')).max(500),
});
export type ChangeRequestInput = z.infer<typeof changeRequestInputSchema>;

export const changeRequestDecisionSchema = z.strictObject({
  note: z
    .string()
    .trim()
    .max(500)
    .nullish()
    .transform((s) => s || null),
});

export const changeRequestQuerySchema = z.object({
  status: z.enum(CHANGE_REQUEST_STATUSES).optional(),
  enterpriseId: z.uuid().optional(),
  /** Only those the caller may confirm now. */
  toConfirm: z.enum(['true']).optional(),
});

export const changeRequestSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  confirmRegionCode: z.string(),
  confirmRegionName: z.string().nullable(),
  before: z.record(z.string(), z.unknown()),
  changes: z.record(z.string(), z.unknown()),
  reason: z.string(),
  status: z.enum(CHANGE_REQUEST_STATUSES),
  requester: z.string(),
  requestedAt: z.string(),
  decider: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  allowedActions: z.array(z.string()),
});
export type ChangeRequest = z.infer<typeof changeRequestSchema>;

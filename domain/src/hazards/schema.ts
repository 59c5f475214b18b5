// Request and response shapes of checklists, inspections, their schedules and hazards. The
// response schemas are what the API sends (a field not listed here is dropped) and the web's types.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { HAZARD_ACTIONS, HAZARD_LEVELS, HAZARD_STATUSES, HAZARD_STEPS, INSPECTION_TIERS } from './lifecycle.ts';
import { SCHEDULE_FREQUENCIES } from './schedules.ts';

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((s) => s || null);
const date = z.iso.date(bi('日期格式应为 YYYY-MM-DD', 'Date is YYYY-MM-DD'));

/** The five fixes (五落实): owner, measures, funds (万元), deadline, contingency plan. */
export const fiveFixesSchema = z.strictObject({
  owner: text(100).min(1).nullish(),
  measures: text(2000).min(1).nullish(),
  funds: z.number().min(0).max(1e9).nullish(),
  deadline: date.nullish(),
  contingency: text(2000).min(1).nullish(),
  rectificationNote: text(2000).nullish(),
  version: z.number().int().min(1).optional(),
});

export const hazardInputSchema = z.strictObject({
  enterpriseId: z.uuid(),
  description: text(2000).min(1),
  location: optionalText(200),
  level: z.enum(HAZARD_LEVELS).default('general'),
  foundTier: z.enum(INSPECTION_TIERS).optional(),
  owner: optionalText(100),
  measures: optionalText(2000),
  funds: z.number().min(0).max(1e9).nullish(),
  deadline: date.nullish(),
  contingency: optionalText(2000),
});

export const hazardTransitionSchema = z.strictObject({
  action: z.enum(HAZARD_ACTIONS),
  reason: text(1000).min(1).optional(),
  version: z.number().int().min(1).optional(),
});

export const listingSchema = z.strictObject({
  deadline: date,
  officer: text(100).min(1),
  note: optionalText(1000),
});

export const inspectionPlanSchema = z.strictObject({
  enterpriseIds: z.array(z.uuid()).min(1).max(500),
  tier: z.enum(INSPECTION_TIERS),
  checklistId: z.uuid(),
  plannedDate: date,
  inspectorId: z.uuid().nullish(),
  unannounced: z.boolean().default(false),
});

export const ITEM_RESULTS = ['pass', 'fail', 'na'] as const;
export const inspectionResultsSchema = z.strictObject({
  results: z
    .array(
      z.strictObject({
        itemCode: z.string().min(1).max(20),
        result: z.enum(ITEM_RESULTS),
        note: optionalText(1000),
        photos: z
          .array(z.string().regex(/^photos\/[0-9a-f-]{36}$/))
          .max(10)
          .default([]),
      }),
    )
    .max(300),
  location: optionalText(200),
  version: z.number().int().min(1).optional(),
});

// ---- Responses ----------------------------------------------------------------------------

/** A moment (ISO 8601, UTC) or a day (YYYY-MM-DD) as sent; null when not (yet) set. */
const moment = z.string();
const day = z.string();

/** A row of the hazard list (GET /api/v1/hazards): the summary; the detail has the whole record. */
export const hazardListItemSchema = z.object({
  id: z.string(),
  /** 宿城区〔2026〕隐患第 0123 号; null only for hazards written around the API. */
  number: z.string().nullable(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  description: z.string(),
  location: z.string().nullable(),
  level: z.enum(HAZARD_LEVELS),
  foundTier: z.enum(INSPECTION_TIERS),
  status: z.enum(HAZARD_STATUSES),
  owner: z.string().nullable(),
  deadline: day.nullable(),
  overdue: z.boolean(),
  listedTier: z.enum(['county', 'city']).nullable(),
  listingDeadline: day.nullable(),
  /** The tier an overdue hazard was escalated to (escalation.ts), if it was. */
  escalatedTier: z.string().nullable(),
  version: z.number(),
  createdAt: moment,
  updatedAt: moment,
});

export const hazardListSchema = z.object({
  items: z.array(hazardListItemSchema),
  total: z.number(),
  /** The total was counted up to a cap: there are more than `total`. */
  totalCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});

/** The whole record, with what the caller may do with it now (domain lifecycle.ts and policy.ts). */
export const hazardSchema = hazardListItemSchema.extend({
  inspectionId: z.string().nullable(),
  checklistItem: z.string().nullable(),
  evidence: z.array(z.string()),
  foundBy: z.string(),
  measures: z.string().nullable(),
  funds: z.number().nullable(),
  contingency: z.string().nullable(),
  rectificationNote: z.string().nullable(),
  rectificationEvidence: z.array(z.string()),
  listingOfficer: z.string().nullable(),
  listedAt: moment.nullable(),
  closedAt: moment.nullable(),
  allowedActions: z.array(z.enum(HAZARD_ACTIONS)),
  canEditFixes: z.boolean(),
  canList: z.boolean(),
  /** The caller may add a photo now (domain checkHazardPhoto). */
  canAddPhoto: z.boolean(),
});

/** One step of a hazard's history. */
export const hazardTransitionRecordSchema = z.object({
  action: z.enum(HAZARD_STEPS),
  from: z.string().nullable(),
  to: z.string(),
  actor: z.string(),
  reason: z.string().nullable(),
  at: moment,
});

/** The hazard with its whole history (the detail, and the answer to a lifecycle step). */
export const hazardDetailSchema = hazardSchema.extend({ transitions: z.array(hazardTransitionRecordSchema) });

/** A photo stored for a hazard or an inspection: its key (photos/<uuid>). */
export const photoKeySchema = z.object({ key: z.string() });

export const checklistSchema = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number(),
  name: z.string(),
  industries: z.array(z.string()),
  tiers: z.array(z.enum(INSPECTION_TIERS)),
  source: z.string(),
  items: z.array(
    z.object({
      code: z.string(),
      text: z.string(),
      guidance: z.string().optional(),
      legalBasis: z.string().optional(),
      majorCriterion: z.boolean(),
    }),
  ),
  builtin: z.boolean(),
  publishedAt: moment,
});
export const checklistListSchema = z.object({ items: z.array(checklistSchema), total: z.number() });

export const inspectionResultSchema = z.object({
  itemCode: z.string(),
  result: z.enum(ITEM_RESULTS),
  note: z.string().nullable(),
  photos: z.array(z.string()).default([]),
});

export const inspectionSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  tier: z.enum(INSPECTION_TIERS),
  checklistId: z.string(),
  checklistName: z.string(),
  checklistVersion: z.number(),
  plannedDate: day.nullable(),
  inspectorId: z.string().nullable(),
  inspectorName: z.string().nullable(),
  unannounced: z.boolean(),
  status: z.enum(['planned', 'submitted']),
  results: z.array(inspectionResultSchema),
  location: z.string().nullable(),
  submittedAt: moment.nullable(),
  submittedBy: z.string().nullable(),
  plannedBy: z.string(),
  version: z.number(),
  /** The caller may record results and submit (domain mayExecuteInspection). */
  canExecute: z.boolean(),
});
export const inspectionListSchema = z.object({
  items: z.array(inspectionSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
/** An inspection with its checklist and the hazards its failed items became. */
export const inspectionDetailSchema = inspectionSchema.extend({
  checklist: checklistSchema.nullable(),
  hazards: z.array(
    z.object({
      id: z.string(),
      number: z.string().nullable(),
      description: z.string(),
      level: z.enum(HAZARD_LEVELS),
      status: z.enum(HAZARD_STATUSES),
    }),
  ),
});
/** The answer to submitting: the inspection and the hazards it created. */
export const inspectionSubmittedSchema = inspectionSchema.extend({ hazards: z.array(hazardSchema) });
export const inspectionPhotoSchema = photoKeySchema.extend({ width: z.number(), height: z.number() });

export const scheduleSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  name: z.string(),
  checklistCode: z.string(),
  frequency: z.enum(SCHEDULE_FREQUENCIES),
  startDate: day.nullable(),
  nextDate: day.nullable(),
  inspectorId: z.string().nullable(),
  inspectorName: z.string().nullable(),
  active: z.boolean(),
  createdBy: z.string(),
  version: z.number(),
  /** The caller may pause or resume it (domain mayManageSchedules). */
  canManage: z.boolean(),
});
export const scheduleListSchema = z.object({ items: z.array(scheduleSchema) });

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  link: z.string().nullable(),
  /** Notices of one group (a day's alarm escalations) are one entry. */
  group: z.string().nullable(),
  read: z.boolean(),
  createdAt: moment,
});
export const notificationListSchema = z.object({ items: z.array(notificationSchema), unread: z.number() });

export type HazardListItem = z.infer<typeof hazardListItemSchema>;
export type HazardRecord = z.infer<typeof hazardSchema>;
export type HazardDetail = z.infer<typeof hazardDetailSchema>;
export type HazardTransitionRecord = z.infer<typeof hazardTransitionRecordSchema>;
export type Checklist = z.infer<typeof checklistSchema>;
export type Inspection = z.infer<typeof inspectionSchema>;
export type InspectionDetail = z.infer<typeof inspectionDetailSchema>;
export type InspectionSchedule = z.infer<typeof scheduleSchema>;
export type InboxNotice = z.infer<typeof notificationSchema>;

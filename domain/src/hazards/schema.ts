// Request shapes of inspections and hazards.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { HAZARD_ACTIONS, HAZARD_LEVELS, INSPECTION_TIERS } from './lifecycle.ts';

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

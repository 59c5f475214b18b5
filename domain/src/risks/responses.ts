// Response shapes of the risk routes (declared on every route, so the server strips what is not
// here and the web reads its types with z.infer). A field the web or a test reads must be listed.
import { z } from 'zod';
import { RISK_LEVELS } from './levels.ts';
import { INSTALLATION_ACTIONS, REPORT_ACTIONS, REPORT_STATUSES, RISK_POINT_ACTIONS } from './policy.ts';
import { CONTROL_MEASURE_TYPES, CONTROL_TIERS } from './schema.ts';

const level = z.enum(RISK_LEVELS);
const page = { total: z.number(), page: z.number(), pageSize: z.number() };

export const controlMeasureOutSchema = z.object({
  type: z.enum(CONTROL_MEASURE_TYPES),
  description: z.string(),
  tier: z.enum(CONTROL_TIERS),
  responsible: z.string(),
});
export type ControlMeasure = z.infer<typeof controlMeasureOutSchema>;

export const riskPointSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  name: z.string(),
  location: z.string().nullable(),
  activity: z.string().nullable(),
  hazardFactors: z.array(z.string()),
  accidentTypes: z.array(z.string()),
  controlMeasures: z.array(controlMeasureOutSchema),
  reviewDate: z.string().nullable(),
  areaId: z.string().nullable(),
  areaName: z.string().nullable(),
  method: z.enum(['lec', 'ls']).nullable(),
  score: z.number().nullable(),
  level: level.nullable(),
  colour: z.string().nullable(),
  assessedAt: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  allowedActions: z.array(z.enum(RISK_POINT_ACTIONS)),
});
export type RiskPoint = z.infer<typeof riskPointSchema>;

/** One assessment in a risk point's history: the inputs, the calculator's result and the thresholds used. */
export const riskAssessmentSchema = z.object({
  method: z.enum(['lec', 'ls']),
  inputs: z.record(z.string(), z.number()),
  result: z.record(z.string(), z.unknown()),
  thresholds: z.record(z.string(), z.unknown()),
  score: z.number(),
  level,
  assessedBy: z.string(),
  assessedAt: z.string(),
});
export const riskPointDetailSchema = riskPointSchema.extend({ assessments: z.array(riskAssessmentSchema) });
export type RiskPointDetail = z.infer<typeof riskPointDetailSchema>;
export const riskPointListSchema = z.object({ items: z.array(riskPointSchema), ...page });

export const installationSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  name: z.string(),
  inventory: z.array(
    z.object({
      name: z.string().optional(),
      cas: z.string().optional(),
      // As stored: a Table 2 category code, or several (validated on the way in).
      category: z.union([z.string(), z.array(z.string())]).optional(),
      quantityTonnes: z.number(),
    }),
  ),
  peopleWithin500m: z.number(),
  S: z.number(),
  R: z.number(),
  alpha: z.number(),
  isMajorHazard: z.boolean(),
  grade: z.number().nullable(),
  perSubstance: z.array(
    z.object({
      matched: z.string(),
      source: z.enum(['table1', 'table2']),
      q: z.number(),
      Q: z.number(),
      beta: z.number(),
      ratio: z.number(),
    }),
  ),
  evaluatedAt: z.string(),
  version: z.number(),
  allowedActions: z.array(z.enum(INSTALLATION_ACTIONS)),
});
export type Installation = z.infer<typeof installationSchema>;
export const installationListSchema = z.object({
  items: z.array(installationSchema),
  ...page,
  byGrade: z.array(z.object({ grade: z.number().nullable(), n: z.number() })),
});

export const riskAreaSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  name: z.string(),
  polygon: z.array(z.tuple([z.number(), z.number()])),
  level: level.nullable(),
  colour: z.string().nullable(),
  riskPointCount: z.number(),
});
export type RiskArea = z.infer<typeof riskAreaSchema>;
export const riskMapSchema = z.object({
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  sitePlan: z.object({ url: z.string(), width: z.number(), height: z.number(), contentType: z.string() }).nullable(),
  areas: z.array(riskAreaSchema),
  canEdit: z.boolean(),
});
export type RiskMap = z.infer<typeof riskMapSchema>;
export const sitePlanUploadSchema = z.object({ width: z.number(), height: z.number(), contentType: z.string(), bytes: z.number() });

/**
 * A risk point as a risk report carries it (a snapshot taken when the report is drafted or
 * submitted). Reports kept from before the snapshot had a location and measures lack them.
 */
export const riskReportItemSchema = z.object({
  riskPointId: z.string(),
  name: z.string(),
  location: z.string().nullable().optional(),
  level: level.nullable(),
  method: z.string().nullable(),
  score: z.number().nullable(),
  accidentTypes: z.array(z.string()),
  controlMeasures: z.array(controlMeasureOutSchema).optional(),
});
export const riskReportSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  status: z.enum(REPORT_STATUSES),
  items: z.array(riskReportItemSchema),
  note: z.string().nullable(),
  returnReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  version: z.number(),
  createdAt: z.string().nullable(),
  allowedActions: z.array(z.enum(REPORT_ACTIONS)),
});
export type RiskReport = z.infer<typeof riskReportSchema>;
export const riskReportListSchema = z.object({ items: z.array(riskReportSchema), ...page });

const levelCounts = { major: z.number(), high: z.number(), moderate: z.number(), low: z.number() };
export const riskDistributionSchema = z.object({
  region: z.string(),
  totals: z.object(levelCounts),
  byRegion: z.array(z.object({ code: z.string(), name: z.string(), ...levelCounts })),
  byIndustry: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), ...levelCounts })),
  enterprises: z.array(
    z.object({ id: z.string(), name: z.string(), regionCode: z.string(), regionName: z.string().nullable(), ...levelCounts }),
  ),
});
export type RiskDistribution = z.infer<typeof riskDistributionSchema>;

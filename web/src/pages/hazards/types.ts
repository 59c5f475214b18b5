import type { HazardAction, HazardLevel, HazardStatus, InspectionTier } from '@taishan/domain';

export type Hazard = {
  id: string;
  /** 宿城区〔2026〕隐患第 0123 号; null only for hazards written around the API. */
  number: string | null;
  enterpriseId: string;
  enterpriseName: string;
  inspectionId: string | null;
  description: string;
  location: string | null;
  evidence: string[];
  level: HazardLevel;
  foundTier: InspectionTier;
  foundBy: string;
  status: HazardStatus;
  owner: string | null;
  measures: string | null;
  funds: number | null;
  deadline: string | null;
  contingency: string | null;
  rectificationNote: string | null;
  rectificationEvidence: string[];
  listedTier: 'county' | 'city' | null;
  listingDeadline: string | null;
  listingOfficer: string | null;
  overdue: boolean;
  escalatedTier: string | null;
  version: number;
  createdAt: string;
  allowedActions: HazardAction[];
  canEditFixes: boolean;
  canList: boolean;
  transitions?: { action: string; from: string | null; to: string; actor: string; reason: string | null; at: string }[];
};

/** A row of the hazard list (GET /api/v1/hazards); the detail has the whole record. */
export type HazardListItem = Pick<
  Hazard,
  | 'id'
  | 'number'
  | 'enterpriseId'
  | 'enterpriseName'
  | 'description'
  | 'location'
  | 'level'
  | 'foundTier'
  | 'status'
  | 'owner'
  | 'deadline'
  | 'overdue'
  | 'listedTier'
  | 'listingDeadline'
  | 'escalatedTier'
  | 'version'
  | 'createdAt'
> & { regionCode: string; updatedAt: string };

import type { RiskLevel } from '@taishan/domain';

export type Measure = { type: string; description: string; tier: string; responsible: string };
export type RiskPoint = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  name: string;
  location: string | null;
  activity: string | null;
  hazardFactors: string[];
  accidentTypes: string[];
  controlMeasures: Measure[];
  reviewDate: string | null;
  areaId: string | null;
  areaName: string | null;
  method: 'lec' | 'ls' | null;
  score: number | null;
  level: RiskLevel | null;
  assessedAt: string | null;
  version: number;
  allowedActions: string[];
  assessments?: {
    method: string;
    inputs: Record<string, number>;
    score: number;
    level: RiskLevel;
    assessedBy: string;
    assessedAt: string;
  }[];
};
export type Area = {
  id: string;
  name: string;
  polygon: [number, number][];
  level: RiskLevel | null;
  colour: string | null;
  riskPointCount: number;
};
export type RiskMap = {
  enterpriseId: string;
  enterpriseName: string;
  sitePlan: { url: string; width: number; height: number } | null;
  areas: Area[];
  canEdit: boolean;
};

// The risk pages' data types: inferred from the response schemas the server declares
// (domain/src/risks/schema.ts), so a field the server stops sending is a type error here.
export type {
  ControlMeasure as Measure,
  Installation,
  RiskArea as Area,
  RiskDistribution,
  RiskMap,
  RiskPointDetail,
  RiskReport,
} from '@taishan/domain';

import type { RiskPointDetail } from '@taishan/domain';

/** A risk point as the list and the detail send it (the detail adds its assessment history). */
export type RiskPoint = Omit<RiskPointDetail, 'assessments'> & { assessments?: RiskPointDetail['assessments'] };

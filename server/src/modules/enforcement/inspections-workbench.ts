// The on-site inspections' 工作台 items: an officer's inspections planned, on site and awaiting
// the 复查, each counted with the list's own query (the number is the list's total).
import { enfInspectionWork, inspectionListQuerySchema } from '@taishan/domain';
import { countEach, type WorkbenchProvider } from '../workbench/registry.ts';
import { listInspections } from './inspections-store.ts';

export const inspectionWorkItems: WorkbenchProvider = (actor, _scope, tx) =>
  countEach(
    enfInspectionWork(actor),
    { path: '/enforcement/inspections', apiPath: '/api/v1/enforcement/inspections' },
    async (query) => (await listInspections(tx, actor, inspectionListQuerySchema.parse({ ...query, pageSize: 1 }))).total,
  );

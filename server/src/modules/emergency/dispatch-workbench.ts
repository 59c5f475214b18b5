// 物资调拨's 工作台 items (issue 27): for the level that owns the stock (a county for its townships,
// a city for its counties) — requests awaiting approval, approved awaiting shipment; for the
// requesting level — shipments awaiting receipt, phone orders still needing their written request
// (the 48 h countdown, a setting). Each count uses the list's own WHERE (countRequestsFor), so it
// equals the list's total. Titles are keys of web/src/pages/emergency/dispatch-messages.ts. Owner: dispatch.
import { isSupervisor, type WorkDefinition } from '@taishan/domain';
import { countEach, type WorkbenchProvider } from '../workbench/registry.ts';
import { countRequestsFor, dispatchListQuerySchema } from './dispatch-service.ts';

export const DISPATCH_SUPPLIER_WORK: WorkDefinition[] = [
  { kind: 'dispatch.toApprove', severity: 'urgent', titleKey: 'emDiWorkToApprove', query: { toApprove: 'true' } },
  { kind: 'dispatch.toShip', severity: 'urgent', titleKey: 'emDiWorkToShip', query: { toShip: 'true' } },
];
export const DISPATCH_REQUESTER_WORK: WorkDefinition[] = [
  { kind: 'dispatch.toReceive', severity: 'attention', titleKey: 'emDiWorkToReceive', query: { toReceive: 'true' } },
  { kind: 'dispatch.writtenDue', severity: 'urgent', titleKey: 'emDiWorkWrittenDue', query: { writtenDue: 'true' } },
];

export const dispatchWorkItems: WorkbenchProvider = async (actor, _scope, tx) => {
  if (!isSupervisor(actor) || !actor.scope.regionPrefix) return [];
  const p = actor.scope.regionPrefix.length;
  // A township asks only; a province supplies only; a county and a city do both.
  const defs = [...(p <= 6 ? DISPATCH_SUPPLIER_WORK : []), ...(p >= 4 ? DISPATCH_REQUESTER_WORK : [])];
  return countEach(defs, { path: '/emergency/dispatch', apiPath: '/api/v1/dispatch/requests' }, (query) =>
    countRequestsFor(tx, actor, dispatchListQuerySchema.parse(query)),
  );
};

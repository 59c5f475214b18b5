// 物资调拨's API (server/src/modules/emergency/dispatch-routes.ts). Shapes follow the service's
// items; enums are domain's. Owner: dispatch.
import type { DispatchAction, DispatchPriority, DispatchStatus, ShipmentStatus } from '@taishan/domain';
import { api } from '../../api.ts';

export type DispatchLine = {
  id: string;
  itemId: string;
  itemName: string;
  spec: string;
  unit: string;
  wholeUnits: boolean;
  note: string;
  requested: number;
  approved: number | null;
  shipped: number;
  received: number;
  returned: number;
  consumed: number;
  inTransit: number;
  replenish: number;
};

export type DispatchRequest = {
  id: string;
  regionCode: string;
  regionName: string | null;
  supplierRegionCode: string;
  supplierRegionName: string | null;
  status: DispatchStatus;
  priority: DispatchPriority;
  purpose: string;
  eventRef: string | null;
  deliverTo: string;
  deliverLat: number | null;
  deliverLng: number | null;
  receiverUnit: string;
  receiverName: string;
  receiverPhone: string;
  neededBy: string;
  viaPhone: boolean;
  phoneOrderedAt: string | null;
  writtenAt: string | null;
  writtenRef: string | null;
  writtenClock: { dueAt: string; remainingMs: number; overdue: boolean } | null;
  writtenHours: number;
  requestedByName: string | null;
  submittedAt: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
  approvalNote: string | null;
  rejectReason: string | null;
  orderNumber: string | null;
  orderIssuedAt: string | null;
  supplierContact: string | null;
  supplierPhone: string | null;
  closedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  openShipments: number;
  createdAt: string;
  version: number;
  lines: DispatchLine[];
  allowedActions: DispatchAction[];
};

export type Shipment = {
  id: string;
  warehouseId: string;
  warehouseName: string;
  vehicle: string;
  driverName: string;
  driverPhone: string;
  eta: string | null;
  status: ShipmentStatus;
  shippedByName: string | null;
  shippedAt: string;
  lines: {
    id: string;
    requestLineId: string;
    itemId: string;
    itemName: string;
    unit: string;
    wholeUnits: boolean;
    quantity: number;
    received: number;
  }[];
  receipts: { id: string; receiverName: string; warehouseId: string | null; note: string; receivedAt: string }[];
};

export type DispatchDetail = DispatchRequest & {
  order: { id: string; number: string; issuedAt: string } | null;
  shipments: Shipment[];
  events: { action: string; from: string | null; to: string; actorName: string | null; note: string | null; at: string }[];
};

export type Proposal = {
  destination: { lat: number; lng: number } | null;
  distance: 'straightLine';
  approvingPrefix: string;
  abovePrefix: string | null;
  lines: {
    lineId: string;
    itemId: string;
    itemName: string;
    unit: string;
    quantity: number;
    shortfall: number;
    picks: {
      warehouseId: string;
      name: string;
      tier: 0 | 1;
      distanceKm: number | null;
      available: number;
      quantity: number;
      mayShip: boolean;
    }[];
    producers: {
      id: string;
      enterpriseName: string;
      capacityPerDay: number;
      distanceKm: number | null;
      contactName?: string;
      contactPhone?: string;
    }[];
  }[];
};

export type DispatchOptions = {
  items: { id: string; name: string; spec: string; unit: string; wholeUnits: boolean; categoryCode: string }[];
  suppliers: { code: string; name: string }[];
  ownWarehouses: { id: string; name: string; level: string | null }[];
  mayRequest: boolean;
};

export type Donation = {
  id: string;
  regionName: string | null;
  donorKind: 'person' | 'unit';
  donorName: string;
  donorContact: string;
  anonymous: boolean;
  itemId: string;
  itemName: string;
  unit: string;
  quantity: number;
  distributed: number;
  use: string;
  receivedOn: string;
  warehouseName: string | null;
  note: string;
};

export type Producer = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  regionName: string | null;
  itemId: string;
  itemName: string;
  unit: string;
  capacityPerDay: number;
  agreementRef: string;
  validUntil: string | null;
  contactName: string;
  contactPhone: string;
  active: boolean;
  version: number;
  mayEdit: boolean;
};

const BASE = '/api/v1/dispatch';
export const fetchRequests = (query: string) =>
  api<{ items: DispatchRequest[]; total: number }>(`${BASE}/requests${query ? `?${query}` : ''}`);
export const fetchRequest = (id: string) => api<DispatchDetail>(`${BASE}/requests/${id}`);
export const fetchProposal = (id: string) => api<Proposal>(`${BASE}/requests/${id}/proposal`);
export const fetchDispatchOptions = () => api<DispatchOptions>(`${BASE}/options`);
export const createRequest = (body: Record<string, unknown>) => api<DispatchDetail>(`${BASE}/requests`, { method: 'POST', json: body });
export const dispatchStep = (id: string, action: DispatchAction, body: Record<string, unknown>) =>
  api<DispatchDetail>(`${BASE}/requests/${id}/steps/${action}`, { method: 'POST', json: body });
export const orderPdfUrl = (id: string) => `${BASE}/requests/${id}/order/pdf`;
export const fetchReplenishment = () =>
  api<{
    items: {
      warehouseId: string;
      warehouseName: string;
      itemId: string;
      itemName: string;
      spec: string;
      unit: string;
      shipped: number;
      received: number;
      returned: number;
      replenish: number;
    }[];
  }>(`${BASE}/replenishment`);
export const fetchDonations = (query = '') =>
  api<{ items: Donation[]; total: number; mayManage: boolean }>(`${BASE}/donations${query ? `?${query}` : ''}`);
export const createDonation = (body: Record<string, unknown>) => api<Donation>(`${BASE}/donations`, { method: 'POST', json: body });
export const distributeDonation = (id: string, body: Record<string, unknown>) =>
  api<Donation>(`${BASE}/donations/${id}/distributions`, { method: 'POST', json: body });
export const fetchPublicDonations = (regionCode = '') =>
  api<{
    totals: { itemName: string; unit: string; use: string; quantity: number; distributed: number; donations: number }[];
    donors: { name: string; kind: string }[];
    anonymousDonations: number;
  }>(`/api/public/donations${regionCode ? `?regionCode=${regionCode}` : ''}`);
export const fetchProducers = (query = '') =>
  api<{ items: Producer[]; total: number; mayManage: boolean }>(`${BASE}/producers${query ? `?${query}` : ''}`);
export const saveProducer = (id: string | null, body: Record<string, unknown>) =>
  api<Producer>(id ? `${BASE}/producers/${id}` : `${BASE}/producers`, { method: id ? 'PUT' : 'POST', json: body });

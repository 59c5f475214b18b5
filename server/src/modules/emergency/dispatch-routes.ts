// The HTTP routes of 物资调拨 (issue 27): requests and their steps, the proposal, the 调拨指令's PDF,
// the replenishment list, donations (with the public summary, no login) and designated producers.
// No SQL here: dispatch-service.ts, dispatch-donations.ts, dispatch-documents.ts. Owner: dispatch.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendDownload } from '../../http/download.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { CapabilityDeps } from '../deps.ts';
import { dispatchOrderPdf } from './dispatch-documents.ts';
import {
  createDonation,
  distributeDonation,
  donationListQuerySchema,
  listDonations,
  listProducers,
  producerListQuerySchema,
  publicDonationQuerySchema,
  publicDonations,
  saveProducer,
} from './dispatch-donations.ts';
import {
  createRequest,
  dispatchListQuerySchema,
  dispatchOptions,
  dispatchProposal,
  dispatchStepParams,
  getRequest,
  listRequests,
  replenishmentList,
  replenishmentQuerySchema,
  takeDispatchStep,
} from './dispatch-service.ts';

const BASE = '/api/v1/dispatch';
const tags = ['dispatch'];

export function dispatchRoutes(app: FastifyInstance, { db }: CapabilityDeps) {
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/requests`,
    access: 'user',
    summary: '调拨申请 The requests of the jurisdiction with each line’s requested/approved/shipped/received',
    tags,
    query: dispatchListQuerySchema,
    handler: ({ query, actor }) => listRequests(db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/requests`,
    access: 'user',
    summary: '填写调拨申请 A township, county or city asks the level above (a phone order is submitted at once)',
    tags,
    body: z.unknown(),
    status: 201,
    handler: ({ body, actor }) => createRequest(db, actor, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/options`,
    access: 'user',
    summary: '申请表选项 The items, the levels one may ask and one’s own reserves',
    tags,
    handler: ({ actor }) => dispatchOptions(db, actor),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/requests/:id`,
    access: 'user',
    summary: '调拨申请详情 A request with its lines, order, shipments, receipts, timeline and allowed actions',
    tags,
    params: idParams,
    handler: ({ params, actor }) => getRequest(db, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/requests/:id/steps/:action`,
    access: 'user',
    summary: '调拨办理步骤 A step of the request (403/409 carry allowedActions)',
    tags,
    params: dispatchStepParams,
    body: z.unknown(),
    handler: ({ params, body, actor }) => takeDispatchStep(db, actor, params.id, params.action, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/requests/:id/proposal`,
    access: 'user',
    summary: '调拨方案建议 Warehouses nearest first (straight line) within the approving level, then the level above; producers when short',
    tags,
    params: idParams,
    handler: ({ params, actor }) => dispatchProposal(db, actor, params.id),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/requests/:id/order/pdf`,
    access: 'user',
    summary: '调拨指令 PDF The dispatch order as issued',
    tags,
    params: idParams,
    handler: async ({ params, actor, reply }) => {
      const { pdf, number, title } = await dispatchOrderPdf(db, actor, params.id);
      return sendDownload(reply, pdf, 'application/pdf', `dispatch-order-${params.id.slice(0, 8)}.pdf`, `${title}-${number}.pdf`);
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/replenishment`,
    access: 'user',
    summary: '补充储备清单 What left the level’s reserves and did not come back, and what was consumed',
    tags,
    query: replenishmentQuerySchema,
    handler: ({ query, actor }) => replenishmentList(db, actor, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/donations`,
    access: 'user',
    summary: '捐赠物资 The donations received in the jurisdiction',
    tags,
    query: donationListQuerySchema,
    handler: ({ query, actor }) => listDonations(db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/donations`,
    access: 'user',
    summary: '登记捐赠 A donation received (into a warehouse through the ledger when given)',
    tags,
    body: z.unknown(),
    status: 201,
    handler: ({ body, actor }) => createDonation(db, actor, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/donations/:id/distributions`,
    access: 'user',
    summary: '捐赠物资分配 A distribution of a donation (never above what is left)',
    tags,
    params: idParams,
    body: z.unknown(),
    handler: ({ params, body, actor }) => distributeDonation(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/public/donations',
    access: 'public',
    summary: '捐赠物资公示 Totals by item and use; donors named only when they did not ask for anonymity',
    tags: ['dispatch', 'public'],
    query: publicDonationQuerySchema,
    handler: ({ query }) => publicDonations(db, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/producers`,
    access: 'user',
    summary: '定点生产企业 Producers that can make an item on call, by item',
    tags,
    query: producerListQuerySchema,
    handler: ({ query, actor }) => listProducers(db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/producers`,
    access: 'user',
    summary: '登记定点生产企业 An enterprise of the directory, an item and its capacity per day',
    tags,
    body: z.unknown(),
    status: 201,
    handler: ({ body, actor }) => saveProducer(db, actor, null, body),
  });
  defineRoute(app, {
    method: 'PUT',
    url: `${BASE}/producers/:id`,
    access: 'user',
    summary: '修改定点生产企业 Change a producer (capacity, agreement, active)',
    tags,
    params: idParams,
    body: z.unknown(),
    handler: ({ params, body, actor }) => saveProducer(db, actor, params.id, body),
  });
}

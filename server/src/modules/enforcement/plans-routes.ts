// Enterprise classes (分类分级), the annual enforcement plan (年度监督检查计划) and campaigns
// (专项整治 / 攻坚行动): the routes of issue 24's items 1–2. No SQL here: classes.ts, plans.ts and
// campaigns.ts hold the commands, plans-store.ts the SQL.
import {
  campaignInputSchema,
  campaignSchema,
  classListQuerySchema,
  classOverrideSchema,
  classRecomputeSchema,
  enterpriseClassSchema,
  planGenerateSchema,
  planItemPatchSchema,
  planItemSchema,
  planItemsQuerySchema,
  planListQuerySchema,
  planSchema,
  planTransitionSchema,
  progressSchema,
  scheduleInspectionSchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { defineRoute } from '../../http/route.ts';
import { createCampaign, getCampaign, listCampaigns } from './campaigns.ts';
import { clearOverride, getClass, listClasses, overrideClass, recompute } from './classes.ts';
import {
  editItem,
  generatePlan,
  getPlan,
  listAllPlans,
  planItems,
  planOfficers,
  planProgress,
  schedulePlannedInspection,
  transitionPlan,
} from './plans.ts';

const uuid = z.uuid({ message: '编号格式不正确||Invalid id' });
const idParams = z.object({ id: uuid });
const enterpriseParams = z.object({ enterpriseId: uuid });
const itemParams = z.object({ id: uuid, itemId: uuid });
const TAGS = ['enforcement'];

export function plansRoutes(app: FastifyInstance, db: Db) {
  // ---- classes -------------------------------------------------------------------------------
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/classes',
    access: 'user',
    summary: '企业分类分级 Enterprise supervision classes',
    tags: TAGS,
    query: classListQuerySchema,
    response: z.object({
      items: z.array(enterpriseClassSchema),
      total: z.number(),
      counts: z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number(), unclassified: z.number() }),
    }),
    handler: ({ query, actor }) => listClasses(db, actor, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/classes/:enterpriseId',
    access: 'user',
    summary: '企业的分类分级 One enterprise’s class',
    tags: TAGS,
    params: enterpriseParams,
    response: enterpriseClassSchema,
    handler: ({ params, actor }) => getClass(db, actor, params.enterpriseId),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/enforcement/classes/recompute',
    access: 'user',
    summary: '重新计算分类分级 Recompute one enterprise or the jurisdiction',
    tags: TAGS,
    body: classRecomputeSchema,
    response: z.object({ computed: z.number(), changed: z.number() }),
    handler: ({ body, actor }) => recompute(db, actor, body.enterpriseId),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/v1/enforcement/classes/:enterpriseId/override',
    access: 'user',
    summary: '人工调整分类分级（须说明理由）Set a class by hand, with a reason',
    tags: TAGS,
    params: enterpriseParams,
    body: classOverrideSchema,
    response: enterpriseClassSchema,
    handler: ({ params, body, actor }) => overrideClass(db, actor, params.enterpriseId, body),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/enforcement/classes/:enterpriseId/override',
    access: 'user',
    summary: '取消人工调整 Clear a hand-set class',
    tags: TAGS,
    params: enterpriseParams,
    response: enterpriseClassSchema,
    handler: ({ params, actor }) => clearOverride(db, actor, params.enterpriseId),
  });

  // ---- plans ---------------------------------------------------------------------------------
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/plans',
    access: 'user',
    summary: '年度监督检查计划 Annual plans in the jurisdiction',
    tags: TAGS,
    query: planListQuerySchema,
    response: z.object({ items: z.array(planSchema) }),
    handler: async ({ query, actor }) => ({ items: await listAllPlans(db, actor, query.year) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/enforcement/plans',
    access: 'user',
    summary: '生成（或重新生成草稿）年度计划 Generate a county’s plan for a year',
    tags: TAGS,
    body: planGenerateSchema,
    response: planSchema,
    status: 201,
    handler: ({ body, actor }) => generatePlan(db, actor, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/plans/:id',
    access: 'user',
    summary: '年度计划 A plan with its totals and capacity',
    tags: TAGS,
    params: idParams,
    response: planSchema,
    handler: ({ params, actor }) => getPlan(db, actor, params.id),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/plans/:id/items',
    access: 'user',
    summary: '年度计划条目 A plan’s items',
    tags: TAGS,
    params: idParams,
    query: planItemsQuerySchema,
    response: z.object({ items: z.array(planItemSchema), total: z.number() }),
    handler: ({ params, query, actor }) => planItems(db, actor, params.id, query),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/enforcement/plans/:id/items/:itemId',
    access: 'user',
    summary: '修改草稿计划条目 Edit an item of a draft',
    tags: TAGS,
    params: itemParams,
    body: planItemPatchSchema,
    response: planItemSchema,
    handler: ({ params, body, actor }) => editItem(db, actor, params.id, params.itemId, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/enforcement/plans/:id/transitions',
    access: 'user',
    summary: '提交、批准、公布或退回年度计划 Submit, approve, publish or revise',
    tags: TAGS,
    params: idParams,
    body: planTransitionSchema,
    response: planSchema,
    handler: ({ params, body, actor }) => transitionPlan(db, actor, params.id, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/plans/:id/progress',
    access: 'user',
    summary: '年度计划按月进度 Planned against done per month',
    tags: TAGS,
    params: idParams,
    response: progressSchema,
    handler: ({ params, actor }) => planProgress(db, actor, params.id),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/plans/:id/officers',
    access: 'user',
    summary: '本县持证执法人员 Certified officers of the plan’s county',
    tags: TAGS,
    params: idParams,
    query: z.object({ enterpriseId: uuid.optional() }),
    response: z.object({
      items: z.array(
        z.object({
          userId: z.string(),
          name: z.string(),
          certificateNo: z.string(),
          validUntil: z.string().nullable(),
          conflict: z.boolean(),
        }),
      ),
    }),
    handler: async ({ params, query, actor }) => ({ items: await planOfficers(db, actor, params.id, query.enterpriseId) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/enforcement/plans/:id/items/:itemId/inspections',
    access: 'user',
    summary: '安排重点企业的计划内检查 Schedule a key enterprise’s planned inspection',
    tags: TAGS,
    params: itemParams,
    body: scheduleInspectionSchema,
    response: z.object({ id: z.string(), planItemId: z.string(), plannedOn: z.string(), officerIds: z.array(z.string()) }),
    status: 201,
    handler: ({ params, body, actor }) => schedulePlannedInspection(db, actor, params.id, params.itemId, body),
  });

  // ---- campaigns -----------------------------------------------------------------------------
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/campaigns',
    access: 'user',
    summary: '专项整治 / 攻坚行动 Campaigns with their progress',
    tags: TAGS,
    query: z.object({ phase: z.enum(['upcoming', 'running', 'ended']).optional() }),
    response: z.object({ items: z.array(campaignSchema) }),
    handler: async ({ query, actor }) => ({ items: await listCampaigns(db, actor, query) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/enforcement/campaigns',
    access: 'user',
    summary: '新建专项整治 Create a campaign',
    tags: TAGS,
    body: campaignInputSchema,
    response: campaignSchema,
    status: 201,
    handler: ({ body, actor }) => createCampaign(db, actor, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/campaigns/:id',
    access: 'user',
    summary: '专项整治 A campaign',
    tags: TAGS,
    params: idParams,
    response: campaignSchema,
    handler: ({ params, actor }) => getCampaign(db, actor, params.id),
  });
}

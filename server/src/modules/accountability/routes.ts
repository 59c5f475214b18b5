// Responsibility lists, official duties, 约谈 / 黄牌 / 通报 and 巡查 (issue 26): the HTTP API.
// No SQL here: lists.ts, officials.ts, triggers.ts, records.ts, tours.ts. Owner: accountability.
import {
  officialSchema,
  officialUpdateSchema,
  officialWorkDoneSchema,
  officialWorkItemSchema,
  recordCreateSchema,
  recordEditSchema,
  responsibilityListSchema,
  tourFindingFixSchema,
  tourFindingSchema,
  tourRoundSchema,
  tourTargetSchema,
  tourVisitSchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendDownload } from '../../http/download.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { CapabilityDeps } from '../deps.ts';
import { enterpriseSupervisors, listResponsibilities, responsibilityHistory, saveResponsibilityList } from './lists.ts';
import {
  addWorkItem,
  completeWorkItem,
  createOfficial,
  getOfficial,
  listOfficials,
  listWorkItems,
  officialListQuerySchema,
  updateOfficial,
  workItemListQuerySchema,
} from './officials.ts';
import {
  createRecord,
  editRecord,
  getRecord,
  listRecords,
  publishedRecords,
  RECORD_STEP_ACTIONS,
  recordListQuerySchema,
  recordPdf,
  recordStep,
} from './records.ts';
import {
  addFinding,
  addTarget,
  createRound,
  findingListQuerySchema,
  fixFinding,
  getRound,
  listFindings,
  listRounds,
  visitTarget,
} from './tours.ts';
import { decideTrigger, listTriggers, triggerListQuerySchema } from './triggers.ts';

const BASE = '/api/v1/accountability';
const TAGS = ['accountability'];
const stepParams = idParams.extend({ action: z.enum(RECORD_STEP_ACTIONS, { message: '未知的操作||Unknown step' }) });

export function accountabilityRoutes(app: FastifyInstance, { db }: CapabilityDeps): void {
  // ---- responsibility lists ----
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/responsibilities`,
    access: 'user',
    summary: '职责清单与监管空白 Responsibility lists of the departments, and the gaps',
    tags: TAGS,
    handler: ({ actor }) => listResponsibilities(db, actor),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/responsibilities/:id/history`,
    access: 'user',
    summary: '职责清单历史版本 Versions of a department’s list',
    tags: TAGS,
    params: idParams,
    handler: ({ params, actor }) => responsibilityHistory(db, actor, params.id),
  });
  defineRoute(app, {
    method: 'PUT',
    url: `${BASE}/responsibilities/:id`,
    access: 'user',
    summary: '保存职责清单（新版本）Save a department’s list as a new version',
    tags: TAGS,
    params: idParams,
    body: responsibilityListSchema,
    handler: ({ params, body, actor }) => saveResponsibilityList(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/enterprises/:id/supervisors`,
    access: 'user',
    summary: '企业的监管部门 The departments supervising an enterprise',
    tags: TAGS,
    params: idParams,
    handler: ({ params, actor }) => enterpriseSupervisors(db, actor, params.id),
  });

  // ---- officials ----
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/officials`,
    access: 'user',
    summary: '党政领导干部 Officials with their duties and this year’s work',
    tags: TAGS,
    query: officialListQuerySchema,
    handler: ({ query, actor }) => listOfficials(db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/officials`,
    access: 'user',
    summary: '登记党政领导干部 Add an official of your government',
    tags: TAGS,
    body: officialSchema,
    status: 201,
    handler: ({ body, actor }) => createOfficial(db, actor, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/officials/:id`,
    access: 'user',
    summary: '党政领导干部详情 An official with duties and work items',
    tags: TAGS,
    params: idParams,
    handler: ({ params, actor }) => getOfficial(db, actor, params.id),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: `${BASE}/officials/:id`,
    access: 'user',
    summary: '修改党政领导干部及其职责 Update an official',
    tags: TAGS,
    params: idParams,
    body: officialUpdateSchema,
    handler: ({ params, body, actor }) => updateOfficial(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/officials/:id/work-items`,
    access: 'user',
    summary: '添加年度工作 Add a yearly work item',
    tags: TAGS,
    params: idParams,
    body: officialWorkItemSchema,
    status: 201,
    handler: ({ params, body, actor }) => addWorkItem(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/work-items`,
    access: 'user',
    summary: '年度工作 Work items (due: not done and due within N days)',
    tags: TAGS,
    query: workItemListQuerySchema,
    handler: ({ query, actor }) => listWorkItems(db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/work-items/:id/complete`,
    access: 'user',
    summary: '年度工作完成 Record a work item done, with its evidence',
    tags: TAGS,
    params: idParams,
    body: officialWorkDoneSchema,
    handler: ({ params, body, actor }) => completeWorkItem(db, actor, params.id, body),
  });

  // ---- triggers ----
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/triggers`,
    access: 'user',
    summary: '约谈情形 Which governments below must be summoned, and why',
    tags: TAGS,
    query: triggerListQuerySchema,
    handler: ({ query, actor }) => listTriggers(db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/triggers/decide`,
    access: 'user',
    summary: '约谈情形决定 Summon (opens a draft 约谈) or not (with the reason)',
    tags: TAGS,
    body: z.unknown(),
    handler: ({ body, actor }) => decideTrigger(db, actor, body),
  });

  // ---- 约谈 / 黄牌 / 通报 ----
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/records`,
    access: 'user',
    summary: '约谈、黄牌警示、通报 Interviews, yellow cards and circulars issued in the jurisdiction',
    tags: TAGS,
    query: recordListQuerySchema,
    handler: ({ query, actor }) => listRecords(db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/records`,
    access: 'user',
    summary: '起草约谈/黄牌/通报 Draft a record',
    tags: TAGS,
    body: recordCreateSchema,
    status: 201,
    handler: ({ body, actor }) => createRecord(db, actor, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/records/:id`,
    access: 'user',
    summary: '约谈/黄牌/通报详情 A record with its allowed actions',
    tags: TAGS,
    params: idParams,
    handler: ({ params, actor }) => getRecord(db, actor, params.id),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: `${BASE}/records/:id`,
    access: 'user',
    summary: '修改草稿 Edit a draft',
    tags: TAGS,
    params: idParams,
    body: recordEditSchema,
    handler: ({ params, body, actor }) => editRecord(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/records/:id/steps/:action`,
    access: 'user',
    summary: '约谈办理步骤 A step (issue, recordMeeting, receiveReport, followUp, close, cancel, publish)',
    tags: TAGS,
    params: stepParams,
    body: z.unknown(),
    handler: ({ params, body, actor }) => recordStep(db, actor, params.id, params.action, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/records/:id/pdf`,
    access: 'user',
    summary: '约谈通知书/黄牌警示通知书/通报 PDF The issued document',
    tags: TAGS,
    params: idParams,
    handler: async ({ params, actor, reply }) => {
      const { pdf, title } = await recordPdf(db, actor, params.id);
      return sendDownload(reply, pdf, 'application/pdf', `accountability-${params.id.slice(0, 8)}.pdf`, `${title}.pdf`);
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/public/accountability/records',
    access: 'public',
    summary: '公开的约谈、黄牌警示、通报 Published records',
    tags: [...TAGS, 'public'],
    handler: () => publishedRecords(db),
  });

  // ---- 巡查 ----
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/tours`,
    access: 'user',
    summary: '巡查轮次 Inspection tour rounds with their coverage',
    tags: TAGS,
    handler: ({ actor }) => listRounds(db, actor),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/tours`,
    access: 'user',
    summary: '制定巡查计划 Plan a round for a term',
    tags: TAGS,
    body: tourRoundSchema,
    status: 201,
    handler: ({ body, actor }) => createRound(db, actor, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/tours/:id`,
    access: 'user',
    summary: '巡查轮次详情（全覆盖）A round: targets, visits, findings, who is not yet covered',
    tags: TAGS,
    params: idParams,
    handler: ({ params, actor }) => getRound(db, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/tours/:id/targets`,
    access: 'user',
    summary: '添加巡查对象 Add a government or department to a round',
    tags: TAGS,
    params: idParams,
    body: tourTargetSchema,
    status: 201,
    handler: ({ params, body, actor }) => addTarget(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/tour-targets/:id/visit`,
    access: 'user',
    summary: '登记巡查 Record a visit',
    tags: TAGS,
    params: idParams,
    body: tourVisitSchema,
    handler: ({ params, body, actor }) => visitTarget(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/tour-targets/:id/findings`,
    access: 'user',
    summary: '登记巡查问题 Record a finding with its fix deadline',
    tags: TAGS,
    params: idParams,
    body: tourFindingSchema,
    status: 201,
    handler: ({ params, body, actor }) => addFinding(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/tour-findings`,
    access: 'user',
    summary: '巡查问题 Findings (open, overdue)',
    tags: TAGS,
    query: findingListQuerySchema,
    handler: ({ query, actor }) => listFindings(db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/tour-findings/:id/fix`,
    access: 'user',
    summary: '巡查问题整改完成 Close a finding with its fix',
    tags: TAGS,
    params: idParams,
    body: tourFindingFixSchema,
    handler: ({ params, body, actor }) => fixFinding(db, actor, params.id, body),
  });
}

// The HTTP routes of 突发公共卫生事件 (issue 28). Owner: events (聚集性信号、事件分级、报告链、初次/进程/结案报告、密接、任务).
// No SQL here: events-service.ts.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendDownload } from '../../http/download.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { CapabilityDeps } from '../deps.ts';
import { eventReportPdf } from './events-pdf.ts';
import {
  addContact,
  addTask,
  assigneeQuerySchema,
  chainStepBodySchema,
  contactBodySchema,
  createEvent,
  eventCreateSchema,
  eventListQuerySchema,
  fileReport,
  getEvent,
  gradeBodySchema,
  gradeEventCommand,
  linkCase,
  linkCaseBodySchema,
  listAssignees,
  listEvents,
  listTasks,
  recordChainStep,
  reportBodySchema,
  taskAssignSchema,
  taskCommand,
  taskCreateSchema,
  taskDoneSchema,
  taskListQuerySchema,
  transitionEvent,
  versionSchema,
} from './events-service.ts';

const TAGS = ['public-health'];

export function phEventsRoutes(app: FastifyInstance, { db, keyring }: CapabilityDeps) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/health-events',
    access: 'user',
    summary: '突发公共卫生事件 Health events and cluster signals of the jurisdiction',
    tags: TAGS,
    query: eventListQuerySchema,
    handler: ({ query, actor }) => listEvents(db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/health-events',
    access: 'user',
    summary: '登记突发公共卫生事件 Register an event by hand (confirmed)',
    tags: TAGS,
    body: eventCreateSchema,
    status: 201,
    handler: ({ body, actor }) => createEvent(db, actor, keyring, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/health-events/:id',
    access: 'user',
    summary: '事件详情 An event with its chain, reports, cases, contacts (masked) and tasks',
    tags: TAGS,
    params: idParams,
    handler: ({ params, actor }) => getEvent(db, actor, keyring, params.id),
  });
  for (const action of ['confirm', 'dismiss', 'respond'] as const) {
    defineRoute(app, {
      method: 'POST',
      url: `/api/v1/health-events/:id/${action}`,
      access: 'user',
      summary: { confirm: '确认信号 Confirm a signal', dismiss: '排除信号 Dismiss a signal', respond: '启动响应 Start the response' }[
        action
      ],
      tags: TAGS,
      params: idParams,
      body: versionSchema,
      handler: ({ params, body, actor }) => transitionEvent(db, actor, keyring, params.id, action, body.version),
    });
  }
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/health-events/:id/grade',
    access: 'user',
    summary: '事件定级 Grade an event (from facts by the criteria, or chosen)',
    tags: TAGS,
    params: idParams,
    body: gradeBodySchema,
    handler: ({ params, body, actor }) => gradeEventCommand(db, actor, keyring, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/health-events/:id/chain-steps',
    access: 'user',
    summary: '记录报告链 Record the next step of the reporting chain',
    tags: TAGS,
    params: idParams,
    body: chainStepBodySchema,
    handler: ({ params, body, actor }) => recordChainStep(db, actor, keyring, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/health-events/:id/reports',
    access: 'user',
    summary: '事件报告 File an initial, progress or closing report (closing closes the event)',
    tags: TAGS,
    params: idParams,
    body: reportBodySchema,
    handler: ({ params, body, actor }) => fileReport(db, actor, keyring, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/health-events/:id/reports/:reportId/pdf',
    access: 'user',
    summary: '事件报告 PDF The PDF of a filed report with its official number',
    tags: TAGS,
    params: idParams.extend({ reportId: z.uuid() }),
    handler: async ({ params, actor, reply }) => {
      const { pdf, number, title } = await eventReportPdf(db, actor, params.id, params.reportId);
      return sendDownload(
        reply,
        pdf,
        'application/pdf',
        `health-event-report-${params.reportId.slice(0, 8)}.pdf`,
        `${title}-${number}.pdf`,
      );
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/health-events/:id/cases',
    access: 'user',
    summary: '关联病例 Link a case',
    tags: TAGS,
    params: idParams,
    body: linkCaseBodySchema,
    handler: ({ params, body, actor }) => linkCase(db, actor, keyring, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/health-events/:id/contacts',
    access: 'user',
    summary: '登记密切接触者 Register a contact (name and phone sealed)',
    tags: TAGS,
    params: idParams,
    body: contactBodySchema,
    handler: ({ params, body, actor }) => addContact(db, actor, keyring, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/health-events/:id/tasks',
    access: 'user',
    summary: '新建任务 Add a task to the event',
    tags: TAGS,
    params: idParams,
    body: taskCreateSchema,
    handler: ({ params, body, actor }) => addTask(db, actor, keyring, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/health-tasks',
    access: 'user',
    summary: '公共卫生任务 Tasks of the jurisdiction (流调、采样、随访) by status, kind, event, mine, overdue',
    tags: TAGS,
    query: taskListQuerySchema,
    handler: ({ query, actor }) => listTasks(db, actor, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/health-tasks/assignees',
    access: 'user',
    summary: '可分派人员 Users who may take a task of a region',
    tags: TAGS,
    query: assigneeQuerySchema,
    handler: ({ query, actor }) => listAssignees(db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/health-tasks/:id/assign',
    access: 'user',
    summary: '分派任务 Assign a task to a user of its region',
    tags: TAGS,
    params: idParams,
    body: taskAssignSchema,
    handler: ({ params, body, actor }) => taskCommand(db, actor, params.id, 'assign', body),
  });
  for (const action of ['done', 'cancel'] as const) {
    defineRoute(app, {
      method: 'POST',
      url: `/api/v1/health-tasks/:id/${action}`,
      access: 'user',
      summary: action === 'done' ? '完成任务 Mark a task done' : '取消任务 Cancel a task',
      tags: TAGS,
      params: idParams,
      body: taskDoneSchema,
      handler: ({ params, body, actor }) => taskCommand(db, actor, params.id, action, body),
    });
  }
}

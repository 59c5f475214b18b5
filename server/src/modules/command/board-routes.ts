// The HTTP routes of 指挥中心 (issue 28). Owner: board (信号汇集、收集→分析→研判→推送→核查→反馈闭环、12345 来电、地图看板).
// No SQL here: board-service.ts.
import type { FastifyInstance } from 'fastify';
import { defineRoute, idParams } from '../../http/route.ts';
import type { CapabilityDeps } from '../deps.ts';
import {
  actionBodySchema,
  actOnSignal,
  boardQuerySchema,
  createHotlineCall,
  getBoard,
  getSignal,
  hotlineBodySchema,
} from './board-service.ts';

const TAGS = ['command'];

export function cmBoardRoutes(app: FastifyInstance, { db, keyring }: CapabilityDeps) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/command/signals',
    access: 'user',
    summary: '指挥看板 The board of the jurisdiction: a page of open signals, counts per stage, type and region, map points (capped)',
    tags: TAGS,
    query: boardQuerySchema,
    handler: ({ query, actor }) => getBoard(db, actor, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/command/signals/:id',
    access: 'user',
    summary: '指挥信号详情 A signal with its loop steps, allowed actions and the link to its source',
    tags: TAGS,
    params: idParams,
    handler: ({ params, actor }) => getSignal(db, keyring, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/command/signals/:id/actions',
    access: 'user',
    summary: '闭环操作 Take a step of the loop (analyse, judge, dismiss, push, feedback, rejectFeedback, verify, close)',
    tags: TAGS,
    params: idParams,
    body: actionBodySchema,
    handler: ({ params, body, actor }) => actOnSignal(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/command/hotline',
    access: 'user',
    summary: '登记 12345 来电 Enter a 12345 call on the caller’s behalf (the caller sealed); it becomes a signal',
    tags: TAGS,
    body: hotlineBodySchema,
    status: 201,
    handler: ({ body, actor }) => createHotlineCall(db, keyring, actor, body),
  });
}

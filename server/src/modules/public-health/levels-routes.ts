// The HTTP routes of 风险等级 (issue 28). Owner: levels (地区风险等级规则、建议、确认、历史、公告、公开地图).
// No SQL here: levels-service.ts. The public data is /api/v1/open/health-risk (no login; no person).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendDownload } from '../../http/download.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { CapabilityDeps } from '../deps.ts';
import { bundledBoundaries, uploadedBoundaries } from '../regions/store.ts';
import {
  announcementPdf,
  boardQuerySchema,
  changeBodySchema,
  changeLevel,
  confirmBodySchema,
  confirmProposal,
  levelBoard,
  listProposals,
  openAnnouncementPdf,
  openHealthRisk,
  openQuerySchema,
  proposalListQuerySchema,
  recompute,
  recomputeBodySchema,
  regionHistory,
} from './levels-service.ts';

const BASE = '/api/v1/risk-levels';
const regionParams = z.object({ code: z.string().regex(/^\d{12}$/, '地区代码格式不正确||Invalid region code') });

export function phLevelsRoutes(app: FastifyInstance, { db }: CapabilityDeps) {
  defineRoute(app, {
    method: 'GET',
    url: BASE,
    access: 'user',
    summary: '风险等级看板 Every county and township in scope with its level, the pending proposals, the rule set',
    tags: ['publicHealth'],
    query: boardQuerySchema,
    handler: ({ query, actor }) => levelBoard(db, actor, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/proposals`,
    access: 'user',
    summary: '待确认的调整建议 The pending proposals in scope; mine=1: those this user may confirm',
    tags: ['publicHealth'],
    query: proposalListQuerySchema,
    handler: ({ query, actor }) => listProposals(db, actor, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/recompute`,
    access: 'user',
    summary: '重新计算建议 Recompute the proposals from the cases (idempotent)',
    tags: ['publicHealth'],
    body: recomputeBodySchema.optional(),
    handler: ({ body, actor }) => recompute(db, actor, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/proposals/:id/confirm`,
    access: 'user',
    summary: '确认建议 The responsible level confirms a proposal from an effective time (409 when lowering too early)',
    tags: ['publicHealth'],
    params: idParams,
    body: confirmBodySchema.optional(),
    status: 201,
    handler: ({ params, body, actor }) => confirmProposal(db, actor, params.id, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/regions/:code/changes`,
    access: 'user',
    summary: '调整风险等级 Set a level (override: with a reason) from an effective time, with its announcement',
    tags: ['publicHealth'],
    params: regionParams,
    body: changeBodySchema,
    status: 201,
    handler: ({ params, body, actor }) => changeLevel(db, actor, params.code, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/regions/:code/history`,
    access: 'user',
    summary: '等级历史 A region’s levels with their times, confirmers, reasons and announcements',
    tags: ['publicHealth'],
    params: regionParams,
    handler: ({ params, actor }) => regionHistory(db, actor, params.code),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/announcements/:id/pdf`,
    access: 'user',
    summary: '风险等级调整公告 PDF',
    tags: ['publicHealth'],
    params: idParams,
    handler: async ({ params, actor, reply }) => {
      const { pdf, number, title } = await announcementPdf(db, actor, params.id);
      return sendDownload(reply, pdf, 'application/pdf', `risk-level-${params.id.slice(0, 8)}.pdf`, `${title}-${number}.pdf`);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/open/health-risk',
    access: 'public',
    summary: '疫情风险等级（公开）Current levels per county and township, recent announcements; no person, no case',
    tags: ['publicHealth', 'public'],
    query: openQuerySchema,
    handler: ({ query }) => openHealthRisk(db, query),
  });

  // The public map's boundaries (the same as /api/v1/regions/:code/boundaries, which needs a login):
  // region outlines only, no person and no case.
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/open/health-risk/boundaries/:code',
    access: 'public',
    summary: '公开地图的下级区划边界（GeoJSON）Boundaries of the child regions for the public risk map',
    tags: ['publicHealth', 'public'],
    params: regionParams,
    handler: async ({ params, reply }) => {
      const found = (await uploadedBoundaries(db, params.code)) ?? bundledBoundaries(params.code);
      if (!found) throw notFound();
      reply.header('cache-control', 'public, max-age=300');
      // Who uploaded them is not for the public.
      return { region: found.region, source: found.source, geojson: found.geojson };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/open/health-risk/announcements/:id/pdf',
    access: 'public',
    summary: '风险等级调整公告 PDF（公开）',
    tags: ['publicHealth', 'public'],
    params: idParams,
    handler: async ({ params, reply }) => {
      const { pdf, number, title } = await openAnnouncementPdf(db, params.id);
      return sendDownload(reply, pdf, 'application/pdf', `risk-level-${params.id.slice(0, 8)}.pdf`, `${title}-${number}.pdf`);
    },
  });
}

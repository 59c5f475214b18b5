// Enforcement statistics (执法统计): per jurisdiction and period, by child region, month or industry,
// as JSON and as Excel; and the monthly case report (执法案例月度报告) as a PDF. Queries in stats.ts.
import { enforcementStatsQuerySchema, enforcementStatsSchema, monthlyReportQuerySchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/db.ts';
import { sendDownload, sendXlsx } from '../../http/download.ts';
import { defineRoute } from '../../http/route.ts';
import { enforcementStats, monthlyReport, statsXlsx } from './stats.ts';

export function statsRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/stats',
    access: 'user',
    summary:
      '执法统计（辖区、期间；按下级区划、月份或行业：检查、隐患、立案率、处罚率、罚款、停产整顿、移送、计划与明查暗访完成率）Enforcement statistics',
    tags: ['enforcement'],
    query: enforcementStatsQuerySchema,
    response: enforcementStatsSchema,
    handler: ({ query, actor }) => enforcementStats(db, actor, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/stats.xlsx',
    access: 'user',
    summary: '导出执法统计（Excel：统计表与指标说明）Enforcement statistics as Excel',
    tags: ['enforcement'],
    query: enforcementStatsQuerySchema,
    handler: async ({ query, actor, reply }) => {
      const stats = await enforcementStats(db, actor, query);
      sendXlsx(reply, await statsXlsx(stats), 'enforcement-stats.xlsx', `${stats.department?.name ?? stats.region.name}执法统计`);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/monthly-report.pdf',
    access: 'user',
    summary: '执法案例月度报告（PDF：本月数据与作出处罚决定的案件）Monthly enforcement case report',
    tags: ['enforcement'],
    query: monthlyReportQuerySchema,
    handler: async ({ query, actor, reply }) => {
      const r = await monthlyReport(db, actor, query);
      sendDownload(reply, r.pdf, 'application/pdf', `monthly-report-${query.month}.pdf`, r.fileName);
    },
  });
}

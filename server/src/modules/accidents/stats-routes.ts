// Accident statistics (事故统计): per jurisdiction and period, by child region, statistical
// industry, type, grade or month, with the same period last year and 双下降; the monthly trend; the
// 较大及以上 list; the Excel table. Queries in stats.ts, the workbook in stats-excel.ts.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/db.ts';
import { sendXlsx } from '../../http/download.ts';
import { defineRoute } from '../../http/route.ts';
import {
  accidentSeriousQuerySchema,
  accidentSeriousSchema,
  accidentStats,
  accidentStatsQuerySchema,
  accidentStatsSchema,
  accidentTrend,
  accidentTrendQuerySchema,
  accidentTrendSchema,
  publicStats,
  seriousAccidents,
} from './stats.ts';
import { statsTitle, statsXlsx } from './stats-excel.ts';

export function statsRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/accidents/stats',
    access: 'user',
    summary: '事故统计（辖区、期间；按下级区划、行业、类别、等级或月份；同比与“双下降”）Accident statistics',
    tags: ['accidents'],
    query: accidentStatsQuerySchema,
    response: accidentStatsSchema,
    handler: async ({ query, actor }) => publicStats(await accidentStats(db, actor, query)),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/accidents/stats/trend',
    access: 'user',
    summary: '事故月度趋势（起数、死亡人数）Monthly accident trend',
    tags: ['accidents'],
    query: accidentTrendQuerySchema,
    response: accidentTrendSchema,
    handler: ({ query, actor }) => accidentTrend(db, actor, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/accidents/stats/serious',
    access: 'user',
    summary: '较大及以上事故清单 Major and more serious accidents of a period',
    tags: ['accidents'],
    query: accidentSeriousQuerySchema,
    response: accidentSeriousSchema,
    handler: ({ query, actor }) => seriousAccidents(db, actor, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/accidents/stats.xlsx',
    access: 'user',
    summary: '导出事故统计表（Excel）Accident statistics as Excel',
    tags: ['accidents'],
    query: accidentStatsQuerySchema,
    handler: async ({ query, actor, reply }) => {
      const stats = await accidentStats(db, actor, query);
      sendXlsx(reply, await statsXlsx(stats), 'accident-stats.xlsx', statsTitle(stats));
    },
  });
}

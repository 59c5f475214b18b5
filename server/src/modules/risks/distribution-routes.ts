// Regional risk distribution for supervisors (区域风险分布): by sub-region, by industry section,
// and the enterprises behind them (drill-down). The counting is in distribution-store.ts.
import { riskDistributionSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/db.ts';
import { readScoped } from '../../db/scope.ts';
import { defineRoute } from '../../http/route.ts';
import { riskDistribution, riskDistributionQuery } from './distribution-store.ts';

export function distributionRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/risk-distribution',
    access: 'user',
    summary: '区域风险分布（按下级区划、行业；可下钻到企业）Regional risk distribution',
    tags: ['risks'],
    query: riskDistributionQuery,
    response: riskDistributionSchema,
    handler: async ({ query, actor }) => readScoped(db, actor.scope, (tx) => riskDistribution(tx, query)),
  });
}

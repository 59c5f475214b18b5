// Reference tables the UI needs: GB/T 4754 industries, high-risk fields, roles.
import { HIGH_RISK_LABELS, INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS, ROLE_LABELS } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../http/route.ts';

export function referenceRoutes(app: FastifyInstance) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/reference',
    access: 'public',
    summary: '参考数据：行业分类、高危行业、角色 Reference data',
    tags: ['reference'],
    handler: async () => ({
      industrySections: INDUSTRY_SECTIONS,
      industryDivisions: INDUSTRY_DIVISIONS,
      highRiskFlags: Object.entries(HIGH_RISK_LABELS).map(([code, l]) => ({ code, ...l })),
      roles: Object.entries(ROLE_LABELS).map(([code, l]) => ({ code, ...l })),
    }),
  });
}

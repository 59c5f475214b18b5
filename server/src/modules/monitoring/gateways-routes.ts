// Gateway credentials' routes: the list (an enterprise's own, or all for the platform admin),
// issue, revoke. Commands in gateways.ts.
import {
  canSeeGatewayConnections,
  canSeeGateways,
  gatewayCredentialInputSchema,
  gatewayCredentialListSchema,
  gatewayCredentialSchema,
  issuedGatewayCredentialSchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/db.ts';
import { readScoped, withScope } from '../../db/scope.ts';
import { forbidden } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { GatewayAuth } from './gateway-auth.ts';
import { issueCredential, revokeCredential, toCredential } from './gateways.ts';
import { listCredentials } from './gateways-store.ts';

export function gatewayRoutes(app: FastifyInstance, db: Db, auth: GatewayAuth) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/gateway-credentials',
    access: 'user',
    summary: '数据接入凭证（企业看本企业，平台管理员看全部）Gateway credentials',
    tags: ['monitoring'],
    response: gatewayCredentialListSchema,
    handler: async ({ actor }) => {
      if (!canSeeGateways(actor)) throw forbidden();
      const rows = await readScoped(db, actor.scope, listCredentials);
      return {
        items: rows.map((r) => toCredential(r, actor)),
        connections: canSeeGatewayConnections(actor) ? auth.connections : undefined,
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/gateway-credentials',
    access: 'user',
    summary: '签发数据接入凭证（密钥只显示这一次）Issue a gateway credential',
    tags: ['monitoring'],
    body: gatewayCredentialInputSchema,
    status: 201,
    response: issuedGatewayCredentialSchema,
    handler: async ({ body, actor }) => {
      const { row, secret } = await withScope(db, actor.scope, (tx) => issueCredential(tx, actor, body));
      // The only time the secret leaves the server.
      return { ...toCredential(row, actor), password: secret };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/gateway-credentials/:id/revoke',
    access: 'user',
    summary: '吊销数据接入凭证（已连接的网关立即断开）Revoke a gateway credential',
    tags: ['monitoring'],
    params: idParams,
    response: gatewayCredentialSchema,
    handler: async ({ params, actor }) => {
      const revoked = await withScope(db, actor.scope, (tx) => revokeCredential(tx, actor, params.id));
      auth.disconnect(revoked.id);
      return toCredential(revoked, actor);
    },
  });
}

// Routes declared with zod schemas: the schema validates the request, shapes the response and is
// published as OpenAPI (converted with z.toJSONSchema). Fastify's own validation is switched off
// so that every bad input gets the same bilingual 400.

import type { Actor } from '@taishan/domain';
import { fieldMessages } from '@taishan/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from './errors.ts';

// The request's user, set by the session hook in app.ts; declared here where routes read it.
declare module 'fastify' {
  interface FastifyRequest {
    actor: (Actor & { displayName: string }) | null;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call: public (no account), any logged-in user (finer rules live in policies), or
 * userOrGateway: a user, or a data gateway with its credential (the handler checks which; its
 * `actor` is then null).
 */
export type Access = 'public' | 'user' | 'userOrGateway';

export type RouteDef<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType, R extends z.ZodType> = {
  method: Method;
  url: string;
  access: Access;
  summary: string;
  tags?: string[];
  body?: B;
  query?: Q;
  params?: P;
  response?: R;
  /** Success status (default 200). */
  status?: number;
  handler: (ctx: {
    body: z.output<B>;
    query: z.output<Q>;
    params: z.output<P>;
    actor: Actor;
    req: FastifyRequest;
    reply: FastifyReply;
  }) => Promise<z.input<R> | undefined>;
};

/** Every registered route and its access, for the route-permission snapshot test. */
export const routeRegistry: { method: Method; url: string; access: Access }[] = [];

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.output<T> {
  if (!schema) return undefined as z.output<T>;
  const r = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!r.success) {
    throw new AppError('validation_error', undefined, fieldMessages(r.error.issues));
  }
  return r.data;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  try {
    return z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function defineRoute<
  B extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  P extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType = z.ZodUnknown,
>(app: FastifyInstance, def: RouteDef<B, Q, P, R>) {
  routeRegistry.push({ method: def.method, url: def.url, access: def.access });
  const schema: Record<string, unknown> = { summary: def.summary, tags: def.tags };
  if (def.body) schema.body = jsonSchema(def.body, 'input');
  if (def.query) schema.querystring = jsonSchema(def.query, 'input');
  if (def.params) schema.params = jsonSchema(def.params, 'input');
  if (def.response) schema.response = { [def.status ?? 200]: jsonSchema(def.response, 'output') };
  app.route({
    method: def.method,
    url: def.url,
    schema,
    config: { access: def.access },
    handler: async (req, reply) => {
      const actor = req.actor;
      if (def.access === 'user' && !actor) throw new AppError('unauthenticated');
      // No session and no credential at all: 401 before the body is looked at.
      if (def.access === 'userOrGateway' && !actor && !req.headers.authorization) throw new AppError('unauthenticated');
      const body = parse(def.body, req.body, 'body');
      const query = parse(def.query, req.query, 'query');
      const params = parse(def.params, req.params, 'params');
      const result = await def.handler({ body, query, params, actor: actor as Actor, req, reply });
      if (reply.sent) return reply;
      reply.code(def.status ?? 200);
      // Responses go out through their schema too: unknown fields never leak.
      return def.response && result !== undefined ? def.response.parse(result) : (result ?? null);
    },
  });
}

export const idParams = z.object({ id: z.uuid({ message: '编号格式不正确||Invalid id' }) });

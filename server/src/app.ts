// Builds the Fastify app from its modules. No side effects on import: main.ts and the tests call
// buildApp() with an open database.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { auditRoutes } from './audit/routes.ts';
import { DEFAULT_LIMITS, databaseRateLimitStore, type Limits, loadSourceKeys } from './auth/limits.ts';
import { authRoutes, type CookieSecure } from './auth/routes.ts';
import { actorForSession, SESSION_COOKIE } from './auth/sessions.ts';
import type { Db } from './db/db.ts';
import { AppError, errorBody, langOf } from './http/errors.ts';
import { registerAccidents } from './modules/accidents/index.ts';
import { registerAccountability } from './modules/accountability/index.ts';
import { registerCalculators } from './modules/calculators/index.ts';
import { registerCalendar } from './modules/calendar/index.ts';
import { registerCommand } from './modules/command/index.ts';
import { registerCredit } from './modules/credit/index.ts';
import { registerDepartments } from './modules/departments/index.ts';
import type { CapabilityDeps } from './modules/deps.ts';
import { registerEmergency } from './modules/emergency/index.ts';
import { registerEnforcement } from './modules/enforcement/index.ts';
import { registerEnterprises } from './modules/enterprises/index.ts';
import { registerHazards } from './modules/hazards/index.ts';
import { registerHealth } from './modules/health/index.ts';
import { registerMonitoring } from './modules/monitoring/index.ts';
import { registerPeople } from './modules/people/index.ts';
import { registerPublicHealth } from './modules/public-health/index.ts';
import { registerRegions } from './modules/regions/index.ts';
import { registerRisks } from './modules/risks/index.ts';
import { registerSettings } from './modules/settings/index.ts';
import { registerUsers } from './modules/users/index.ts';
import { registerWhistleblowing } from './modules/whistleblowing/index.ts';
import { type Keyring, loadKeyring, reportKeyFile } from './modules/whistleblowing/keyring.ts';
import { Workbench } from './modules/workbench/registry.ts';
import { workbenchRoutes } from './modules/workbench/routes.ts';
import { localFileStore } from './storage/files.ts';

export type AppOptions = {
  db: Db;
  logger?: boolean;
  /** Folder of the built web UI to serve at /, if present. */
  webDist?: string;
  /** Session cookies `Secure`: always, never, or 'auto' (default): when the request came over HTTPS. */
  cookieSecure?: CookieSecure;
  /** Fastify's trustProxy (TRUST_PROXY): true, or the proxies' addresses/CIDRs (comma-separated), whose X-Forwarded-For/-Proto to believe. Default: nobody's. */
  trustProxy?: boolean | string;
  /** Rate limits per source bucket and minute (RATE_LIMIT_LOGIN, RATE_LIMIT_PUBLIC). */
  limits?: Limits;
  /** The key of the source-bucket hashes (SOURCE_BUCKET_KEY); default one kept in the database. */
  sourceBucketKey?: string;
  bodyLimit?: number;
  /** Where uploaded files live (site plans…): local disk under this folder. */
  filesDir: string;
  /** Keys that seal reporters' content; default: the key file beside the files folder. */
  keyring?: Keyring;
  /** Where log lines go when `logger` is on (stdout by default; tests capture them). */
  logStream?: { write(line: string): void };
  /** TAISHAN_INSTANCE: names this process in every log line (several processes, one database). */
  instance?: string;
};

declare module 'fastify' {
  interface FastifyInstance {
    /** The workbench (工作台): capabilities register what waits for a user here. */
    workbench: Workbench;
  }
}

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { db } = opts;
  const app = Fastify({
    logger: opts.logger
      ? {
          // Never log addresses or identifying headers (whistleblower protection is platform-wide).
          serializers: {
            req: (req) => ({ method: req.method, url: req.url.split('?')[0] }),
            res: (res) => ({ statusCode: res.statusCode }),
          },
          ...(opts.logStream ? { stream: opts.logStream } : {}),
          ...(opts.instance ? { base: { instance: opts.instance } } : {}),
        }
      : false,
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    trustProxy: opts.trustProxy ?? false,
    ajv: { customOptions: { strict: false } },
  });

  // zod validates (route.ts); Fastify's compilers only pass values through.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  await app.register(cookie);
  // Headers on every answer, the SPA's pages and the API alike (issue 22, item 10). antd writes
  // its CSS-in-JS as <style> elements, hence 'unsafe-inline' for styles only; scripts come from
  // this origin alone (the web sets zod jitless, so nothing needs eval).
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // No page or API response tells another site where the user came from (reporters above all).
    referrerPolicy: { policy: 'no-referrer' },
    // Pages open files (photos, PDFs) from this origin only; nothing is embedded cross-origin.
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
  });
  // Rate limits in the database, so every process counts the same; keyed by the source bucket
  // (a 16-bit keyed hash of the address), never by an address. Only logins and the public report
  // routes are limited; the rest need a session.
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const sourceKeys = await loadSourceKeys(db, opts.sourceBucketKey);
  // The public reads: /api/public/… and the published risk levels, /api/v1/open/… (issue 28).
  const isPublicApi = (url: string) => url.startsWith('/api/public/') || url.startsWith('/api/v1/open/');
  const limitedAs = (url: string) => (url.startsWith('/api/v1/auth/login') ? 'login' : isPublicApi(url) ? 'public' : null);
  await app.register(rateLimit, {
    global: true,
    timeWindow: 60_000,
    store: databaseRateLimitStore(db),
    allowList: (req) => limitedAs(req.url) === null,
    keyGenerator: (req) => `${limitedAs(req.url)}:${sourceKeys.bucket(req.ip)}`,
    max: (req) => (limitedAs(req.url) === 'login' ? limits.login : limits.public),
    errorResponseBuilder: () => new AppError('rate_limited', { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' }),
  });
  // A NUL byte has no place in a query string (PostgreSQL refuses it in text): 400, not 500.
  app.addHook('onRequest', async (req) => {
    const q = req.url.indexOf('?');
    if (q >= 0 && /%00|\0/i.test(req.url.slice(q))) {
      throw new AppError('validation_error', undefined, { query: { zh: '查询参数含有空字符', en: 'The query string holds a NUL byte' } });
    }
  });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Taishan 泰山 API', version: '0.1.0', description: '安全生产与应急管理平台 Work-safety and emergency governance' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    // Public report calls never look at a session, even if the reporter's browser has one.
    if (token && req.url.startsWith('/api/') && !isPublicApi(req.url)) req.actor = await actorForSession(db, token);
  });
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/') || req.url.startsWith('/report')) reply.header('Cache-Control', 'no-store');
  });

  app.setErrorHandler((err, req, reply) => {
    const lang = langOf(req.headers['accept-language']);
    const appErr = toAppError(err);
    if (appErr.code === 'internal') req.log.error({ err }, 'unhandled error');
    reply.code(appErr.status).send(errorBody(appErr, lang));
  });
  app.setNotFoundHandler((req, reply) => {
    if (!req.url.startsWith('/api/') && opts.webDist && existsSync(join(opts.webDist, 'index.html'))) {
      // Client-side routes: the SPA decides. The public report pages and the login have a light
      // entry of their own (README "Web delivery"), when the build has one.
      const page = isLightPage(req.url) && existsSync(join(opts.webDist, 'public.html')) ? 'public.html' : 'index.html';
      return reply.type('text/html').header('Cache-Control', 'no-cache').sendFile(page);
    }
    reply.code(404).send(errorBody(new AppError('not_found'), langOf(req.headers['accept-language'])));
  });

  authRoutes(app, db, { cookieSecure: opts.cookieSecure ?? 'auto', sourceKeys });
  auditRoutes(app, db);
  // One line per capability (server/src/modules/<cap>/index.ts). A capability's waiting items go
  // on the 工作台 in the order registered here: hazards first, the directory's last.
  const workbench = new Workbench();
  const deps: CapabilityDeps = {
    db,
    files: localFileStore(opts.filesDir),
    keyring: opts.keyring ?? loadKeyring(reportKeyFile(opts.filesDir)),
    workbench,
  };
  registerHealth(app, deps);
  registerRegions(app, deps);
  registerDepartments(app, deps);
  registerUsers(app, deps);
  registerCalculators(app, deps);
  registerCalendar(app, deps);
  registerSettings(app, deps);
  registerHazards(app, deps);
  registerEnforcement(app, deps);
  registerAccidents(app, deps);
  registerCredit(app, deps);
  registerAccountability(app, deps);
  registerPeople(app, deps);
  registerEmergency(app, deps);
  registerPublicHealth(app, deps);
  registerCommand(app, deps);
  registerWhistleblowing(app, deps);
  await registerMonitoring(app, deps);
  registerRisks(app, deps);
  registerEnterprises(app, deps);
  app.decorate('workbench', workbench);
  workbenchRoutes(app, db, workbench);

  if (opts.webDist && existsSync(opts.webDist)) {
    // Web delivery (README): the build writes .br/.gz beside each asset, sent as the browser accepts;
    // hashed /assets/* never change under their name (a year, immutable), index.html is revalidated.
    await app.register(fastifyStatic, {
      root: opts.webDist,
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  return app;
}

/**
 * The addresses of the web's light entry (public.html): the public report pages and the login;
 * `/reports…` and `/report-stats` are the handlers' pages, in the app. The same test as web/vite.config.ts.
 */
export const isLightPage = (url: string) =>
  /^\/(report(\/[^?#]*)?|login|open\/enforcement|open\/accidents|open\/blacklist|open\/health-risk)([?#]|$)/.test(url);

/** Map anything thrown to an AppError; unknown errors become 500 without details. */
function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; statusCode?: number; validation?: unknown };
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
      return new AppError('payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type');
    case '23505': // unique_violation
      return new AppError('conflict');
    case '23503': // foreign_key_violation: the record is still referenced (e.g. an enterprise with accounts)
      return new AppError('conflict', {
        zh: '该记录仍被其他数据引用，不能删除',
        en: 'The record is still referenced and cannot be deleted',
      });
    case '42501': // insufficient_privilege: row-level security refused a write the first wall missed
      return new AppError('not_found');
    case '22008': // datetime_field_overflow: a date the schema let through (year 0000 is ISO 8601) PostgreSQL cannot hold
    case '22007': // invalid_datetime_format
      return new AppError('validation_error', { zh: '日期或时间超出范围', en: 'A date or time is out of range' });
    case '40P01': // deadlock_detected: two requests took the same rows in opposite orders; nothing was written
      return new AppError('conflict', {
        zh: '记录正被他人同时处理，请重试',
        en: 'Someone else changed these records at the same time; try again',
      });
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    // Malformed JSON, empty body with a JSON content type, bad multipart and similar client errors.
    return new AppError('validation_error', {
      zh: '请求格式不正确',
      en: (err as Error).message || 'Malformed request',
    });
  }
  return new AppError('internal');
}

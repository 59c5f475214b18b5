// The settings registry (系统设置): read by anyone logged in (each setting with its national value,
// the province's override, the value in force and what the caller may do); the national value set
// by the platform admin, a province's override also by that province's supervisor; `public`
// settings (the 审图号) readable without a login.
import {
  provinceCodeSchema,
  publicSettingSchema,
  settingsQuerySchema,
  settingsResponseSchema,
  settingUpdateSchema,
  settingViewSchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { defineRoute } from '../../http/route.ts';
import { listSettings, publicSetting, removeOverride, updateSetting } from './service.ts';

const keyParams = z.object({ key: z.string().min(1).max(100) });

export function settingsRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/settings',
    access: 'user',
    summary: '系统设置（全国值、省级覆盖值与生效值）Settings: national value, a province’s override, the value in force',
    tags: ['settings'],
    query: settingsQuerySchema,
    response: settingsResponseSchema,
    handler: ({ query, actor }) => listSettings(db, actor, query.province),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/v1/settings/:key',
    access: 'user',
    summary: '修改设置（全国值：平台管理员；省级：管理员或本省监管人员）Set a setting',
    tags: ['settings'],
    params: keyParams,
    body: settingUpdateSchema,
    response: settingViewSchema,
    handler: ({ params, body, actor }) => updateSetting(db, actor, params.key, body),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/settings/:key',
    access: 'user',
    summary: '删除省级设置，恢复全国值 Remove a province’s override',
    tags: ['settings'],
    params: keyParams,
    query: z.object({ province: provinceCodeSchema, version: z.coerce.number().int().optional() }),
    status: 204,
    handler: async ({ params, query, actor }) => {
      await removeOverride(db, actor, params.key, query.province, query.version);
      return undefined;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/settings/public/:key',
    access: 'public',
    summary: '公开设置（如审图号），无需登录 A public setting (e.g. the map approval number)',
    tags: ['settings'],
    params: keyParams,
    query: settingsQuerySchema,
    response: publicSettingSchema,
    handler: ({ params, query }) => publicSetting(db, params.key, query.province),
  });
}

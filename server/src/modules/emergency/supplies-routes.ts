// The HTTP routes of 应急物资 (issue 27). Owner: supplies (分类编码、物资、仓库、库存批次、台账).
// No SQL here: supplies-service.ts (reads, commands) and supplies-ledger.ts (the stock movements).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams } from '../../http/route.ts';
import type { CapabilityDeps } from '../deps.ts';
import {
  alertQuerySchema,
  countStock,
  createCategory,
  createItem,
  createWarehouse,
  getWarehouse,
  itemListQuerySchema,
  listAlerts,
  listCategories,
  listItems,
  listMovements,
  listWarehouses,
  movementListQuerySchema,
  postWarehouseMovement,
  setMinimum,
  stockByCategory,
  stockByCategoryQuerySchema,
  stockItems,
  stockItemsQuerySchema,
  transferStock,
  updateItem,
  updateWarehouse,
  warehouseListQuerySchema,
} from './supplies-service.ts';

const BASE = '/api/v1/supplies';
const tags = ['supplies'];

export function suppliesRoutes(app: FastifyInstance, { db }: CapabilityDeps) {
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/categories`,
    access: 'user',
    summary: '应急物资分类（GB/T 38565）The category tree; seeded sub-categories are provisional',
    tags,
    handler: ({ actor }) => listCategories(db, actor),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/categories`,
    access: 'user',
    summary: '新增分类 The province adds a category under the 7-digit code rule',
    tags,
    body: z.unknown(),
    status: 201,
    handler: ({ body, actor }) => createCategory(db, actor, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/items`,
    access: 'user',
    summary: '物资品种 The item catalogue, by category',
    tags,
    query: itemListQuerySchema,
    handler: ({ query, actor }) => listItems(db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/items`,
    access: 'user',
    summary: '新增物资品种 An item with unit, pack and whole-units rule',
    tags,
    body: z.unknown(),
    status: 201,
    handler: ({ body, actor }) => createItem(db, actor, body),
  });
  defineRoute(app, {
    method: 'PUT',
    url: `${BASE}/items/:id`,
    access: 'user',
    summary: '修改物资品种 Edit an item (at its version)',
    tags,
    params: idParams,
    body: z.unknown(),
    handler: ({ params, body, actor }) => updateItem(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/warehouses`,
    access: 'user',
    summary: '储备仓库 Warehouses seen (own, and the reserves of the levels above), with allowedActions',
    tags,
    query: warehouseListQuerySchema,
    handler: ({ query, actor }) => listWarehouses(db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/warehouses`,
    access: 'user',
    summary: '新增仓库 A government reserve, enterprise or social stock in the jurisdiction',
    tags,
    body: z.unknown(),
    status: 201,
    handler: ({ body, actor }) => createWarehouse(db, actor, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/warehouses/:id`,
    access: 'user',
    summary: '仓库详情 A warehouse with its batches, minimums and allowedActions',
    tags,
    params: idParams,
    handler: ({ params, actor }) => getWarehouse(db, actor, params.id),
  });
  defineRoute(app, {
    method: 'PUT',
    url: `${BASE}/warehouses/:id`,
    access: 'user',
    summary: '修改仓库 Edit a warehouse (at its version)',
    tags,
    params: idParams,
    body: z.unknown(),
    handler: ({ params, body, actor }) => updateWarehouse(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/warehouses/:id/movements`,
    access: 'user',
    summary: '台账 The warehouse ledger, newest first, each line with the batch balance after it',
    tags,
    params: idParams,
    query: movementListQuerySchema,
    handler: ({ params, query, actor }) => listMovements(db, actor, params.id, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/warehouses/:id/movements`,
    access: 'user',
    summary: '入库/出库 In or out (FEFO without a batch); 409 names the balance when stock would go below zero',
    tags,
    params: idParams,
    body: z.unknown(),
    status: 201,
    handler: ({ params, body, actor }) => postWarehouseMovement(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/warehouses/:id/counts`,
    access: 'user',
    summary: '盘点 The counted quantity of a batch; the difference is an adjustment with its reason',
    tags,
    params: idParams,
    body: z.unknown(),
    handler: ({ params, body, actor }) => countStock(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/warehouses/:id/transfers`,
    access: 'user',
    summary: '库间调拨 Transfer to another warehouse of the same keeper (batches and expiry kept)',
    tags,
    params: idParams,
    body: z.unknown(),
    status: 201,
    handler: ({ params, body, actor }) => transferStock(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'PUT',
    url: `${BASE}/warehouses/:id/minimums`,
    access: 'user',
    summary: '最低库存 The reorder minimum of an item in the warehouse (0 removes it)',
    tags,
    params: idParams,
    body: z.unknown(),
    handler: ({ params, body, actor }) => setMinimum(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/stock/by-category`,
    access: 'user',
    summary: '按分类汇总库存 Stock summed by category at a level, per unit',
    tags,
    query: stockByCategoryQuerySchema,
    handler: ({ query, actor }) => stockByCategory(db, actor, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/stock/items`,
    access: 'user',
    summary: '按品种汇总库存 Stock per item: total, warehouses, earliest expiry',
    tags,
    query: stockItemsQuerySchema,
    handler: ({ query, actor }) => stockItems(db, actor, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/stock/alerts`,
    access: 'user',
    summary: '库存预警 Batches about to expire, items below their reorder minimum',
    tags,
    query: alertQuerySchema,
    handler: ({ query, actor }) => listAlerts(db, actor, query),
  });
}

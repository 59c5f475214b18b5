// The HTTP routes of 队伍、专家与值班 (issue 27): teams and experts (search by kind/field and by
// straight-line distance), agreements and the units with neither a team nor an agreement, duty
// rosters (week, shifts, copy last week, gaps, on duty now), duty phones, and the public list of duty
// phones (no login; Decree 493 Art. 18). No SQL here: teams-service.ts. Owner: teams (救援队伍、专家、值班).
import {
  agreementBodySchema,
  copyWeekBodySchema,
  dutyPhoneBodySchema,
  expertBodySchema,
  shiftBodySchema,
  teamBodySchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams } from '../../http/route.ts';
import type { CapabilityDeps } from '../deps.ts';
import {
  addShift,
  agreementListQuerySchema,
  copyWeek,
  createAgreement,
  createExpert,
  createTeam,
  dutyNow,
  dutyNowQuerySchema,
  editExpert,
  editTeam,
  endAgreement,
  expertListQuerySchema,
  gapsQuerySchema,
  getExpert,
  getRoster,
  getTeam,
  listAgreements,
  listDutyPhones,
  listExperts,
  listRosterGaps,
  listTeams,
  listUncoveredUnits,
  publicDutyPhones,
  publicDutyPhonesQuerySchema,
  removeShift,
  rosterQuerySchema,
  setDutyPhone,
  teamListQuerySchema,
} from './teams-service.ts';

const TAGS = ['teams'];
const version = z.object({ version: z.number({ message: '缺少版本号||The version is missing' }).int() });

export function teamsRoutes(app: FastifyInstance, { db }: CapabilityDeps) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/teams',
    access: 'user',
    summary: '救援队伍 Teams of the jurisdiction by kind, readiness, text, and straight-line distance from a point, region or accident',
    tags: TAGS,
    query: teamListQuerySchema,
    handler: ({ query, actor }) => listTeams(db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/teams',
    access: 'user',
    summary: '登记救援队伍 Register a team',
    tags: TAGS,
    body: teamBodySchema,
    status: 201,
    handler: ({ body, actor }) => createTeam(db, actor, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/teams/agreements',
    access: 'user',
    summary: '救援协议 Rescue agreements of the jurisdiction (an enterprise: its own)',
    tags: TAGS,
    query: agreementListQuerySchema,
    handler: ({ query, actor }) => listAgreements(db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/teams/agreements',
    access: 'user',
    summary: '登记救援协议 Record a rescue agreement (Decree 708 Art. 10)',
    tags: TAGS,
    body: agreementBodySchema,
    status: 201,
    handler: ({ body, actor }) => createAgreement(db, actor, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/teams/agreements/:id/end',
    access: 'user',
    summary: '终止救援协议 End an agreement',
    tags: TAGS,
    params: idParams,
    handler: ({ params, actor }) => endAgreement(db, actor, params.id),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/teams/uncovered-units',
    access: 'user',
    summary: '无队伍无协议单位 Decree 708 Art. 10 units with neither a team nor an agreement',
    tags: TAGS,
    handler: ({ actor }) => listUncoveredUnits(db, actor),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/teams/:id',
    access: 'user',
    summary: '救援队伍详情 A team with its agreements and allowed actions',
    tags: TAGS,
    params: idParams,
    handler: ({ params, actor }) => getTeam(db, actor, params.id),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/v1/teams/:id',
    access: 'user',
    summary: '修改救援队伍 Change a team (with its version)',
    tags: TAGS,
    params: idParams,
    body: z.intersection(teamBodySchema, version),
    handler: ({ params, body, actor }) => editTeam(db, actor, params.id, body.version, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/experts',
    access: 'user',
    summary: '应急专家 Experts by field, text, and straight-line distance (phones masked for those who may not see them)',
    tags: TAGS,
    query: expertListQuerySchema,
    handler: ({ query, actor }) => listExperts(db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/experts',
    access: 'user',
    summary: '登记应急专家 Register an expert',
    tags: TAGS,
    body: expertBodySchema,
    status: 201,
    handler: ({ body, actor }) => createExpert(db, actor, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/experts/:id',
    access: 'user',
    summary: '专家详情 An expert',
    tags: TAGS,
    params: idParams,
    handler: ({ params, actor }) => getExpert(db, actor, params.id),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/v1/experts/:id',
    access: 'user',
    summary: '修改应急专家 Change an expert (with its version)',
    tags: TAGS,
    params: idParams,
    body: z.intersection(expertBodySchema, version),
    handler: ({ params, body, actor }) => editExpert(db, actor, params.id, body.version, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/duty/roster',
    access: 'user',
    summary: '值班表 A roster’s week: shifts, its duty obligation (Decree 708 Art. 14) and, for a 24-hour roster, its gaps',
    tags: TAGS,
    query: rosterQuerySchema,
    handler: ({ query, actor }) => getRoster(db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/duty/shifts',
    access: 'user',
    summary: '排班 Add a shift (end after start; one person’s shifts do not overlap)',
    tags: TAGS,
    body: shiftBodySchema,
    status: 201,
    handler: ({ body, actor }) => addShift(db, actor, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/duty/shifts/:id',
    access: 'user',
    summary: '删除班次 Remove a shift',
    tags: TAGS,
    params: idParams,
    handler: ({ params, actor }) => removeShift(db, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/duty/copy-week',
    access: 'user',
    summary: '复制上周 Fill a week from the week before (clashing shifts left out)',
    tags: TAGS,
    body: copyWeekBodySchema,
    handler: ({ body, actor }) => copyWeek(db, actor, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/duty/gaps',
    access: 'user',
    summary: '值班空档 The 24-hour rosters with gaps in the next days (own government and units; an enterprise: its own)',
    tags: TAGS,
    query: gapsQuerySchema,
    handler: ({ query, actor }) => listRosterGaps(db, actor, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/duty/now',
    access: 'user',
    summary: '当前值班 Who is on duty now, with phone (own roster, a region’s government, or an accident’s county)',
    tags: TAGS,
    query: dutyNowQuerySchema,
    handler: ({ query, actor }) => dutyNow(db, actor, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/duty/phones',
    access: 'user',
    summary: '值班电话 The duty phones of the jurisdiction',
    tags: TAGS,
    handler: ({ actor }) => listDutyPhones(db, actor),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/v1/duty/phones',
    access: 'user',
    summary: '设置值班电话 Set a government’s or department’s duty phone',
    tags: TAGS,
    body: dutyPhoneBodySchema,
    handler: ({ body, actor }) => setDutyPhone(db, actor, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/public/duty-phones',
    access: 'public',
    summary: '值班电话（公开）Each government’s and department’s published duty phone (Decree 493 Art. 18), no login',
    tags: ['teams', 'public'],
    query: publicDutyPhonesQuerySchema,
    handler: ({ query }) => publicDutyPhones(db, query),
  });
}

// The HTTP routes of 值班与简报 (issue 28): today's duty (who is on duty now, the day's log), the log
// of a day, log entries and the handover, linking a roster shift to a user, the new signals for the
// officer (others after a delay), and the daily briefings (list, generate, download the PDF).
// No SQL here: duty-service.ts. Owner: duty (当日值班员、值班日志、每日简报 PDF、疫情重点场所检查表).
import { briefingBodySchema, dutyEntryBodySchema, dutyHandoverBodySchema, dutyOfficerBodySchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendDownload } from '../../http/download.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { CapabilityDeps } from '../deps.ts';
import {
  addDutyEntry,
  downloadBriefing,
  dutyLogOf,
  dutySignals,
  dutyToday,
  generateBriefing,
  handOverDuty,
  linkDutyOfficer,
  listBriefings,
} from './duty-service.ts';

const TAGS = ['commandDuty'];
const DUTY = '/api/v1/command/duty';
const BRIEF = '/api/v1/command/briefings';

export function cmDutyRoutes(app: FastifyInstance, { db }: CapabilityDeps) {
  defineRoute(app, {
    method: 'GET',
    url: DUTY,
    access: 'user',
    summary: '当日值班 Today’s duty of the jurisdiction: who is on duty now, the day’s shifts and log',
    tags: TAGS,
    handler: ({ actor }) => dutyToday(db, actor),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${DUTY}/log`,
    access: 'user',
    summary: '值班日志 The duty log of a day',
    tags: TAGS,
    query: z.object({ day: briefingBodySchema.shape.day }),
    handler: ({ query, actor }) => dutyLogOf(db, actor, query.day),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${DUTY}/log/entries`,
    access: 'user',
    summary: '记录值班日志 Add an entry to today’s duty log',
    tags: TAGS,
    body: dutyEntryBodySchema,
    status: 201,
    handler: ({ body, actor }) => addDutyEntry(db, actor, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${DUTY}/log/handover`,
    access: 'user',
    summary: '交接班 Hand over today’s duty (closes the log)',
    tags: TAGS,
    body: dutyHandoverBodySchema,
    handler: ({ body, actor }) => handOverDuty(db, actor, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${DUTY}/officers`,
    access: 'user',
    summary: '指定值班员账号 Link a shift of the government roster to a platform user',
    tags: TAGS,
    body: dutyOfficerBodySchema,
    handler: ({ body, actor }) => linkDutyOfficer(db, actor, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${DUTY}/signals`,
    access: 'user',
    summary: '新信号 New signals: the duty officer at once, the others after the delay setting',
    tags: TAGS,
    handler: ({ actor }) => dutySignals(db, actor),
  });
  defineRoute(app, {
    method: 'GET',
    url: BRIEF,
    access: 'user',
    summary: '每日简报 The jurisdiction’s daily briefings',
    tags: TAGS,
    handler: ({ actor }) => listBriefings(db, actor),
  });
  defineRoute(app, {
    method: 'POST',
    url: BRIEF,
    access: 'user',
    summary: '生成每日简报 Generate the daily briefing of a day',
    tags: TAGS,
    body: briefingBodySchema,
    status: 201,
    handler: ({ body, actor }) => generateBriefing(db, actor, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BRIEF}/:id/pdf`,
    access: 'user',
    summary: '每日简报 PDF Download a daily briefing',
    tags: TAGS,
    params: idParams,
    handler: async ({ params, actor, reply }) => {
      const { pdf, number, day } = await downloadBriefing(db, actor, params.id);
      return sendDownload(reply, pdf, 'application/pdf', `briefing-${day}.pdf`, `值班每日简报-${day}-${number}.pdf`);
    },
  });
}

// The PDF of a 突发公共卫生事件报告 (initial, progress or closing; document type phEventReport), in the
// GB/T 9704 notice layout with its official number (frozen when the report was filed). No person
// data: neither the cases' persons nor the contacts appear, only counts. Chinese only: an official
// document. Owner: events.
import type { Actor } from '@taishan/domain';
import type { Db } from '../../db/db.ts';
import { readScoped } from '../../db/scope.ts';
import { documentCounty } from '../../documents/numbers.ts';
import { renderNotice } from '../../documents/official-pdf.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { chineseMinute, iso } from '../../time.ts';
import { mayView } from './events-service.ts';
import { findEvent, reportRows } from './events-store.ts';

const REPORT_ZH: Record<string, string> = { initial: '初次报告', progress: '进程报告', closing: '结案报告' };
const KIND_ZH: Record<string, string> = {
  infectiousOutbreak: '传染病暴发流行',
  unknownCluster: '群体性不明原因疾病',
  pathogenLoss: '菌种毒种丢失',
  foodPoisoning: '食物中毒',
  occupationalPoisoning: '职业中毒',
  other: '其他',
};
const GRADE_ZH: Record<string, string> = { I: 'Ⅰ级（特别重大）', II: 'Ⅱ级（重大）', III: 'Ⅲ级（较大）', IV: 'Ⅳ级（一般）' };
const STATUS_ZH: Record<string, string> = {
  signal: '待确认',
  confirmed: '已确认',
  responding: '响应中',
  closed: '已结案',
  dismissed: '已排除',
};

export async function eventReportPdf(
  db: Db,
  actor: Actor,
  eventId: string,
  reportId: string,
): Promise<{ pdf: Buffer; number: string; title: string }> {
  if (!mayView(actor)) throw forbidden();
  const d = await readScoped(db, actor.scope, async (tx) => {
    const e = await findEvent(tx, eventId);
    if (!e?.region_code.startsWith(actor.scope.regionPrefix)) throw notFound();
    const x = (await reportRows(tx, eventId)).find((r) => r.id === reportId);
    if (!x?.doc_number) throw notFound();
    const county = await documentCounty(tx, e.region_code);
    return { e, x, issuer: `${county.name}卫生健康委员会` };
  });
  const { e, x, issuer } = d;
  const title = `关于${e.title}的${REPORT_ZH[x.kind] ?? '报告'}`;
  const body = [
    `事件编号：${e.number}；事件类别：${KIND_ZH[e.kind] ?? e.kind}${e.disease_name ? `（${e.disease_name}）` : ''}；事件级别：${e.grade ? (GRADE_ZH[e.grade] ?? e.grade) : '尚未定级'}；当前状态：${STATUS_ZH[e.status] ?? e.status}。`,
    `发生地：${e.region_name ?? e.region_code}；发生时间：${chineseMinute(e.occurred_at)}${e.discovered_at ? `；发现时间：${chineseMinute(e.discovered_at)}` : ''}。`,
    `截至报告时，累计发病 ${x.affected} 人，死亡 ${x.deaths} 人。`,
    ...(e.summary && x.kind === 'initial' ? [`事件概况：${e.summary}`] : []),
    ...x.content
      .split(/\n+/)
      .map((p) => p.trim())
      .filter(Boolean),
    `报告人：${x.reported_by_name ?? '—'}；报告时间：${chineseMinute(x.reported_at)}。`,
  ];
  const pdf = await renderNotice({
    issuer,
    number: x.doc_number as string,
    title,
    body,
    signer: issuer,
    date: new Date(iso(x.reported_at) as string),
  });
  return { pdf, number: x.doc_number as string, title };
}

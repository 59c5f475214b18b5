// The 调拨指令 (应急物资调拨指令, document type dispatchOrder): numbered by the shared counter for the
// approving level (the city's own count: documentCounty of its code), frozen at issue, drawn as a
// GB/T 9704 notice. It carries the fields of the local rule (邹城 Art. 3, STANDARDS-NEXT §6.2):
// 接收单位和地点、物资品名、规格、数量、接收方及调拨方联系方式. Chinese only: an official document.
// Owner: dispatch.
import { type Actor, DOCUMENT_TYPES, mayViewDispatch } from '@taishan/domain';
import type { Db } from '../../db/db.ts';
import { readScoped, type Scoped } from '../../db/scope.ts';
import { documentCounty, newDocumentNumber } from '../../documents/numbers.ts';
import { renderNotice } from '../../documents/official-pdf.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { chineseMinute, iso } from '../../time.ts';
import { findRequest, type LineRow, type RequestRow } from './dispatch-store.ts';

const fmt = (n: number | null) => String(Math.round(Number(n ?? 0) * 1000) / 1000);

/** The issuing organ: the approving level's 应急管理局 (the region's own name: 宿迁市应急管理局). */
async function issuerOf(tx: Scoped, regionCode: string): Promise<string> {
  const [r] = await tx.query<{ name: string }>('SELECT name FROM regions WHERE code = $1', [regionCode]);
  return `${r?.name ?? (await documentCounty(tx, regionCode)).name}应急管理局`;
}

export async function issueDispatchOrder(
  tx: Scoped,
  actor: Actor,
  r: RequestRow,
  lines: LineRow[],
  supplier: { contact: string; phone: string },
  now: Date,
): Promise<string> {
  const issuer = await issuerOf(tx, r.supplier_region_code);
  const { number } = await newDocumentNumber(tx, 'dispatchOrder', r.supplier_region_code, DOCUMENT_TYPES.dispatchOrder.pattern, now);
  const approved = lines.filter((l) => Number(l.approved ?? 0) > 0);
  const body = [
    '各有关应急物资储备库：',
    `根据${r.region_name ?? r.region_code}${r.receiver_unit}的${r.via_phone ? '电话紧急' : '书面'}申请（用途：${r.purpose}${r.event_ref ? `；事件：${r.event_ref}` : ''}），经本机关审批，现下达应急物资调拨指令如下：`,
    ...approved.map((l, i) => `${i + 1}. 物资品名：${l.item_name}；规格：${l.spec || '—'}；数量：${fmt(l.approved)}${l.unit}。`),
    `接收单位：${r.receiver_unit}；接收地点：${r.deliver_to}；接收人：${r.receiver_name}，联系电话：${r.receiver_phone}。`,
    `调拨方联系人：${supplier.contact}，联系电话：${supplier.phone}。`,
    `请于${chineseMinute(r.needed_by)}前送达，出库、运输、交接均须逐项登记，接收方按实收数量签收；调拨物资使用后剩余部分应回收入库，消耗部分据实统计，以便补充储备。`,
  ];
  await tx.query(
    `INSERT INTO dispatch_orders (request_id, number, issuer, title, body, issued_by, issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [r.id, number, issuer, DOCUMENT_TYPES.dispatchOrder.zh, JSON.stringify(body), actor.id, now.toISOString()],
  );
  return number;
}

/** The PDF of the issued order (frozen body), for those who may see its request. */
export async function dispatchOrderPdf(db: Db, actor: Actor, requestId: string): Promise<{ pdf: Buffer; number: string; title: string }> {
  if (!mayViewDispatch(actor)) throw forbidden();
  const doc = await readScoped(db, actor.scope, async (tx) => {
    if (!(await findRequest(tx, requestId))) throw notFound();
    const [d] = await tx.query<{ number: string; issuer: string; title: string; body: string[]; issued_at: Date | string }>(
      'SELECT number, issuer, title, body, issued_at FROM dispatch_orders WHERE request_id = $1',
      [requestId],
    );
    if (!d) throw notFound();
    return d;
  });
  const pdf = await renderNotice({
    issuer: doc.issuer,
    number: doc.number,
    title: doc.title,
    body: doc.body,
    signer: doc.issuer,
    date: new Date(iso(doc.issued_at) as string),
  });
  return { pdf, number: doc.number, title: doc.title };
}

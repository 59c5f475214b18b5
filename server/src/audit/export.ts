// The audit log as a workbook for inspectors of the record: Beijing times; actions, object types
// and the accounts that are not a person by their Chinese names (domain/src/audit/actions.ts).
import { actorLabel, auditActionLabel, auditEntityLabel } from '@taishan/domain';
import ExcelJS from 'exceljs';
import { shanghaiTime, todayInShanghai } from '../time.ts';
import type { AuditEvent } from './chain.ts';

export async function auditXlsx(events: AuditEvent[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Taishan 泰山';
  const ws = wb.addWorksheet('审计日志');
  ws.columns = [
    { header: '序号', key: 'seq', width: 8 },
    { header: '时间（北京时间）', key: 'at', width: 20 },
    { header: '操作人', key: 'actor', width: 14 },
    { header: '操作', key: 'action', width: 22 },
    { header: '对象类型', key: 'entityType', width: 14 },
    { header: '对象编号', key: 'entityId', width: 38 },
    { header: '区划代码', key: 'region', width: 14 },
    { header: '哈希', key: 'hash', width: 66 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const e of events) {
    ws.addRow({
      seq: e.seq,
      // A reporter's steps keep only their day (README, public reports): the day, not a midnight.
      at: e.dayOnly ? todayInShanghai(new Date(e.at)) : shanghaiTime(e.at),
      actor: actorLabel(e.actorName, 'zh'),
      action: auditActionLabel(e.action, 'zh'),
      entityType: auditEntityLabel(e.entityType, 'zh'),
      entityId: e.entityId,
      region: e.regionCode,
      hash: e.hash,
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

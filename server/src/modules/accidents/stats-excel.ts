// The accident statistics as the official-looking table regulators file (生产安全事故统计表): per
// row and in total, each measure this period, the same period last year and the change in per
// cent; near-misses and 双下降 stated under the table. Drawn from the same figures as the page.
import { ACCIDENT_MEASURE_LABELS, ACCIDENT_MEASURES, type Change, periodLabel } from '@taishan/domain';
import ExcelJS from 'exceljs';
import { shanghaiTime } from '../../time.ts';
import type { AccidentStatsGroup, AccidentStatsResult } from './stats.ts';

const GROUP_HEADERS: Record<AccidentStatsGroup, string> = {
  region: '区划',
  industry: '统计行业',
  type: '事故类别',
  grade: '事故等级',
  month: '月份',
};

/** The change as the table prints it: +12.5% / -3.0% / — (nothing the year before) / 0. */
export function changeText(c: Change): string {
  if (c.percent === null) return c.current === 0 ? '0' : '—';
  return `${c.percent > 0 ? '+' : ''}${c.percent.toFixed(1)}%`;
}

export const statsTitle = (s: AccidentStatsResult) => `${s.region.name}生产安全事故统计表`;

export async function statsXlsx(s: AccidentStatsResult, now = new Date()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Taishan 泰山';
  const ws = wb.addWorksheet('事故统计');
  const width = 1 + ACCIDENT_MEASURES.length * 3;
  const thin = { style: 'thin' as const };
  const border = { top: thin, left: thin, bottom: thin, right: thin };

  ws.mergeCells(1, 1, 1, width);
  const title = ws.getCell(1, 1);
  title.value = `${statsTitle(s)}（${periodLabel(s.period)}）`;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).value =
    `统计期间：${s.period.from} 至 ${s.period.to}（北京时间）　同期：${s.previousPeriod.from} 至 ${s.previousPeriod.to}　导出时间：${shanghaiTime(now)}`;

  // Two header rows: the measure over its three columns, then 本期 / 同期 / 增减.
  ws.mergeCells(3, 1, 4, 1);
  ws.getCell(3, 1).value = GROUP_HEADERS[s.groupBy];
  ACCIDENT_MEASURES.forEach((m, i) => {
    const col = 2 + i * 3;
    ws.mergeCells(3, col, 3, col + 2);
    ws.getCell(3, col).value = ACCIDENT_MEASURE_LABELS[m].zh;
    ws.getCell(4, col).value = '本期';
    ws.getCell(4, col + 1).value = '去年同期';
    ws.getCell(4, col + 2).value = '同比增减';
  });
  for (const r of [3, 4])
    for (let c = 1; c <= width; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      cell.border = border;
    }
  ws.views = [{ state: 'frozen', ySplit: 4, xSplit: 1 }];
  ws.getColumn(1).width = 22;
  ACCIDENT_MEASURES.forEach((m, i) => {
    const col = 2 + i * 3;
    const fmt = m === 'directLossWanYuan' ? '#,##0.00' : '#,##0';
    ws.getColumn(col).numFmt = fmt;
    ws.getColumn(col + 1).numFmt = fmt;
    for (const c of [col, col + 1, col + 2]) {
      ws.getColumn(c).width = m === 'directLossWanYuan' ? 12 : 9;
      ws.getColumn(c).alignment = { horizontal: 'right' };
    }
  });

  const line = (
    label: string,
    f: { current: Record<string, number>; previous: Record<string, number>; change: Record<string, Change> },
  ) => {
    const row = ws.addRow([label, ...ACCIDENT_MEASURES.flatMap((m) => [f.current[m], f.previous[m], changeText(f.change[m] as Change)])]);
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cell.border = border;
      const m = ACCIDENT_MEASURES[Math.floor((c - 2) / 3)];
      // Red when up, green when down, as the page's arrows.
      if (c > 1 && (c - 2) % 3 === 2 && m) {
        const d = f.change[m]?.direction;
        if (d === 'up') cell.font = { color: { argb: 'FFCF1322' } };
        if (d === 'down') cell.font = { color: { argb: 'FF389E0D' } };
      }
    });
    return row;
  };
  for (const r of s.rows) line(r.label.zh, r);
  const total = line('合计', s.total);
  total.font = { bold: true };

  ws.addRow([]);
  const notes = [
    `“双下降”（事故起数和死亡人数同比均下降）：${s.doubleDecline ? '是' : '否'}`,
    `涉险事故：本期 ${s.nearMisses.current} 起，去年同期 ${s.nearMisses.previous} 起（不计入上表）`,
    '说明：按事故发生时间（北京时间）统计；尚未查明的伤亡人数和损失按 0 计；同比增减为（本期 − 去年同期）÷ 去年同期，去年同期为 0 时记“—”。',
  ];
  for (const n of notes) {
    const row = ws.addRow([n]);
    ws.mergeCells(row.number, 1, row.number, width);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// The risk register (风险分级管控清单) as Excel, in the layout regulators ask for: one row per risk
// point, its measures by type, the control tiers and responsible people, the level in its colour.
import { ACCIDENT_TYPES, CONTROL_MEASURE_LABELS, CONTROL_MEASURE_TYPES, CONTROL_TIER_LABELS, RISK_LEVEL_INFO } from '@taishan/domain';
import ExcelJS from 'exceljs';
import { dateOnly } from '../../time.ts';
import type { RiskPointRow } from './risk-points-store.ts';

const accidentZh = new Map(ACCIDENT_TYPES.map((a) => [a.code as string, a.zh]));

export async function registerXlsx(rows: RiskPointRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Taishan 泰山';
  const ws = wb.addWorksheet('风险分级管控清单');
  ws.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '企业名称', key: 'enterprise', width: 28 },
    { header: '风险点名称', key: 'name', width: 22 },
    { header: '所在区域/位置', key: 'location', width: 18 },
    { header: '作业活动/设备设施', key: 'activity', width: 22 },
    { header: '危险有害因素', key: 'factors', width: 28 },
    { header: '可能导致的事故类型', key: 'accidents', width: 22 },
    { header: '评价方法', key: 'method', width: 10 },
    { header: '评价值', key: 'score', width: 10 },
    { header: '风险等级', key: 'level', width: 10 },
    { header: '风险颜色', key: 'colour', width: 8 },
    ...CONTROL_MEASURE_TYPES.map((t) => ({ header: `${CONTROL_MEASURE_LABELS[t].zh}措施`, key: t, width: 30 })),
    { header: '管控层级', key: 'tiers', width: 18 },
    { header: '责任人', key: 'responsible', width: 16 },
    { header: '复核日期', key: 'review', width: 12 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  rows.forEach((r, i) => {
    const byType = (t: string) =>
      r.control_measures
        .filter((m) => m.type === t)
        .map((m) => m.description)
        .join('\n');
    const tiers = [...new Set(r.control_measures.map((m) => m.tier))];
    const row = ws.addRow({
      n: i + 1,
      enterprise: r.enterprise_name,
      name: r.name,
      location: r.area_name ?? r.location,
      activity: r.activity,
      factors: r.hazard_factors.join('；'),
      accidents: r.accident_types.map((a) => accidentZh.get(a) ?? a).join('、'),
      method: r.method === 'lec' ? 'LEC' : r.method === 'ls' ? 'LS' : '未评估',
      score: r.score,
      level: r.level ? RISK_LEVEL_INFO[r.level].zh : '',
      colour: r.level ? RISK_LEVEL_INFO[r.level].colourZh : '',
      ...Object.fromEntries(CONTROL_MEASURE_TYPES.map((t) => [t, byType(t)])),
      tiers: tiers.map((t) => CONTROL_TIER_LABELS[t as keyof typeof CONTROL_TIER_LABELS]?.zh ?? t).join('、'),
      responsible: [...new Set(r.control_measures.map((m) => `${m.responsible}`))].join('、'),
      review: dateOnly(r.review_date) ?? '',
    });
    row.alignment = { wrapText: true, vertical: 'top' };
    if (r.level) {
      const fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${RISK_LEVEL_INFO[r.level].hex.slice(1)}` } } as const;
      row.getCell('level').fill = fill;
      row.getCell('colour').fill = fill;
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

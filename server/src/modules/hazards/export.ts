// The two lists (两个清单) as one workbook: 隐患清单 (what is wrong, where, level, status) and
// 制度措施清单 (the five fixes: owner, measures, funds, deadline, contingency plan).
import { actorLabel, HAZARD_STATUS_LABELS, TIER_LABELS } from '@taishan/domain';
import ExcelJS from 'exceljs';
import { shanghaiTime } from '../../time.ts';
import { dateOnly, type HazardRow } from './store.ts';

export async function hazardListXlsx(rows: HazardRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Taishan 泰山';
  const list = wb.addWorksheet('隐患清单');
  list.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '隐患编号', key: 'number', width: 30 },
    { header: '企业名称', key: 'enterprise', width: 28 },
    { header: '隐患描述', key: 'description', width: 40 },
    { header: '位置', key: 'location', width: 16 },
    { header: '隐患等级', key: 'level', width: 10 },
    { header: '发现层级', key: 'tier', width: 10 },
    { header: '发现人', key: 'foundBy', width: 10 },
    { header: '状态', key: 'status', width: 10 },
    { header: '整改期限', key: 'deadline', width: 12 },
    { header: '是否逾期', key: 'overdue', width: 8 },
    { header: '挂牌督办', key: 'listed', width: 10 },
    { header: '登记时间', key: 'created', width: 18 },
  ];
  const measures = wb.addWorksheet('制度措施清单');
  measures.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '隐患编号', key: 'number', width: 30 },
    { header: '企业名称', key: 'enterprise', width: 28 },
    { header: '隐患描述', key: 'description', width: 40 },
    { header: '责任人（责任落实）', key: 'owner', width: 14 },
    { header: '整改措施（措施落实）', key: 'measures', width: 40 },
    { header: '整改资金（万元）', key: 'funds', width: 12 },
    { header: '整改时限（时限落实）', key: 'deadline', width: 14 },
    { header: '应急预案（预案落实）', key: 'contingency', width: 30 },
    { header: '整改情况', key: 'note', width: 30 },
  ];
  for (const ws of [list, measures]) {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  rows.forEach((r, i) => {
    list.addRow({
      n: i + 1,
      number: r.number,
      enterprise: r.enterprise_name,
      description: r.description,
      location: r.location,
      level: r.level === 'major' ? '重大隐患' : '一般隐患',
      tier: TIER_LABELS[r.found_tier].zh,
      foundBy: actorLabel(r.found_by, 'zh'),
      status: HAZARD_STATUS_LABELS[r.status].zh,
      deadline: dateOnly(r.deadline),
      overdue: r.overdue ? '是' : '',
      listed: r.listed_tier ? `${r.listed_tier === 'city' ? '市级' : '县级'}挂牌` : '',
      created: shanghaiTime(r.created_at),
    });
    measures.addRow({
      n: i + 1,
      number: r.number,
      enterprise: r.enterprise_name,
      description: r.description,
      owner: r.owner,
      measures: r.measures,
      funds: r.funds,
      deadline: dateOnly(r.deadline),
      contingency: r.contingency,
      note: r.rectification_note,
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

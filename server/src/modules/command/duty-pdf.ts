// 值班每日简报 PDF (issue 28): the official layout of official-pdf.ts (issuer's mark, number, title,
// body, seal area with the Chinese date). Only counts of health cases and events, never a person of
// a case; the duty officers are named (they are on the published roster). All text is Chinese. Owner: duty.
import { DUTY_ENTRY_KIND_LABELS, type DutyEntryKind } from '@taishan/domain';
import { renderNotice } from '../../documents/official-pdf.ts';
import { chineseDate, shanghaiTime } from '../../time.ts';
import type { DayCounts } from './duty-store.ts';

const SOURCE = {
  accident: '生产安全事故',
  majorHazard: '重大事故隐患',
  alarm: '监测预警',
  publicReport: '群众举报',
  healthEvent: '突发公共卫生事件',
  supplyRequest: '物资请求',
  hotline: '热线来电',
} as Record<string, string>;
const STAGE = {
  collected: '收集',
  analysed: '分析',
  judged: '研判',
  pushed: '推送',
  verified: '核查',
  closed: '反馈办结',
} as Record<string, string>;
const ROLE = { leader: '带班领导', officer: '值班员' } as Record<string, string>;

export type BriefingForPdf = {
  regionName: string;
  day: string;
  number: string;
  shifts: { personName: string; role: string; startsAt: string; endsAt: string }[];
  counts: DayCounts;
  entries: { at: string; kind: string; text: string }[];
  handedOver: boolean;
  at: Date;
};

const hm = (at: string) => shanghaiTime(at).slice(11, 16);
const n = (x: number) => `${x.toLocaleString('zh-CN')}`;

export function briefingParagraphs(b: BriefingForPdf): string[] {
  const c = b.counts;
  const out: string[] = [];
  out.push(
    `一、值班情况。${
      b.shifts.length
        ? b.shifts
            .map(
              (s) =>
                `${ROLE[s.role] ?? '值班员'}${s.personName}（${shanghaiTime(s.startsAt).slice(5, 16)}至${shanghaiTime(s.endsAt).slice(5, 16)}）`,
            )
            .join('；')
        : '当日值班表无班次'
    }。`,
  );
  const newTotal = c.signalsNew.reduce((s, r) => s + r.n, 0);
  const bySource = new Map<string, { n: number; stages: string[] }>();
  for (const r of c.signalsNew) {
    const e = bySource.get(r.sourceType) ?? { n: 0, stages: [] };
    e.n += r.n;
    e.stages.push(`${STAGE[r.stage] ?? r.stage}${n(r.n)}条`);
    bySource.set(r.sourceType, e);
  }
  out.push(
    `二、信号情况。当日新收集信号${n(newTotal)}条${
      newTotal
        ? `，其中${[...bySource].map(([k, v]) => `${SOURCE[k] ?? '其他'}${n(v.n)}条（目前处于${v.stages.join('、')}）`).join('；')}`
        : ''
    }。当日办结信号${n(c.signalsClosed.reduce((s, r) => s + r.n, 0))}条${
      c.signalsClosed.length ? `，其中${c.signalsClosed.map((r) => `${SOURCE[r.sourceType] ?? '其他'}${n(r.n)}条`).join('；')}` : ''
    }。`,
  );
  out.push(`三、安全生产。当日发生生产安全事故${n(c.accidents)}起，监测报警${n(c.alarms)}次。`);
  out.push(
    `四、公共卫生。当日新增报告传染病病例${n(c.cases)}例，新增突发公共卫生事件${n(c.events)}起${
      c.levelChanges === null ? '' : `，风险等级调整${n(c.levelChanges)}次`
    }。`,
  );
  out.push(
    `五、值班日志。${
      b.entries.length
        ? b.entries.map((e) => `${hm(e.at)} ${DUTY_ENTRY_KIND_LABELS[e.kind as DutyEntryKind]?.zh ?? '记事'}：${e.text}`).join('；')
        : '当日无值班记录'
    }。${b.handedOver ? '当日已完成交接班。' : '当日尚未交接班。'}`,
  );
  return out;
}

export function renderBriefingPdf(b: BriefingForPdf): Promise<Buffer> {
  return renderNotice({
    issuer: `${b.regionName}应急值班室`,
    number: b.number,
    title: `值班每日简报（${chineseDate(b.day)}）`,
    body: briefingParagraphs(b),
    signer: `${b.regionName}应急值班室`,
    date: b.at,
  });
}

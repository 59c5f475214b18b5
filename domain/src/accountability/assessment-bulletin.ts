// The quarterly bulletin (季度通报, issue 26 item 7): each level's figures per child jurisdiction for
// a quarter and the children's ranking. The ranking rule is this platform's (no national rule was
// retrieved): fewer deaths first, then fewer accidents, then the higher 整改率 (none found counts as
// 100 %), then the region code — so a tie is always broken the same way.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';

export const bulletinSchema = z
  .object({
    year: z.number(bi('年份应为数字', 'The year is a number')).int().min(2000, bi('年份不早于 2000', 'Not before 2000')).max(2100),
    quarter: z
      .number(bi('季度应为数字', 'The quarter is a number'))
      .int()
      .min(1, bi('季度为 1–4', 'Quarter is 1–4'))
      .max(4, bi('季度为 1–4', 'Quarter is 1–4')),
  })
  .strict();

export type BulletinRow = {
  regionCode: string;
  regionName: string;
  accidents: number;
  deaths: number;
  hazardsFound: number;
  hazardsClosed: number;
  inspections: number;
  reports: number;
};

export type RankedBulletinRow = BulletinRow & { rank: number; rectificationRate: number | null };

/** 整改率 of a row as a fraction, null when nothing was found. */
export const bulletinRate = (r: Pick<BulletinRow, 'hazardsFound' | 'hazardsClosed'>) =>
  r.hazardsFound > 0 ? r.hazardsClosed / r.hazardsFound : null;

/** The rows ranked (1 = best); equal rows on every criterion share a rank. */
export function rankBulletin(rows: readonly BulletinRow[]): RankedBulletinRow[] {
  const withRate = rows.map((r) => ({ ...r, rectificationRate: bulletinRate(r) }));
  const cmp = (a: (typeof withRate)[number], b: (typeof withRate)[number]) =>
    a.deaths - b.deaths || a.accidents - b.accidents || (b.rectificationRate ?? 1) - (a.rectificationRate ?? 1);
  const sorted = [...withRate].sort((a, b) => cmp(a, b) || (a.regionCode < b.regionCode ? -1 : 1));
  const out: RankedBulletinRow[] = [];
  sorted.forEach((r, n) => {
    const prev = out[n - 1];
    const rank = prev && cmp(prev, r) === 0 ? prev.rank : n + 1;
    out.push({ ...r, rank });
  });
  return out;
}

const CN_QUARTER = ['', '一', '二', '三', '四'];
/** 2026年第三季度. */
export const quarterTitle = (year: number, quarter: number) => `${year}年第${CN_QUARTER[quarter]}季度`;

/** A rate as the bulletin prints it: 85.7%, or 无 when nothing was found. */
export const bulletinPercent = (rate: number | null) => (rate === null ? '无隐患' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`);

// The storage budget for what the public uploads (issue 22, item 5): anyone holding a receipt may
// add files, so without limits an anonymous caller could fill the disk (10 × 50 MB per report,
// hundreds of reports). Three limits, all on the sizes recorded in report_files by reporters:
// per report, per day (Beijing) for all reports together, and in total. Handlers' files are not
// counted. The check and the insert of the file's row run in one transaction under one advisory
// lock, so concurrent uploads cannot all pass the same remaining budget.
import type { Queryable } from '../../db/db.ts';
import { AppError, invalid } from '../../http/errors.ts';

const MB = 1024 * 1024;
export type UploadBudget = { reportBytes: number; dayBytes: number; totalBytes: number };
export const DEFAULT_UPLOAD_BUDGET_MB = { report: 100, day: 2048, total: 20480 } as const;

/** REPORT_UPLOAD_REPORT_MB, REPORT_UPLOAD_DAY_MB, REPORT_UPLOAD_TOTAL_MB (positive numbers; decimals allowed). */
export function uploadBudgetFrom(env: Record<string, string | undefined>): UploadBudget {
  const mb = (name: string, d: number) => {
    const v = env[name];
    if (v === undefined || v === '') return d * MB;
    const n = Number(v);
    if (!/^\d+(\.\d+)?$/.test(v) || !(n > 0)) throw new Error(`${name} must be a positive number of megabytes, got ${JSON.stringify(v)}`);
    return Math.floor(n * MB);
  };
  return {
    reportBytes: mb('REPORT_UPLOAD_REPORT_MB', DEFAULT_UPLOAD_BUDGET_MB.report),
    dayBytes: mb('REPORT_UPLOAD_DAY_MB', DEFAULT_UPLOAD_BUDGET_MB.day),
    totalBytes: mb('REPORT_UPLOAD_TOTAL_MB', DEFAULT_UPLOAD_BUDGET_MB.total),
  };
}

/** One lock for every public upload (any constant; held until the transaction ends). */
const UPLOAD_LOCK = 220_005;
const mbText = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

/**
 * Refuses a reporter's file of `size` bytes that would take the report, the day or the whole
 * deployment over its budget: 400 at the file field (per report), 429 (today's budget: try
 * tomorrow), 507 (storage for public uploads is full). Call inside the transaction that records the file.
 */
export async function reserveUpload(tx: Queryable, budget: UploadBudget, reportId: string, size: number, today: string) {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [UPLOAD_LOCK]);
  const [used] = await tx.query<{ report: string; day: string; total: string }>(
    `SELECT coalesce(sum(size) FILTER (WHERE report_id = $1), 0)::int8 AS report,
            coalesce(sum(size) FILTER (WHERE added_on = $2), 0)::int8 AS day,
            coalesce(sum(size), 0)::int8 AS total
     FROM report_files WHERE author = 'reporter'`,
    [reportId, today],
  );
  const report = Number(used?.report ?? 0);
  const day = Number(used?.day ?? 0);
  const total = Number(used?.total ?? 0);
  if (report + size > budget.reportBytes)
    throw invalid({
      file: {
        zh: `每件举报的附件合计不能超过 ${mbText(budget.reportBytes)}（已用 ${mbText(report)}）`,
        en: `A report's files may total at most ${mbText(budget.reportBytes)} (${mbText(report)} used)`,
      },
    });
  if (total + size > budget.totalBytes)
    throw new AppError('insufficient_storage', {
      zh: '举报附件的存储空间已满，暂时无法接收附件；文字举报和补充信息不受影响，请改用文字说明或稍后再试',
      en: 'Storage for report files is full; files cannot be received for now. Reports and messages still work: describe it in words or try later',
    });
  if (day + size > budget.dayBytes)
    throw new AppError('rate_limited', {
      zh: '今日举报附件的接收量已达上限，请明天再上传；文字举报和补充信息不受影响',
      en: "Today's allowance for report files is used up; upload tomorrow. Reports and messages still work",
    });
}

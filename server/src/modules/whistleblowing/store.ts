// Reading reports: the row, its sealed parts opened, and the two views of it — the reporter's
// (plain status words, the reason, the conversation, the outcome) and the handler's.
import {
  type Actor,
  allowedPublicReportActions,
  mayHandleWhistleblowerReports,
  PUBLIC_REPORT_STATUS_LABELS,
  type PublicReportStatus,
} from '@taishan/domain';
import type { Queryable } from '../../db/db.ts';
import { dateOnly } from '../hazards/store.ts';
import { listAttachments } from './attachments.ts';
import type { Keyring } from './keyring.ts';

/** Whistleblower reports are for area supervisors (and admins): the rule is domain's mayHandleWhistleblowerReports. */
export const mayHandle = (actor: Actor) => mayHandleWhistleblowerReports(actor);

export type ReportRow = {
  id: string;
  category: string;
  enterprise_id: string | null;
  enterprise_name: string | null;
  region_code: string;
  region_name: string | null;
  sealed_content: string;
  sealed_identity: string | null;
  anonymous: boolean;
  receipt_hash: string;
  status: PublicReportStatus;
  status_reason: string | null;
  hazard_id: string | null;
  reward_amount: string | null;
  reward_basis: string | null;
  reward_computation: { steps: string[] } | null;
  reward_paid_on: string | Date | null;
  reward_reference: string | null;
  received_on: string | Date;
  accept_due: string | Date;
  conclude_due: string | Date;
  concluded_on: string | Date | null;
  assignee: string | null;
  outcome: string | null;
  merged_into: string | null;
  escalated_tier: string | null;
  overdue: 'accept' | 'conclude' | null;
  version: number;
};
export type ReportContent = { description: string; place: string | null; happenedAt: string | null };

export const REPORT_SELECT = `SELECT r.*, (SELECT e.name FROM enterprises e WHERE e.id = r.enterprise_id) AS enterprise_name,
  (SELECT g.name FROM regions g WHERE g.code = r.region_code) AS region_name FROM reports r`;
export const day = (d: string | Date) => dateOnly(d) as string;

export async function findReport(q: Queryable, id: string, forUpdate = false): Promise<ReportRow | undefined> {
  return (await q.query<ReportRow>(`${REPORT_SELECT} WHERE r.id = $1 ${forUpdate ? 'FOR UPDATE OF r' : ''}`, [id]))[0];
}

export const contentOf = (keys: Keyring, r: ReportRow) => JSON.parse(keys.open(r.sealed_content, r.id)) as ReportContent;

export async function messagesOf(q: Queryable, keys: Keyring, id: string) {
  const rows = await q.query<{ author: 'reporter' | 'handler'; handler: string | null; sealed_text: string; sent_on: string | Date }>(
    'SELECT author, handler, sealed_text, sent_on FROM report_messages WHERE report_id = $1 ORDER BY id',
    [id],
  );
  return rows.map((m) => ({ author: m.author, handler: m.handler, text: keys.open(m.sealed_text, id), sentOn: day(m.sent_on) }));
}

const reward = (r: ReportRow) =>
  r.reward_amount === null
    ? null
    : { amount: Number(r.reward_amount), steps: r.reward_computation?.steps ?? [], paidOn: r.reward_paid_on && day(r.reward_paid_on) };

/** What the reporter may see: status in plain words, the reason, the conversation, the outcome. No handler names. */
export async function reporterView(q: Queryable, keys: Keyring, r: ReportRow) {
  // A merged report follows the report it joined.
  const joined = r.merged_into ? await findReport(q, r.merged_into) : undefined;
  const shown = joined ?? r;
  return {
    status: r.status,
    statusLabel: PUBLIC_REPORT_STATUS_LABELS[r.status],
    outcomeStatus: joined ? joined.status : null,
    outcomeLabel: joined ? PUBLIC_REPORT_STATUS_LABELS[joined.status] : null,
    reason: shown.status_reason,
    receivedOn: day(r.received_on),
    description: contentOf(keys, r).description,
    reward: reward(shown),
    messages: (await messagesOf(q, keys, r.id)).map(({ author, text, sentOn }) => ({ author, text, sentOn })),
    files: (await listAttachments(q, keys, r.id)).map(({ name, size, author }) => ({ name, size, author })),
  };
}

export const reportSummary = (r: ReportRow) => ({
  id: r.id,
  category: r.category,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  regionCode: r.region_code,
  regionName: r.region_name,
  anonymous: r.anonymous,
  status: r.status,
  receivedOn: day(r.received_on),
  acceptDue: day(r.accept_due),
  concludeDue: day(r.conclude_due),
  concludedOn: r.concluded_on && day(r.concluded_on),
  assignee: r.assignee,
  overdue: r.overdue,
  escalatedTier: r.escalated_tier,
  hazardId: r.hazard_id,
  mergedInto: r.merged_into,
  reward: reward(r),
  rewardReference: r.reward_reference,
  version: r.version,
  allowedActions: allowedPublicReportActions(r.status),
});

// The listing's numbered documents (令第11号): 列入告知书 (应急失告: reasons, basis and the party's
// rights with the objection deadline), 列入决定书 (应急失决: the decision, the 3-year term, the
// partner departments notified, the remedies) and 移出决定书 (应急失移). Numbered by the shared
// counter per issuer and Beijing year, frozen at issue, drawn as GB/T 9704 notices. Chinese only:
// these are official documents.
import {
  type Actor,
  BLACKLIST_BASIS_ZH,
  BLACKLIST_PERSON_ROLE_LABELS,
  blacklistReason,
  DOCUMENT_TYPES,
  maskBlacklistId,
  mayViewBlacklist,
} from '@taishan/domain';
import type { Db } from '../../db/db.ts';
import { readScoped, type Scoped } from '../../db/scope.ts';
import { newDocumentNumber } from '../../documents/numbers.ts';
import { renderNotice } from '../../documents/official-pdf.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { chineseDate, iso } from '../../time.ts';
import { issuerName } from '../enforcement/documents.ts';
import { type DocumentRow, type EntryRow, findDocument, findEntry, insertDocument } from './blacklist-store.ts';

type Kind = DocumentRow['kind'];

/** The party as the document names it: a unit with its USCC, a person with the (masked) ID number. */
function party(r: EntryRow): string {
  if (r.subject_type === 'person') {
    const role = r.person_role ? BLACKLIST_PERSON_ROLE_LABELS[r.person_role].zh : '';
    return `${r.person_name}（${role}，身份证号码：${maskBlacklistId(r.person_id_number)}）`;
  }
  return `${r.subject_name}${r.subject_uscc ? `（统一社会信用代码：${r.subject_uscc}）` : ''}`;
}

const day = (at: string | Date | null) => (at ? chineseDate(typeof at === 'string' ? at : at) : '');

function body(
  r: EntryRow,
  kind: Kind,
  extra: { objectionDueOn?: string; objectionDays?: number; note?: string },
): { title: string; paragraphs: string[] } {
  const reason = blacklistReason(r.reason);
  // The Decree's article numbers for the reasons are not verified (STANDARDS-NEXT §4): the basis names the Decree only.
  const basis = `依据${BLACKLIST_BASIS_ZH}`;
  switch (kind) {
    case 'creditNotice':
      return {
        title: DOCUMENT_TYPES.creditNotice.zh,
        paragraphs: [
          `${party(r)}：`,
          `经查，你（单位）${r.facts || reason.zh}${r.penalty_decision_ref ? `（行政处罚决定书：${r.penalty_decision_ref}）` : ''}。`,
          `上述行为属于“${reason.zh}”的情形。${basis}的规定，本机关拟将你（单位）列入安全生产严重失信主体名单，管理期限为三年。`,
          `根据规定，你（单位）有权进行陈述和申辩。如有异议，可在${extra.objectionDays}个工作日内（${extra.objectionDueOn ? chineseDate(extra.objectionDueOn) : ''}前）向本机关书面提出，并提交相关证据材料。逾期未提出的，视为放弃上述权利。`,
        ],
      };
    case 'creditDecision':
      return {
        title: DOCUMENT_TYPES.creditDecision.zh,
        paragraphs: [
          `${party(r)}：`,
          `本机关于${day(r.noticed_at)}向你（单位）告知拟列入安全生产严重失信主体名单的事实、理由、依据及享有的权利。${r.objection ? `你（单位）提出的异议经核实不予采纳：${r.objection_reply ?? ''}。` : '你（单位）在规定期限内未提出异议。'}`,
          `经查，你（单位）${r.facts || reason.zh}，属于“${reason.zh}”的情形。${basis}的规定，本机关决定将你（单位）列入安全生产严重失信主体名单，管理期限自${day(r.listed_at)}起至${day(r.expires_at)}止。`,
          `列入期间，将通过国家企业信用信息公示系统、本机关网站等向社会公示，并通报${(r.partner_notices ?? []).map((p) => p.department).join('、')}，依法实施联合惩戒。`,
          '列入满十二个月，已履行行政处罚决定、完成整改并作出书面信用承诺的，可以向本机关申请提前移出。',
          '如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。',
        ],
      };
    case 'creditRemoval':
      return {
        title: DOCUMENT_TYPES.creditRemoval.zh,
        paragraphs: [
          `${party(r)}：`,
          `你（单位）于${day(r.listed_at)}被列入安全生产严重失信主体名单。你（单位）于${day(r.removal_applied_at)}申请提前移出，经审核，已履行行政处罚决定、失信行为已整改到位、已作出书面信用承诺，且列入期间未再发生严重失信行为。`,
          `依据${BLACKLIST_BASIS_ZH}的规定，本机关决定自即日起将你（单位）移出安全生产严重失信主体名单，停止公示，解除相关管理措施。${extra.note ? `（${extra.note}）` : ''}`,
          '如发现提前移出过程中存在弄虚作假行为的，本机关将撤销提前移出决定，恢复列入状态，管理期限按原决定执行。',
        ],
      };
  }
}

/** Issues `kind` for the entry in the command's transaction; returns its number. */
export async function issueBlacklistDocument(
  tx: Scoped,
  actor: Actor,
  r: EntryRow,
  kind: Kind,
  now: Date,
  extra: { objectionDueOn?: string; objectionDays?: number; note?: string } = {},
): Promise<string> {
  const issuer = await issuerName(tx, r.region_code, r.department_id);
  const dept = r.department_id
    ? (
        await tx.query<{ id: string; short_name: string | null }>('SELECT id, short_name FROM departments WHERE id = $1', [r.department_id])
      )[0]
    : undefined;
  const { number } = await newDocumentNumber(
    tx,
    kind,
    r.region_code,
    DOCUMENT_TYPES[kind].pattern,
    now,
    dept?.short_name ? { key: dept.id, short: dept.short_name } : undefined,
  );
  const { title, paragraphs } = body(r, kind, extra);
  await insertDocument(tx, { entryId: r.id, kind, number, issuer, title, body: paragraphs, issuedBy: actor.id, at: now });
  return number;
}

/** The PDF of an issued document (frozen body), for those who may see its entry. */
export async function blacklistDocumentPdf(db: Db, actor: Actor, id: string): Promise<{ pdf: Buffer; number: string; title: string }> {
  if (!mayViewBlacklist(actor)) throw forbidden();
  const doc = await readScoped(db, actor.scope, async (tx) => {
    const d = await findDocument(tx, id);
    if (!d || !(await findEntry(tx, d.entry_id))) throw notFound();
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

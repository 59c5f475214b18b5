// Credit files' 工作台 items. Owner: credit file. An enterprise account: this year's commitment
// not yet signed (its own file). A regulator: enterprises whose level fell to C or D in the last
// 30 days, and enterprises of the jurisdiction without this year's commitment. Each count is the
// total of the list it opens (countCredit with the list's own WHERE).
import { isCreditRegulator, isEnterpriseUser } from '@taishan/domain';
import { counted, type WorkbenchProvider } from '../workbench/registry.ts';
import { countCredit } from './file-service.ts';

export const creditWorkItems: WorkbenchProvider = async (actor, _scope, tx) => {
  if (isEnterpriseUser(actor))
    return [
      counted(
        { kind: 'credit.commitmentUnsigned', severity: 'attention', titleKey: 'crWorkCommitmentUnsigned', query: { unsigned: 'true' } },
        { path: '/credit/commitments', apiPath: '/api/v1/credit/files' },
        await countCredit(tx, { unsigned: 'true' }),
      ),
    ];
  if (!isCreditRegulator(actor)) return [];
  return [
    counted(
      { kind: 'credit.fell', severity: 'attention', titleKey: 'crWorkFell', query: { fellWithinDays: '30' } },
      { path: '/credit', apiPath: '/api/v1/credit/files' },
      await countCredit(tx, { fellWithinDays: 30 }),
    ),
    counted(
      { kind: 'credit.unsigned', severity: 'routine', titleKey: 'crWorkUnsigned', query: { unsigned: 'true' } },
      { path: '/credit', apiPath: '/api/v1/credit/files' },
      await countCredit(tx, { unsigned: 'true' }),
    ),
  ];
};

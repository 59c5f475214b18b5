// Demo settings: one province override, so the settings page shows a national value beside a
// province's own — the demo province's map approval number (审图号), marked as demo data since
// it is not a real approval. Written like an edit (audited), by the demo account.
import { appendAudit } from '../audit/chain.ts';
import type { Db } from '../db/db.ts';
import { upsertSetting } from '../modules/settings/store.ts';

export const DEMO_APPROVAL_NUMBER = '苏S（2026）000号（演示数据）';

/** `demoCity`: the demo city's code (passed in: seed.ts calls this, so importing it back would be a circle). */
export async function seedDemoSettings(db: Db, demoCity: string): Promise<void> {
  const province = demoCity.slice(0, 2);
  await db.transaction(async (tx) => {
    const version = await upsertSetting(tx, 'map.approvalNumber', province, DEMO_APPROVAL_NUMBER, 'demo', 0);
    await appendAudit(
      tx,
      { id: null, username: 'demo' },
      {
        action: 'setting.update',
        entityType: 'setting',
        entityId: `map.approvalNumber@${province}`,
        regionCode: `${province}0000000000`,
        before: null,
        after: { value: DEMO_APPROVAL_NUMBER, version },
      },
    );
  });
}

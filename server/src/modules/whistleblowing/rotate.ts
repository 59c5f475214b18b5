// Key rotation (`taishan rotate-report-key`): a new current key, then every sealed value —
// report content and identity, messages, file names and file bytes — re-sealed with it, one
// report per transaction, so a crash part-way leaves each report wholly on the old or the new
// key (both stay in the keyring). Old keys are dropped only when asked and nothing uses them.
import type { Db } from '../../db/db.ts';
import type { FileStore } from '../../storage/files.ts';
import { Keyring } from './keyring.ts';

export async function resealReports(db: Db, files: FileStore, keys: Keyring): Promise<{ reports: number; values: number }> {
  const current = keys.currentId;
  const ids = await db.query<{ id: string }>('SELECT id FROM reports ORDER BY id');
  let values = 0;
  for (const { id } of ids) {
    const obsolete: string[] = [];
    await db.transaction(async (tx) => {
      const reseal = (sealed: string, aad: string) => {
        if (Keyring.keyIdOf(sealed) === current) return sealed;
        values++;
        return keys.seal(keys.openBytes(sealed, aad), aad);
      };
      const [r] = await tx.query<{ sealed_content: string; sealed_identity: string | null }>(
        'SELECT sealed_content, sealed_identity FROM reports WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!r) return;
      await tx.query('UPDATE reports SET sealed_content = $2, sealed_identity = $3 WHERE id = $1', [
        id,
        reseal(r.sealed_content, id),
        r.sealed_identity && reseal(r.sealed_identity, id),
      ]);
      for (const m of await tx.query<{ id: string; sealed_text: string }>(
        'SELECT id, sealed_text FROM report_messages WHERE report_id = $1',
        [id],
      ))
        await tx.query('UPDATE report_messages SET sealed_text = $2 WHERE id = $1', [m.id, reseal(m.sealed_text, id)]);
      for (const f of await tx.query<{ id: string; sealed_meta: string; storage_key: string }>(
        'SELECT id, sealed_meta, storage_key FROM report_files WHERE report_id = $1',
        [id],
      )) {
        const bytes = await files.get(f.storage_key);
        let key = f.storage_key;
        if (bytes && Keyring.keyIdOf(bytes) !== current) {
          key = await files.put('report-files', keys.sealFile(keys.openFile(bytes, f.id), f.id));
          obsolete.push(f.storage_key);
          values++;
        }
        await tx.query('UPDATE report_files SET sealed_meta = $2, storage_key = $3 WHERE id = $1', [
          f.id,
          reseal(f.sealed_meta, f.id),
          key,
        ]);
      }
    });
    // Old ciphertext files go only after the rows point at the new ones.
    for (const k of obsolete) await files.delete(k);
  }
  return { reports: ids.length, values };
}

/** Key ids still used by any sealed value (to know whether old keys may be dropped). */
export async function keysInUse(db: Db, files: FileStore): Promise<string[]> {
  const rows = await db.query<{ k: string }>(
    `SELECT DISTINCT split_part(s, '.', 1) AS k FROM (
       SELECT sealed_content AS s FROM reports UNION ALL SELECT sealed_identity FROM reports WHERE sealed_identity IS NOT NULL
       UNION ALL SELECT sealed_text FROM report_messages UNION ALL SELECT sealed_meta FROM report_files) x`,
  );
  const used = new Set(rows.map((r) => r.k));
  for (const f of await db.query<{ storage_key: string }>('SELECT storage_key FROM report_files')) {
    const bytes = await files.get(f.storage_key);
    if (bytes) used.add(Keyring.keyIdOf(bytes));
  }
  return [...used];
}

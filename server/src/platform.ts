// Opening the platform's database ready for use: connect, migrate, load places. Shared by the
// server, the CLI commands and the tests.
import { SETUP_LOCK } from './cluster/instance.ts';
import type { Db } from './db/db.ts';
import { openDb } from './db/db.ts';
import { migrate } from './db/migrate.ts';
import { ensureBuiltinChecklists } from './modules/hazards/checklists.ts';
import { loadRegions } from './modules/regions/load.ts';

export async function openPlatformDb(opts: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  provinces?: string[];
}): Promise<Db> {
  const db = await openDb(opts);
  // Processes starting together against one PostgreSQL take turns (README "Scaling out").
  await db.withLock(SETUP_LOCK, async () => {
    await migrate(db);
    const [r] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM regions');
    if (!r?.n) await loadRegions(db, opts.provinces);
    await ensureBuiltinChecklists(db);
  });
  return db;
}

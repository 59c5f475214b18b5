// What every capability's register<Cap>(app, deps) receives from app.ts: the database, the file
// store, the whistleblower keyring and the 工作台 to add its waiting items to. A new capability
// takes what it needs from here and is one line in app.ts.
import type { Db } from '../db/db.ts';
import type { FileStore } from '../storage/files.ts';
import type { Keyring } from './whistleblowing/keyring.ts';
import type { Workbench } from './workbench/registry.ts';

export type CapabilityDeps = {
  db: Db;
  files: FileStore;
  keyring: Keyring;
  workbench: Workbench;
};

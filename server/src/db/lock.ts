// "Lock the row, 404 when out of scope, authorise, check the version": the opening of every
// command on one record. Written once here so that no command forgets a step or takes them in
// another order (authorising before the 404 would tell an outsider the record exists).
import type { Bilingual } from '@taishan/domain';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import type { Scoped } from './scope.ts';

export type LockOptions<R> = {
  /** Reads the row with FOR UPDATE under the caller's scope; undefined when not visible. */
  find: (tx: Scoped, id: string, forUpdate: true) => Promise<R | undefined>;
  /** The domain policy's answer; false is 403 (only asked once the caller can see the row). */
  may?: (row: R) => boolean;
  /** The version the client edited; a different current version is 409. */
  version?: number;
  versionOf?: (row: R) => number;
  /** What the 409 says (default: the record changed, reload). */
  conflict?: Bilingual;
  /** A refusal carrying more (e.g. allowedActions); default forbidden(). */
  refuse?: (row: R) => AppError;
};

/** The row, locked for this transaction, once the caller may act on it at this version. */
export async function lockForCommand<R>(tx: Scoped, id: string, o: LockOptions<R>): Promise<R> {
  const row = await o.find(tx, id, true);
  if (!row) throw notFound();
  if (o.may && !o.may(row)) throw o.refuse ? o.refuse(row) : forbidden();
  if (o.version !== undefined && o.versionOf && o.versionOf(row) !== o.version) {
    throw new AppError('conflict', o.conflict ?? { zh: '记录已被他人修改，请刷新后重试', en: 'The record changed; reload and try again' });
  }
  return row;
}

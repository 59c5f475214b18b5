// The serious-discredit list's scheduled work (hourly, `blacklist.expire`): entries whose 3-year
// term has ended are moved off the list (移出, 停止公示) with an audit event by the system, then
// the candidates the new events make are proposed across the country. Owner: blacklist.
import type { Db } from '../../db/db.ts';
import { expireEntries, proposeEverywhere } from './blacklist-service.ts';

/** Moves expired entries off the list and proposes the events' new candidates; returns how many expired. */
export async function expireBlacklistEntries(db: Db, now = new Date()): Promise<number> {
  const expired = await expireEntries(db, now);
  await proposeEverywhere(db, now);
  return expired;
}

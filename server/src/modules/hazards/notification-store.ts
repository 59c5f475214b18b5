// The inbox's SQL. Notices are personal: every query is restricted to the caller's own rows.
// Notices with a group key (a day's alarm escalations) are one entry: the unread count counts a
// group once, and reading one of them reads the group.
import type { InboxNotice } from '@taishan/domain';
import type { Db } from '../../db/db.ts';

/** The user's newest 200 notices (or unread ones only) and how many entries are unread. */
export async function inboxOf(db: Db, userId: string, unreadOnly: boolean): Promise<{ items: InboxNotice[]; unread: number }> {
  const rows = await db.query<{
    id: string;
    kind: string;
    title: string;
    link: string | null;
    group_key: string | null;
    read_at: Date | null;
    created_at: Date;
  }>(
    `SELECT id, kind, title, link, group_key, read_at, created_at FROM notifications WHERE user_id = $1 ${unreadOnly ? 'AND read_at IS NULL' : ''}
     ORDER BY created_at DESC LIMIT 200`,
    [userId],
  );
  const [u] = await db.query<{ n: number }>(
    `SELECT (count(*) FILTER (WHERE group_key IS NULL) + count(DISTINCT group_key))::int AS n FROM notifications
     WHERE user_id = $1 AND read_at IS NULL`,
    [userId],
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      link: r.link,
      group: r.group_key,
      read: r.read_at !== null,
      createdAt: new Date(r.created_at).toISOString(),
    })),
    unread: u?.n ?? 0,
  };
}

/** Mark a notice of this user read (a grouped one: its whole group); false when it is not theirs. */
export async function markRead(db: Db, userId: string, id: string): Promise<boolean> {
  const r = await db.query(
    `UPDATE notifications SET read_at = coalesce(read_at, now())
     WHERE user_id = $2 AND (id = $1 OR group_key = (SELECT group_key FROM notifications WHERE id = $1 AND user_id = $2)) RETURNING id`,
    [id, userId],
  );
  return r.length > 0;
}

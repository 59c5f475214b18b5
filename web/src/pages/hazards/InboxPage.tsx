import type { InboxNotice as Notice } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Card, List, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { formatTime, type MessageKey, useI18n } from '../../i18n.tsx';

/** One line of the inbox: a notice, or a group of them (a day's alarm escalations) at its newest. */
type Entry = { key: string; notices: Notice[] };

const GROUP_TITLES: Record<string, MessageKey> = { alarmEscalated: 'inboxGroup_alarmEscalated' };

export function InboxPage() {
  const { t, lang } = useI18n();
  const nav = useNavigate();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['inbox'], queryFn: () => api<{ items: Notice[]; unread: number }>('/api/v1/notifications') });
  const entries = useMemo(() => {
    const out: Entry[] = [];
    const groups = new Map<string, Entry>();
    for (const n of q.data?.items ?? []) {
      const g = n.group ? groups.get(n.group) : undefined;
      if (g) g.notices.push(n);
      else {
        const e = { key: n.group ?? n.id, notices: [n] };
        if (n.group) groups.set(n.group, e);
        out.push(e);
      }
    }
    return out;
  }, [q.data]);
  return (
    <Card title={t('inbox')}>
      <List<Entry>
        loading={q.isLoading}
        dataSource={entries}
        renderItem={({ notices }) => {
          const n = notices[0] as Notice;
          const unread = notices.some((x) => !x.read);
          const grouped = notices.length > 1;
          const groupTitle = GROUP_TITLES[n.kind];
          return (
            <List.Item
              style={{ cursor: 'pointer' }}
              onClick={async () => {
                // Reading one notice of a group reads the group.
                await api(`/api/v1/notifications/${n.id}/read`, { method: 'POST' });
                qc.invalidateQueries({ queryKey: ['inbox'] });
                if (n.link) nav(n.link);
              }}
            >
              <List.Item.Meta
                title={<Badge dot={unread}>{grouped ? (groupTitle ? t(groupTitle, { n: notices.length }) : n.title) : n.title}</Badge>}
                description={
                  grouped ? (
                    <>
                      {notices.slice(0, 5).map((x) => (
                        <div key={x.id}>
                          <Typography.Text type={x.read ? 'secondary' : undefined}>{x.title}</Typography.Text>{' '}
                          <Typography.Text type="secondary">{formatTime(x.createdAt, lang)}</Typography.Text>
                        </div>
                      ))}
                      {notices.length > 5 && <div>…</div>}
                    </>
                  ) : (
                    formatTime(n.createdAt, lang)
                  )
                }
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

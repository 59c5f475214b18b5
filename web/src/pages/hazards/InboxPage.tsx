import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Card, List } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { formatTime, useI18n } from '../../i18n.tsx';

type Notice = { id: string; title: string; link: string | null; read: boolean; createdAt: string };

export function InboxPage() {
  const { t, lang } = useI18n();
  const nav = useNavigate();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['inbox'], queryFn: () => api<{ items: Notice[]; unread: number }>('/api/v1/notifications') });
  return (
    <Card title={t('inbox')}>
      <List<Notice>
        loading={q.isLoading}
        dataSource={q.data?.items}
        renderItem={(n) => (
          <List.Item
            style={{ cursor: 'pointer' }}
            onClick={async () => {
              await api(`/api/v1/notifications/${n.id}/read`, { method: 'POST' });
              qc.invalidateQueries({ queryKey: ['inbox'] });
              if (n.link) nav(n.link);
            }}
          >
            <List.Item.Meta title={<Badge dot={!n.read}>{n.title}</Badge>} description={formatTime(n.createdAt, lang)} />
          </List.Item>
        )}
      />
    </Card>
  );
}

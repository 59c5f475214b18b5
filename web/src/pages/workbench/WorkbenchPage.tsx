// 工作台: the landing page of every role — what waits for the user, most pressing first, each count
// a link to the list filtered to exactly those rows (the server counts with that list's filters).
import { type WorkItem, workItemHref } from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, List, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { isMessageKey, type MessageKey, useI18n } from '../../i18n.tsx';
import { DutyNowPanel } from '../emergency/DutyNowPanel.tsx';

type WorkbenchData = { today: string; items: WorkItem[]; unavailable: string[] };

const SEVERITY: Record<WorkItem['severity'], { color: string; key: MessageKey }> = {
  urgent: { color: 'red', key: 'severityUrgent' },
  attention: { color: 'orange', key: 'severityAttention' },
  routine: { color: 'blue', key: 'severityRoutine' },
};

export function WorkbenchPage() {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['workbench'],
    queryFn: () => api<WorkbenchData>('/api/v1/workbench'),
    refetchInterval: 60_000,
  });
  // A key the UI does not know (a capability newer than this page) shows as the kind itself.
  const title = (item: WorkItem) => (isMessageKey(item.titleKey) ? t(item.titleKey) : item.kind);
  const waiting = q.data?.items.filter((i) => i.count > 0) ?? [];
  const idle = q.data?.items.filter((i) => i.count === 0) ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="workbench">
      <Card title={t('workbench')}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('workbenchIntro', { today: q.data?.today ?? '' })}
        </Typography.Paragraph>
      </Card>
      <DutyNowPanel />
      {!!q.data?.unavailable.length && (
        <Alert type="warning" message={t('workbenchUnavailable', { names: q.data.unavailable.join('、') })} />
      )}
      {q.isLoading ? (
        <Skeleton active />
      ) : waiting.length === 0 ? (
        <Card>
          <Empty description={t('workbenchNothing')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {waiting.map((item) => (
            <Col key={item.kind} xs={24} sm={12} lg={8} xl={6}>
              <Link to={workItemHref(item)} data-testid={`work-${item.kind}`}>
                <Card hoverable size="small" style={{ height: '100%' }}>
                  <Space direction="vertical" size={4} style={{ width: '100%' }}>
                    <Tag color={SEVERITY[item.severity].color}>{t(SEVERITY[item.severity].key)}</Tag>
                    <Typography.Text strong>{title(item)}</Typography.Text>
                    <Typography.Text style={{ fontSize: 30, lineHeight: 1.2 }} data-testid="work-count">
                      {item.count}
                      {item.capped ? '+' : ''}
                    </Typography.Text>
                  </Space>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
      {idle.length > 0 && (
        <Card size="small" title={t('workbenchOthers')}>
          <List
            size="small"
            dataSource={idle}
            renderItem={(item) => (
              <List.Item data-testid={`work-${item.kind}`}>
                <Link to={workItemHref(item)}>{title(item)}</Link>
                <Typography.Text type="secondary">0</Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}

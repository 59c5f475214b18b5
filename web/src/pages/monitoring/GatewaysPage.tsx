// 数据接入凭证: the credentials an enterprise's data gateways (or, for a platform admin, a
// regional IoT platform) log in to the MQTT broker with. The secret is shown once, right after
// issue, with the MQTT settings a gateway's installer needs; revoking cuts live connections.
import type { GatewayCredential as Credential, IssuedGatewayCredential as Issued } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Radio, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api, formErrors } from '../../api.ts';
import { useEnterprisePicker } from '../../components/useEnterprisePicker.ts';
import { formatTime, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';

export function GatewaysPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  // Regional credentials and the choice of enterprise: the platform admin's (domain monitoring policy).
  const admin = may(me, 'monitoring.issueRegionalGateways');
  const mayManage = may(me, 'monitoring.manageGateways');
  const [cover, setCover] = useState<'enterprise' | 'region'>('enterprise');
  const enterprisePicker = useEnterprisePicker(issuing && admin);
  const list = useQuery({
    queryKey: ['gateway-credentials'],
    queryFn: () => api<{ items: Credential[]; connections?: number }>('/api/v1/gateway-credentials'),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['gateway-credentials'] });

  const issue = async (v: { name: string; enterpriseId?: string; regionCode?: string }) => {
    const json = !admin
      ? { name: v.name }
      : cover === 'enterprise'
        ? { name: v.name, enterpriseId: v.enterpriseId }
        : { name: v.name, regionCode: v.regionCode ?? '' };
    try {
      const r = await api<Issued>('/api/v1/gateway-credentials', { method: 'POST', json });
      setIssuing(false);
      form.resetFields();
      setIssued(r);
      refresh();
    } catch (e) {
      if (e instanceof ApiError) form.setFields(formErrors(e));
      else throw e;
    }
  };
  const revoke = async (c: Credential) => {
    await api(`/api/v1/gateway-credentials/${c.id}/revoke`, { method: 'POST' });
    message.success(t('gatewaysRevoked'));
    refresh();
  };
  const coverage = (c: Credential) =>
    c.creditCode
      ? `${c.enterpriseName}（${c.creditCode}）`
      : c.regionCode
        ? `${t('gatewaysRegion')} ${c.regionCode}`
        : t('gatewaysNationwide');

  return (
    <Card
      title={t('gateways')}
      extra={
        mayManage && (
          <Button type="primary" onClick={() => setIssuing(true)}>
            {t('gatewaysIssue')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('gatewaysHelp')}</Typography.Paragraph>
      <Table<Credential>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        scroll={{ x: 900 }}
        columns={[
          { title: t('gatewaysName'), dataIndex: 'name' },
          { title: t('gatewaysCovers'), render: (_, c) => coverage(c) },
          {
            title: t('gatewaysUsername'),
            width: 300,
            render: (_, c) => (
              <Typography.Text code copyable>
                {c.username}
              </Typography.Text>
            ),
          },
          { title: t('gatewaysIssuedAt'), width: 150, render: (_, c) => `${formatTime(c.createdAt, lang)} ${c.createdBy ?? ''}` },
          { title: t('gatewaysLastUsed'), width: 140, render: (_, c) => (c.lastUsedAt ? formatTime(c.lastUsedAt, lang) : '—') },
          {
            title: t('wallStatus'),
            width: 90,
            render: (_, c) => (c.revokedAt ? <Tag>{t('gatewaysRevokedTag')}</Tag> : <Tag color="green">{t('gatewaysActive')}</Tag>),
          },
          {
            title: '',
            width: 80,
            render: (_, c) =>
              c.allowedActions.includes('revoke') ? (
                <Popconfirm title={t('gatewaysRevokeConfirm')} onConfirm={() => revoke(c)}>
                  <Button size="small" danger>
                    {t('gatewaysRevoke')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <Modal open={issuing} title={t('gatewaysIssue')} onCancel={() => setIssuing(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={issue}>
          <Form.Item name="name" label={t('gatewaysName')} rules={[{ required: true }]}>
            <Input maxLength={60} placeholder={t('gatewaysNamePlaceholder')} />
          </Form.Item>
          {admin && (
            <>
              <Radio.Group value={cover} onChange={(e) => setCover(e.target.value)} style={{ marginBottom: 16 }}>
                <Radio value="enterprise">{t('gatewaysOneEnterprise')}</Radio>
                <Radio value="region">{t('gatewaysRegionWide')}</Radio>
              </Radio.Group>
              {cover === 'enterprise' ? (
                <Form.Item name="enterpriseId" label={t('gatewaysCovers')} rules={[{ required: true }]}>
                  <Select showSearch filterOption={false} onSearch={enterprisePicker.onSearch} options={enterprisePicker.options} />
                </Form.Item>
              ) : (
                <Form.Item name="regionCode" label={t('gatewaysRegion')} extra={t('gatewaysRegionHelp')}>
                  <Input maxLength={12} />
                </Form.Item>
              )}
            </>
          )}
        </Form>
      </Modal>
      <Modal open={!!issued} title={t('gatewaysIssued')} onCancel={() => setIssued(null)} footer={null} width={640}>
        {issued && (
          <>
            <Alert type="warning" showIcon message={t('gatewaysOnce')} style={{ marginBottom: 16 }} />
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('gatewaysUsername')}>
                <Typography.Text code copyable>
                  {issued.username}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('gatewaysPassword')}>
                <Typography.Text code copyable data-testid="gateway-password">
                  {issued.password}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('gatewaysTopic')}>
                <Typography.Text code>{`taishan/telemetry/${issued.creditCode ?? '{统一社会信用代码}'}`}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="QoS">1</Descriptions.Item>
            </Descriptions>
          </>
        )}
      </Modal>
    </Card>
  );
}

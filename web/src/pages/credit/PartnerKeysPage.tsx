// 联合惩戒查询密钥 (admin): partner departments' keys for the query by credit code — issued (the key
// shown once, only its hash kept), listed with their use, revoked.
import type { PartnerKey } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, formErrors } from '../../api.ts';
import { formatTime, useI18n } from '../../i18n.tsx';
import { fetchPartnerKeys, issuePartnerKey, revokePartnerKey } from './credit-api.ts';

export function PartnerKeysPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const [form] = Form.useForm();
  const q = useQuery({ queryKey: ['credit-partner-keys'], queryFn: fetchPartnerKeys });
  const issue = async () => {
    const v = await form.validateFields();
    try {
      const r = await issuePartnerKey(v);
      setOpen(false);
      setShown(r.key);
      await qc.invalidateQueries({ queryKey: ['credit-partner-keys'] });
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e));
        message.error(e.message);
      } else throw e;
    }
  };
  return (
    <Card
      title={t('crPartnerKeys')}
      extra={
        <Button type="primary" onClick={() => setOpen(true)} data-testid="partner-key-issue">
          {t('crIssueKey')}
        </Button>
      }
    >
      <Alert type="info" showIcon message={t('crPartnerKeysHelp')} style={{ marginBottom: 16 }} />
      <Table<PartnerKey>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        data-testid="partner-keys"
        columns={[
          { title: t('crKeyName'), dataIndex: 'name' },
          { title: t('crKeyContact'), dataIndex: 'contact', width: 160 },
          { title: t('crKeyPrefix'), dataIndex: 'prefix', width: 110, render: (v) => <code>tsk_{v}_…</code> },
          { title: t('crKeyPerMinute'), dataIndex: 'perMinute', width: 120 },
          { title: t('crKeyQueries'), dataIndex: 'queries', width: 100 },
          { title: t('crKeyLastUsed'), dataIndex: 'lastUsedAt', width: 170, render: (v) => (v ? formatTime(v, lang) : '—') },
          {
            title: '',
            width: 160,
            render: (_, k) =>
              k.revokedAt ? (
                <Tag>{t('crKeyRevoked')}</Tag>
              ) : (
                <>
                  <Tag color="green">{t('crKeyActive')}</Tag>
                  {k.allowedActions.includes('revoke') && (
                    <Popconfirm
                      title={t('crRevokeConfirm')}
                      onConfirm={async () => {
                        await revokePartnerKey(k.id);
                        await qc.invalidateQueries({ queryKey: ['credit-partner-keys'] });
                      }}
                    >
                      <Button size="small" danger>
                        {t('crRevoke')}
                      </Button>
                    </Popconfirm>
                  )}
                </>
              ),
          },
        ]}
      />
      <Modal open={open} title={t('crIssueKey')} onCancel={() => setOpen(false)} onOk={issue} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('crKeyName')} rules={[{ required: true, min: 2 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="contact" label={t('crKeyContact')}>
            <Input />
          </Form.Item>
          <Form.Item name="perMinute" label={t('crKeyPerMinute')}>
            <InputNumber min={1} max={1000000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!shown}
        title={t('crIssueKey')}
        onCancel={() => setShown(null)}
        onOk={() => setShown(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Typography.Paragraph>{t('crKeyShownOnce')}</Typography.Paragraph>
        <Typography.Paragraph copyable code data-testid="partner-key-shown">
          {shown}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}

// 安全承诺: the enterprise signs its yearly commitment from the template (signer, title) and sees
// the ones it signed and any broken; a regulator opens it from a credit file (?enterpriseId=…),
// records a commitment signed on paper or a broken one (with the facts), which lowers the level.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, InputNumber, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { formatTime, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { fetchCommitments, recordBreach, signCommitment } from './credit-api.ts';

export function CommitmentsPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const enterpriseId = params.get('enterpriseId') ?? undefined;
  const isEnterprise = !!me?.scope.enterpriseId;
  const [signOpen, setSignOpen] = useState(false);
  const [breachOpen, setBreachOpen] = useState(false);
  const [signForm] = Form.useForm();
  const [breachForm] = Form.useForm();
  const q = useQuery({
    queryKey: ['credit-commitments', enterpriseId ?? 'own'],
    queryFn: () => fetchCommitments(enterpriseId),
    enabled: isEnterprise || !!enterpriseId,
  });
  if (!isEnterprise && !enterpriseId) return <Card title={t('crMenuCommitments')}>{<Empty description={t('crPickEnterprise')} />}</Card>;
  const d = q.data;
  const submit = async (form: typeof signForm, send: (v: Record<string, unknown>) => Promise<unknown>, close: () => void) => {
    const v = await form.validateFields();
    try {
      await send(v);
      await qc.invalidateQueries({ queryKey: ['credit-commitments'] });
      await qc.invalidateQueries({ queryKey: ['credit-file'] });
      close();
      message.success(t('saved'));
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e));
        message.error(e.message);
      } else throw e;
    }
  };
  return (
    <Card
      loading={q.isLoading}
      title={d ? `${t('crMenuCommitments')} · ${d.enterpriseName}` : t('crMenuCommitments')}
      extra={
        d && (
          <Space wrap>
            {!d.signedThisYear && may(me, 'credit.sign') && (
              <Button
                type="primary"
                data-testid="commitment-sign"
                onClick={() => {
                  signForm.setFieldsValue({ year: d.year });
                  setSignOpen(true);
                }}
              >
                {t('crSign')}
              </Button>
            )}
            {may(me, 'credit.breach') && (
              <Button
                danger
                data-testid="commitment-breach"
                onClick={() => {
                  breachForm.setFieldsValue({ year: d.year });
                  setBreachOpen(true);
                }}
              >
                {t('crBreach')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {d && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {!d.signedThisYear && (
            <Alert type="warning" showIcon message={t('crNotSignedYet', { year: d.year })} data-testid="commitment-unsigned" />
          )}
          <List
            dataSource={d.items}
            locale={{ emptyText: t('crNoEvents') }}
            data-testid="commitments"
            renderItem={(c) => (
              <List.Item>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Space wrap>
                    <Typography.Text strong>
                      {t('crYear')} {c.year}
                    </Typography.Text>
                    <Tag color="green">{t('crSigned')}</Tag>
                    <Typography.Text type="secondary">
                      {c.signer} · {formatTime(c.signedAt, lang)}
                    </Typography.Text>
                    {c.breaches.length > 0 && (
                      <Tag color="red">
                        {t('crEventBrokenCommitment')} × {c.breaches.length}
                      </Tag>
                    )}
                  </Space>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-line', marginBottom: 0 }} ellipsis={{ rows: 2, expandable: true }}>
                    {c.text}
                  </Typography.Paragraph>
                  {c.breaches.map((b) => (
                    <Alert key={b.id} type="error" message={`${b.occurredOn} ${b.reason}`} description={b.recordedByName ?? undefined} />
                  ))}
                </Space>
              </List.Item>
            )}
          />
          {d.unattachedBreaches.map((b) => (
            <Alert key={b.id} type="error" message={`${t('crEventBrokenCommitment')} ${b.year}：${b.occurredOn} ${b.reason}`} />
          ))}
        </Space>
      )}
      <Modal
        open={signOpen}
        title={t('crSign')}
        onCancel={() => setSignOpen(false)}
        onOk={() =>
          submit(
            signForm,
            (v) => signCommitment({ ...(v as { year: number; signer: string }), ...(enterpriseId ? { enterpriseId } : {}) }),
            () => setSignOpen(false),
          )
        }
        destroyOnHidden
      >
        <Form form={signForm} layout="vertical">
          <Form.Item name="year" label={t('crYear')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="signer" label={t('crSigner')} rules={[{ required: true, min: 2 }]}>
            <Input data-testid="commitment-signer" />
          </Form.Item>
          <Form.Item name="signerTitle" label={t('crSignerTitle')}>
            <Input />
          </Form.Item>
          <Typography.Text type="secondary">{t('crTemplate')}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-line' }}>{d?.template}</Typography.Paragraph>
        </Form>
      </Modal>
      <Modal
        open={breachOpen}
        title={t('crBreach')}
        onCancel={() => setBreachOpen(false)}
        onOk={() =>
          submit(
            breachForm,
            (v) =>
              recordBreach({
                enterpriseId: d?.enterpriseId ?? '',
                year: v.year as number,
                reason: v.reason as string,
                occurredOn: (v.occurredOn as { format: (f: string) => string }).format('YYYY-MM-DD'),
              }),
            () => setBreachOpen(false),
          )
        }
        destroyOnHidden
      >
        <Form form={breachForm} layout="vertical">
          <Form.Item name="year" label={t('crYear')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="occurredOn" label={t('crBreachOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="reason" label={t('crBreachReason')} rules={[{ required: true, min: 4 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

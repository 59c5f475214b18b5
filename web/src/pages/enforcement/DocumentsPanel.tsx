// The documents of an inspection or a case (执法文书): number, title, date of issue, the party's
// signature and the service records; the PDF opens for preview and print; the enforcing organ
// records signature and service with the buttons each document's allowedActions allow.
import { DOCUMENT_TYPES, SERVICE_METHOD_LABELS, SERVICE_METHODS, type ServiceMethod } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, formErrors } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { documentPdfUrl, type EnforcementDocument, fetchDocuments, recordService, recordSignature } from './documents-api.ts';

type Dialog = { doc: EnforcementDocument; kind: 'service' | 'signature' } | null;

export function DocumentsPanel(props: { inspectionId?: string; caseId?: string; title?: string }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [dialog, setDialog] = useState<Dialog>(null);
  const key = ['enforcement-documents', props.inspectionId ?? null, props.caseId ?? null];
  const docs = useQuery({ queryKey: key, queryFn: () => fetchDocuments(props) });

  const open = (doc: EnforcementDocument, kind: 'service' | 'signature') => {
    form.resetFields();
    form.setFieldsValue({ at: dayjs(), method: 'direct', refused: false });
    setDialog({ doc, kind });
  };
  const save = async () => {
    if (!dialog) return;
    const v = await form.validateFields();
    const at = (v.at as Dayjs).toISOString();
    try {
      if (dialog.kind === 'service')
        await recordService(dialog.doc.id, {
          method: v.method as ServiceMethod,
          servedAt: at,
          recipient: v.recipient,
          place: v.place || undefined,
          servedBy: [me?.id ?? ''],
          note: v.note || undefined,
        });
      else
        await recordSignature(dialog.doc.id, v.refused ? { refused: true, signedAt: at } : { signedByName: v.signedByName, signedAt: at });
      setDialog(null);
      message.success(t('saved'));
      await qc.invalidateQueries({ queryKey: key });
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e).map((f) => ({ ...f, name: f.name[0] === 'servedAt' || f.name[0] === 'signedAt' ? ['at'] : f.name })));
        message.error(e.message);
      } else throw e;
    }
  };

  const signature = (d: EnforcementDocument) =>
    d.signatureRefused ? (
      <Tag color="orange">{t('docSignatureRefused')}</Tag>
    ) : d.signedByName ? (
      <span>
        {d.signedByName} · {formatTime(d.signedAt ?? '', lang)}
      </span>
    ) : (
      <Typography.Text type="secondary">{t('docNotSigned')}</Typography.Text>
    );

  return (
    <Card title={props.title ?? t('docTitle')} size="small" data-testid="documents-panel">
      <Table<EnforcementDocument>
        rowKey="id"
        size="small"
        pagination={false}
        loading={docs.isLoading}
        dataSource={docs.data?.items ?? []}
        scroll={{ x: true }}
        locale={{ emptyText: t('docNone') }}
        columns={[
          {
            title: t('docName'),
            render: (_, d) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{pick(lang, DOCUMENT_TYPES[d.kind])}</Typography.Text>
                <Typography.Text type="secondary" data-testid="doc-number">
                  {d.number}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('docIssuedAt'), render: (_, d) => formatTime(d.issuedAt, lang) },
          { title: t('docSignature'), render: (_, d) => signature(d) },
          {
            title: t('docService'),
            render: (_, d) =>
              d.services.length ? (
                d.services.map((s) => (
                  <div key={s.id}>
                    {pick(lang, SERVICE_METHOD_LABELS[s.method])} · {s.recipient} · {formatTime(s.servedAt, lang)}
                  </div>
                ))
              ) : (
                <Typography.Text type="secondary">{t('docNotServed')}</Typography.Text>
              ),
          },
          {
            title: t('actions'),
            render: (_, d) => (
              <Space wrap>
                <Button size="small" href={documentPdfUrl(d.id)} target="_blank" rel="noopener">
                  {t('docPreview')}
                </Button>
                {d.allowedActions.includes('recordSignature') && (
                  <Button size="small" onClick={() => open(d, 'signature')}>
                    {t('docRecordSignature')}
                  </Button>
                )}
                {d.allowedActions.includes('recordService') && (
                  <Button size="small" onClick={() => open(d, 'service')}>
                    {t('docRecordService')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!dialog}
        title={dialog ? `${dialog.kind === 'service' ? t('docRecordService') : t('docRecordSignature')} · ${dialog.doc.number}` : ''}
        onOk={save}
        onCancel={() => setDialog(null)}
        okText={t('save')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {dialog?.kind === 'service' ? (
            <>
              <Form.Item name="method" label={t('docServiceMethod')} rules={[{ required: true }]}>
                <Select options={SERVICE_METHODS.map((m) => ({ value: m, label: pick(lang, SERVICE_METHOD_LABELS[m]) }))} />
              </Form.Item>
              <Form.Item name="recipient" label={t('docRecipient')} rules={[{ required: true, message: t('docRecipientRequired') }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="place" label={t('docPlace')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="note" label={t('docNote')}>
                <Input.TextArea maxLength={500} />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="refused" label={t('docSignature')}>
                <Radio.Group
                  options={[
                    { value: false, label: t('docSigned') },
                    { value: true, label: t('docSignatureRefused') },
                  ]}
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() =>
                  !form.getFieldValue('refused') && (
                    <Form.Item name="signedByName" label={t('docSignedBy')} rules={[{ required: true, message: t('docSignedByRequired') }]}>
                      <Input maxLength={50} />
                    </Form.Item>
                  )
                }
              </Form.Item>
            </>
          )}
          <Form.Item name="at" label={t('docTime')} rules={[{ required: true }]}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

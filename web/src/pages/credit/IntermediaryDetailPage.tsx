// One intermediary: its details and staff, its reports (record one, find one false), its credit
// file; edit and delete as allowedActions allow.
import { INTERMEDIARY_KIND_LABELS, type IntermediaryReport, REPORT_CONCLUSION_LABELS, REPORT_CONCLUSIONS } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Popconfirm, Result, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { addReport, deleteIntermediary, fetchIntermediary, markFalse } from './credit-api.ts';
import { IntermediaryForm } from './IntermediariesPage.tsx';
import { LevelTag } from './parts.tsx';

export function IntermediaryDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [reportOpen, setReportOpen] = useState(false);
  const [falseOf, setFalseOf] = useState<IntermediaryReport | null>(null);
  const [reportForm] = Form.useForm();
  const [falseForm] = Form.useForm();
  const q = useQuery({ queryKey: ['credit-intermediary', id], queryFn: () => fetchIntermediary(id), retry: false });
  if (q.error) return <Result status="404" title={(q.error as Error).message} />;
  const a = q.data;
  const refresh = () => qc.invalidateQueries({ queryKey: ['credit-intermediary', id] });
  const run = async (form: typeof reportForm, send: (v: Record<string, string | boolean>) => Promise<unknown>, close: () => void) => {
    const v = await form.validateFields();
    try {
      await send(v);
      await refresh();
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
      title={a?.name}
      extra={
        a && (
          <Space wrap>
            <Button onClick={() => nav('/credit/intermediaries')}>{t('back')}</Button>
            <Button onClick={() => nav(`/credit/intermediaries/${a.id}/file`)}>{t('crFile')}</Button>
            {a.allowedActions.includes('addReport') && (
              <Button
                onClick={() => {
                  reportForm.setFieldsValue({ publish: true, conclusion: 'pass' });
                  setReportOpen(true);
                }}
                data-testid="report-add"
              >
                {t('crAddReport')}
              </Button>
            )}
            {a.allowedActions.includes('edit') && <Button onClick={() => setEditing(true)}>{t('edit')}</Button>}
            {a.allowedActions.includes('delete') && (
              <Popconfirm
                title={t('confirmDelete')}
                onConfirm={async () => {
                  await deleteIntermediary(a.id);
                  message.success(t('deleted'));
                  nav('/credit/intermediaries');
                }}
              >
                <Button danger>{t('crDeleteIntermediary')}</Button>
              </Popconfirm>
            )}
          </Space>
        )
      }
    >
      {a && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('crUscc')}>{a.uscc}</Descriptions.Item>
            <Descriptions.Item label={t('crKind')}>{pick(lang, INTERMEDIARY_KIND_LABELS[a.kind])}</Descriptions.Item>
            <Descriptions.Item label={t('crRegion')}>{a.regionName ?? a.regionCode}</Descriptions.Item>
            <Descriptions.Item label={t('crLevel')}>
              <Space size={4}>
                <LevelTag level={a.level} />
                {a.listed && <Tag color="magenta">{t('crListedTag')}</Tag>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('crQualification')}>{a.qualificationNumber}</Descriptions.Item>
            <Descriptions.Item label={t('crQualificationUntil')}>{a.qualificationValidUntil}</Descriptions.Item>
            <Descriptions.Item label={t('crAddress')} span={2}>
              {a.address}
            </Descriptions.Item>
            <Descriptions.Item label={t('crStaff')} span={2}>
              {a.staff.map((s) => `${s.name}（${s.qualificationNumber}）`).join('、')}
            </Descriptions.Item>
          </Descriptions>
          <Table<IntermediaryReport>
            rowKey="id"
            size="small"
            title={() => t('crReports')}
            dataSource={a.reports}
            pagination={false}
            data-testid="intermediary-reports"
            columns={[
              { title: t('crReportDate'), dataIndex: 'reportDate', width: 120 },
              { title: t('crReportTitle'), dataIndex: 'title' },
              { title: t('crReportClient'), dataIndex: 'enterpriseName' },
              {
                title: t('crReportConclusion'),
                dataIndex: 'conclusion',
                width: 140,
                render: (v: IntermediaryReport['conclusion']) => pick(lang, REPORT_CONCLUSION_LABELS[v]),
              },
              {
                title: '',
                width: 220,
                render: (_, r) => (
                  <Space size={4} wrap>
                    {r.published && <Tag color="blue">{t('crReportPublished')}</Tag>}
                    {r.falseFoundAt ? (
                      <Tag color="red" title={r.falseReason ?? ''}>
                        {t('crFalse')} {formatTime(r.falseFoundAt, lang, true)}
                      </Tag>
                    ) : (
                      a.allowedActions.includes('addReport') && (
                        <Button size="small" danger onClick={() => setFalseOf(r)}>
                          {t('crMarkFalse')}
                        </Button>
                      )
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Space>
      )}
      <IntermediaryForm
        open={editing}
        initial={a ?? null}
        onClose={async (saved) => {
          setEditing(false);
          if (saved) await refresh();
        }}
      />
      <Modal
        open={reportOpen}
        title={t('crAddReport')}
        onCancel={() => setReportOpen(false)}
        onOk={() =>
          run(
            reportForm,
            (v) => addReport(id, v as never),
            () => setReportOpen(false),
          )
        }
        destroyOnHidden
      >
        <Form form={reportForm} layout="vertical">
          <Form.Item name="title" label={t('crReportTitle')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="enterpriseName" label={t('crReportClient')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="reportDate" label={t('crReportDate')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="conclusion" label={t('crReportConclusion')} rules={[{ required: true }]}>
            <Select options={REPORT_CONCLUSIONS.map((c) => ({ value: c, label: pick(lang, REPORT_CONCLUSION_LABELS[c]) }))} />
          </Form.Item>
          <Form.Item name="summary" label={t('crReportSummary')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="publish" valuePropName="checked">
            <Checkbox>{t('crReportPublish')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!falseOf}
        title={`${t('crMarkFalse')}：${falseOf?.title ?? ''}`}
        onCancel={() => setFalseOf(null)}
        onOk={() =>
          run(
            falseForm,
            (v) => markFalse(falseOf?.id ?? '', v.reason as string),
            () => setFalseOf(null),
          )
        }
        destroyOnHidden
      >
        <Form form={falseForm} layout="vertical">
          <Form.Item name="reason" label={t('crFalseReason')} rules={[{ required: true, min: 4 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

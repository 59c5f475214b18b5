// 法定传染病: each disease with its versions by date (class, managed as class A, in force from–to,
// source); the 2025 law's versions are tagged 暂定. The national or provincial administrator adds a
// disease, changes a class from a date, removes one from the list, or confirms a provisional
// version with its document — changes only append versions (the server refuses rewriting history).
// Owner: cases.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { RequiredLabel, requiredRule } from '../../components/RequiredLabel.tsx';
import { pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { changeDisease, confirmDiseaseVersion, createDisease, fetchDiseases, type PhDisease, type PhVersion } from './cases-api.ts';
import { useCaseLabel } from './cases-ui.tsx';
import { FormDialog } from './FormDialog.tsx';

type Editing =
  | { mode: 'new' }
  | { mode: 'change'; disease: PhDisease; removed: boolean }
  | { mode: 'confirm'; disease: PhDisease; version: PhVersion }
  | null;

export function DiseasesPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const label = useCaseLabel();
  const q = useQuery({ queryKey: ['ph-diseases'], queryFn: fetchDiseases });
  const manage = may(me, 'diseases.manage');
  const [editing, setEditing] = useState<Editing>(null);
  return (
    <Card
      title={t('phCaMenuDiseases')}
      extra={
        manage && (
          <Button type="primary" onClick={() => setEditing({ mode: 'new' })} data-testid="ph-disease-new">
            {t('phCaDiNew')}
          </Button>
        )
      }
    >
      {manage && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('phCaDiHint')} />}
      <Table<PhDisease>
        rowKey="code"
        loading={q.isLoading}
        dataSource={q.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('phCaDisease'), render: (_, d) => pick(lang, d.name) },
          {
            title: t('phCaClass'),
            render: (_, d) =>
              d.current ? (
                <Space size={4}>
                  {label('Class', d.current.class)}
                  {d.current.managedAsClassA && <Tag color="red">{t('phCaManagedAsA')}</Tag>}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: t('phCaEffective'),
            render: (_, d) => (
              <Space direction="vertical" size={2}>
                {d.versions.map((v) => (
                  <span key={v.id}>
                    {v.effectiveFrom} – {v.effectiveTo ?? ''} {label('Class', v.class)}{' '}
                    {v.managedAsClassA && <Tag color="red">{t('phCaManagedAsA')}</Tag>}
                    {v.provisional && <Tag color="gold">{t('phCaProvisional')}</Tag>} <small>{v.source}</small>
                    {manage && v.provisional && (
                      <Button size="small" type="link" onClick={() => setEditing({ mode: 'confirm', disease: d, version: v })}>
                        {t('phCaDiConfirm')}
                      </Button>
                    )}
                  </span>
                ))}
              </Space>
            ),
          },
          ...(manage
            ? [
                {
                  title: t('phCaDiChange'),
                  render: (_: unknown, d: PhDisease) => (
                    <Space size={0} wrap>
                      <Button size="small" type="link" onClick={() => setEditing({ mode: 'change', disease: d, removed: false })}>
                        {t('phCaDiChange')}
                      </Button>
                      {d.versions.some((v) => v.effectiveTo === null) && (
                        <Button size="small" type="link" danger onClick={() => setEditing({ mode: 'change', disease: d, removed: true })}>
                          {t('phCaDiRemove')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <DiseaseDialog editing={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function DiseaseDialog({ editing, onClose }: { editing: NonNullable<Editing>; onClose: () => void }) {
  const { t, lang } = useI18n();
  const label = useCaseLabel();
  const queryClient = useQueryClient();
  const removed = editing.mode === 'change' && editing.removed;
  const current = editing.mode === 'change' ? editing.disease.current : null;
  const title =
    editing.mode === 'new'
      ? t('phCaDiNew')
      : editing.mode === 'confirm'
        ? `${t('phCaDiConfirmTitle')} · ${pick(lang, editing.disease.name)}`
        : `${t(removed ? 'phCaDiRemove' : 'phCaDiChange')} · ${pick(lang, editing.disease.name)}`;
  type V = {
    code?: string;
    nameZh?: string;
    nameEn?: string;
    class?: string;
    managedAsClassA?: boolean;
    provisional?: boolean;
    effectiveFrom?: dayjs.Dayjs;
    source: string;
  };
  const submit = async (v: V) => {
    const from = v.effectiveFrom ? v.effectiveFrom.format('YYYY-MM-DD') : undefined;
    if (editing.mode === 'new') await createDisease({ ...v, effectiveFrom: from });
    else if (editing.mode === 'change')
      await changeDisease(editing.disease.code, {
        class: removed ? (current?.class ?? 'B') : v.class,
        managedAsClassA: removed ? false : (v.managedAsClassA ?? false),
        provisional: v.provisional ?? false,
        source: v.source,
        effectiveFrom: from,
        removed,
      });
    else await confirmDiseaseVersion(editing.version.id, v.source);
    await queryClient.invalidateQueries({ queryKey: ['ph-diseases'] });
  };
  return (
    <FormDialog<V>
      title={title}
      testId="ph-disease-dialog"
      initial={{ class: current?.class ?? 'B', managedAsClassA: current?.managedAsClassA ?? false, provisional: false }}
      submit={submit}
      onClose={onClose}
    >
      {editing.mode === 'new' && (
        <>
          <Form.Item name="code" label={t('phCaDiCode')} rules={[{ required: true }]}>
            <Input placeholder="nipah" />
          </Form.Item>
          <Form.Item name="nameZh" label={t('phCaDiNameZh')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('phCaDiNameEn')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        </>
      )}
      {editing.mode !== 'confirm' && !removed && (
        <>
          <Form.Item name="class" label={<RequiredLabel>{t('phCaClass')}</RequiredLabel>} rules={[requiredRule(t('required'))]}>
            <Radio.Group optionType="button" options={(['A', 'B', 'C'] as const).map((c) => ({ value: c, label: label('Class', c) }))} />
          </Form.Item>
          <Form.Item name="managedAsClassA" valuePropName="checked">
            <Checkbox>{t('phCaManagedAsA')}</Checkbox>
          </Form.Item>
          <Form.Item name="provisional" valuePropName="checked">
            <Checkbox>{t('phCaProvisional')}</Checkbox>
          </Form.Item>
        </>
      )}
      {removed && <Typography.Paragraph>{t('phCaDiRemovedFrom')}</Typography.Paragraph>}
      {editing.mode === 'confirm' && (
        <Typography.Paragraph>
          {editing.version.effectiveFrom} – {editing.version.effectiveTo ?? ''} {label('Class', editing.version.class)}
          <br />
          <small>{editing.version.source}</small>
        </Typography.Paragraph>
      )}
      {editing.mode !== 'confirm' && (
        <Form.Item name="effectiveFrom" label={t('phCaDiFrom')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      )}
      <Form.Item name="source" label={t('phCaDiSource')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormDialog>
  );
}

// 考核模板: the items and weights the level above sets for its children's sheets (counties for a
// city, cities for a province). Editing saves a new version (the old ones stay, listed below); the
// weights must add up to 100. A county or city sees the template it is assessed by, read-only.
import {
  ASSESSMENT_FORMULAS,
  ASSESSMENT_METRIC_LABELS,
  ASSESSMENT_METRICS,
  type AssessmentItem,
  type AssessmentMetric,
} from '@taishan/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Collapse, Input, InputNumber, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { fetchTemplate, saveTemplate } from './assessment-api.ts';
import { ProvisionalTag } from './assessment-parts.tsx';

export function AssessmentTemplatePage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const tpl = useQuery({ queryKey: ['assessment-template'], queryFn: fetchTemplate });
  const [items, setItems] = useState<AssessmentItem[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (tpl.data) setItems(tpl.data.items);
  }, [tpl.data]);
  const save = useMutation({
    mutationFn: () => saveTemplate({ version: tpl.data?.version ?? 0, items, note: note || undefined }),
    onSuccess: (r) => {
      setError(null);
      setNote('');
      message.success(t('asSavedVersion', { n: r.version }));
      qc.invalidateQueries({ queryKey: ['assessment-template'] });
    },
    onError: (e) => setError(e instanceof ApiError ? [e.message, ...Object.values(e.fields)].join('；') : String(e)),
  });
  const d = tpl.data;
  if (!d) return <Card loading={tpl.isLoading} />;
  const editable = d.editable;
  const sum = items.reduce((s, i) => s + (i.weight || 0), 0);
  const update = (n: number, patch: Partial<AssessmentItem>) =>
    setItems(items.map((it, k) => (k === n ? ({ ...it, ...patch } as AssessmentItem) : it)));
  const unused = ASSESSMENT_METRICS.filter((m) => !items.some((i) => i.source === 'computed' && i.metric === m));
  const levelLabel = d.level === 'city' ? t('asLevelCity') : t('asLevelCounty');

  return (
    <Card
      title={
        <Space>
          {t('asTemplateTitle', { level: levelLabel })}
          <Tag>{d.version === 0 ? t('asDefaultTemplate') : t('asTemplateVersion', { n: d.version })}</Tag>
          <ProvisionalTag />
        </Space>
      }
      extra={
        editable && (
          <Button type="primary" onClick={() => save.mutate()} loading={save.isPending} disabled={sum !== 100} data-testid="template-save">
            {t('asSaveTemplate')}
          </Button>
        )
      }
    >
      {!editable && <Alert type="info" showIcon message={t('asTemplateReadOnly')} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Table<AssessmentItem & { n: number }>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={items.map((i, n) => ({ ...i, n }))}
        data-testid="template-items"
        columns={[
          {
            title: t('asItem'),
            dataIndex: 'label',
            render: (v: string, r) =>
              editable ? (
                <Input aria-label={t('asItem')} value={v} maxLength={60} onChange={(e) => update(r.n, { label: e.target.value })} />
              ) : (
                v
              ),
          },
          {
            title: t('asSource'),
            key: 'source',
            width: 200,
            render: (_, r) =>
              r.source === 'computed' ? (
                <Tooltip title={pick(lang, ASSESSMENT_FORMULAS[r.metric])}>
                  <Tag color="blue">{pick(lang, ASSESSMENT_METRIC_LABELS[r.metric])}</Tag>
                </Tooltip>
              ) : (
                <Tag color="purple">{t('asManual')}</Tag>
              ),
          },
          {
            title: t('asWeight'),
            dataIndex: 'weight',
            width: 110,
            render: (v: number, r) =>
              editable ? (
                <InputNumber
                  min={1}
                  max={100}
                  precision={0}
                  value={v}
                  onChange={(x) => update(r.n, { weight: x ?? 0 })}
                  aria-label={t('asWeight')}
                  data-testid={`template-weight-${r.key}`}
                />
              ) : (
                v
              ),
          },
          ...(editable
            ? [
                {
                  title: t('actions'),
                  key: 'rm',
                  width: 80,
                  render: (_: unknown, r: AssessmentItem & { n: number }) => (
                    <Button size="small" danger onClick={() => setItems(items.filter((_, k) => k !== r.n))}>
                      {t('asRemove')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={4}>
              <Typography.Text type={sum === 100 ? 'success' : 'danger'} data-testid="template-sum">
                {t('asTemplateSum', { n: sum })}
              </Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      {editable && (
        <Space wrap style={{ marginTop: 12 }}>
          <Button
            onClick={() => {
              let k = items.length + 1;
              while (items.some((i) => i.key === `manual${k}`)) k++;
              setItems([...items, { key: `manual${k}`, source: 'manual', label: '', weight: 5 }]);
            }}
          >
            {t('asAddManual')}
          </Button>
          {unused.length > 0 && (
            <Select<AssessmentMetric | null>
              placeholder={t('asAddComputed')}
              aria-label={t('asAddComputed')}
              style={{ width: 220 }}
              value={null}
              options={unused.map((m) => ({ value: m, label: pick(lang, ASSESSMENT_METRIC_LABELS[m]) }))}
              onChange={(m) =>
                m && setItems([...items, { key: m, source: 'computed', metric: m, label: ASSESSMENT_METRIC_LABELS[m].zh, weight: 5 }])
              }
            />
          )}
          <Input
            aria-label={t('asTemplateNote')}
            placeholder={t('asTemplateNote')}
            value={note}
            maxLength={200}
            onChange={(e) => setNote(e.target.value)}
            style={{ width: 320 }}
          />
        </Space>
      )}
      {d.history.length > 0 && (
        <Collapse
          style={{ marginTop: 16 }}
          items={[
            {
              key: 'h',
              label: t('asHistory'),
              children: (
                <Table
                  rowKey="version"
                  size="small"
                  pagination={false}
                  dataSource={d.history}
                  columns={[
                    { title: '#', dataIndex: 'version', width: 60 },
                    { title: t('asTemplateNote'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
                    {
                      title: t('asItem'),
                      key: 'items',
                      render: (_, h) => h.items.map((i) => `${i.label} ${i.weight}`).join('、'),
                    },
                    { title: t('actor'), dataIndex: 'createdByName', width: 120 },
                    { title: t('time'), dataIndex: 'createdAt', width: 160, render: (v: string) => formatTime(v, lang) },
                  ]}
                />
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

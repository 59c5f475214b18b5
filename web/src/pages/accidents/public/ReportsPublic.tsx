// The published investigation reports on /open/accidents (安全生产法 Art. 86): a chunk of its own,
// loaded when the tab is opened, so the calculator's first visit does not carry the table.
import { Alert, Descriptions, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../../api.ts';
import { formatTime, useI18n } from '../../../i18n-provider.tsx';
import { GRADE_COLOUR, label, OPEN_GRADE_LABELS, OPEN_SECTION_LABELS, OPEN_TYPE_LABELS } from './labels.ts';

type PublishedReport = {
  id: string;
  number: string;
  unitName: string;
  regionName: string | null;
  occurredAt: string;
  grade: string;
  type: string | null;
  deaths: number | null;
  publishedAt: string;
  report: Record<string, string>;
};

export function ReportsPublic() {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<PublishedReport[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    api<{ items: PublishedReport[] }>('/api/v1/public/accidents/reports', { credentials: 'omit' }).then(
      (r) => live && setItems(r.items),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('openAccReportsNote')}</Typography.Paragraph>
      {failed && <Alert type="error" showIcon message={t('openAccLoadError')} style={{ marginBottom: 12 }} />}
      <Table<PublishedReport>
        rowKey="id"
        size="middle"
        loading={items === null && !failed}
        dataSource={items ?? []}
        locale={{ emptyText: t('openAccReportsEmpty') }}
        scroll={{ x: 900 }}
        data-testid="open-accident-reports"
        expandable={{
          expandRowByClick: true,
          expandedRowRender: (r) => (
            <Descriptions bordered size="small" column={1} data-testid="open-accident-report">
              {Object.keys(OPEN_SECTION_LABELS)
                .filter((s) => r.report[s])
                .map((s) => (
                  <Descriptions.Item key={s} label={label(OPEN_SECTION_LABELS, s, lang)}>
                    <div style={{ whiteSpace: 'pre-wrap' }}>{r.report[s]}</div>
                  </Descriptions.Item>
                ))}
            </Descriptions>
          ),
        }}
        columns={[
          { title: t('openAccNumber'), dataIndex: 'number', width: 190 },
          { title: t('openAccUnit'), dataIndex: 'unitName' },
          { title: t('openAccRegion'), dataIndex: 'regionName', width: 140, render: (v: string | null) => v ?? '—' },
          { title: t('openAccOccurredAt'), dataIndex: 'occurredAt', width: 150, render: (v: string) => formatTime(v, lang) },
          {
            title: t('openAccGrade'),
            dataIndex: 'grade',
            width: 120,
            render: (g: string) => <Tag color={GRADE_COLOUR[g]}>{label(OPEN_GRADE_LABELS, g, lang)}</Tag>,
          },
          {
            title: t('openAccType'),
            dataIndex: 'type',
            width: 120,
            render: (v: string | null) => (v ? label(OPEN_TYPE_LABELS, v, lang) : t('openAccUnknown')),
          },
          {
            title: t('openAccDeaths'),
            dataIndex: 'deaths',
            width: 90,
            align: 'right',
            render: (v: number | null) => (v === null ? t('openAccUnknown') : v),
          },
          { title: t('openAccPublishedAt'), dataIndex: 'publishedAt', width: 120, render: (v: string) => formatTime(v, lang, true) },
        ]}
      />
    </div>
  );
}

// 季度通报: the bulletins issued by this level (its children ranked) and by the levels above (that
// rank it); issuing one for an ended quarter numbers it, freezes its figures and offers the PDF.
import { bulletinPercent, lastEndedQuarter, type RankedBulletinRow } from '@taishan/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api.ts';
import { formatTime, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { type BulletinItem, bulletinPdfUrl, fetchBulletins, issueBulletin } from './assessment-api.ts';
import { ProvisionalTag } from './assessment-parts.tsx';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

export function BulletinPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const last = lastEndedQuarter(today());
  const [year, setYear] = useState(last.year);
  const [quarter, setQuarter] = useState(last.quarter);
  const list = useQuery({ queryKey: ['bulletins'], queryFn: fetchBulletins });
  const issue = useMutation({
    mutationFn: () => issueBulletin({ year, quarter }),
    onSuccess: (b) => {
      message.success(t('asIssued', { number: b.number }));
      qc.invalidateQueries({ queryKey: ['bulletins'] });
    },
    onError: (e) => message.error(e instanceof ApiError ? [e.message, ...Object.values(e.fields)].join('；') : String(e)),
  });
  const ranking = (rows: RankedBulletinRow[]) => (
    <Table<RankedBulletinRow>
      rowKey="regionCode"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('asRanking'), dataIndex: 'rank', width: 70 },
        { title: t('region'), dataIndex: 'regionName' },
        { title: t('asAccidents'), dataIndex: 'accidents', align: 'right' },
        { title: t('asDeaths'), dataIndex: 'deaths', align: 'right' },
        { title: t('asHazardsFound'), dataIndex: 'hazardsFound', align: 'right' },
        { title: t('asRectRate'), dataIndex: 'rectificationRate', align: 'right', render: (v: number | null) => bulletinPercent(v) },
        { title: t('asInspections'), dataIndex: 'inspections', align: 'right' },
        { title: t('asReports'), dataIndex: 'reports', align: 'right' },
      ]}
    />
  );

  return (
    <Card
      title={t('asBulletins')}
      extra={
        may(me, 'assessment.bulletin') && (
          <Space wrap>
            <InputNumber
              min={2000}
              max={last.year}
              value={year}
              onChange={(v) => v && setYear(v)}
              aria-label={t('asYear')}
              data-testid="bulletin-year"
            />
            <Select
              value={quarter}
              style={{ width: 110 }}
              onChange={setQuarter}
              options={[1, 2, 3, 4].map((n) => ({ value: n, label: t('asQuarterN', { n }) }))}
              aria-label={t('asQuarter')}
              data-testid="bulletin-quarter"
            />
            <Button type="primary" onClick={() => issue.mutate()} loading={issue.isPending} data-testid="bulletin-issue">
              {t('asIssueBulletin')}
            </Button>
          </Space>
        )
      }
    >
      <Alert
        type="info"
        showIcon
        message={
          <Space>
            {t('asRankingRule')}
            <ProvisionalTag hint={t('asRankingRule')} />
          </Space>
        }
        style={{ marginBottom: 12 }}
      />
      <Table<BulletinItem>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        data-testid="bulletin-list"
        expandable={{ expandedRowRender: (b) => ranking(b.rows) }}
        columns={[
          { title: t('asNumber'), dataIndex: 'number' },
          { title: t('asIssuer'), dataIndex: 'issuer' },
          { title: t('asQuarter'), key: 'q', render: (_, b) => `${b.year} ${t('asQuarterN', { n: b.quarter })}` },
          { title: t('asIssuedAt'), dataIndex: 'issuedAt', render: (v: string) => formatTime(v, lang, true) },
          { title: '', dataIndex: 'mine', render: (m: boolean) => <Tag>{m ? t('asBulletinOwn') : t('asBulletinAbove')}</Tag> },
          {
            title: t('actions'),
            key: 'dl',
            render: (_, b) => (
              <Button size="small" href={bulletinPdfUrl(b.id)} target="_blank" rel="noopener" data-testid="bulletin-download">
                {t('asDownload')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

// 事故列表: accidents in scope, newest first, with the grade, the figures (不详 when unknown), the
// status and a live countdown to the chain's next forwarding deadline (red with the minutes late).
// Filters live in the URL, so the 工作台's links (?waitingMine=true, ?overdue=true, ?status=…) open
// the list filtered.
import { PlusOutlined } from '@ant-design/icons';
import {
  ACCIDENT_GRADE_LABELS,
  ACCIDENT_GRADES,
  ACCIDENT_STATUS_LABELS,
  ACCIDENT_STATUSES,
  ACCIDENT_TYPE_LABELS,
  CHAIN_LEVEL_LABELS,
  REPORT_FAULT_LABELS,
} from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Space, Table, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import { DateRangeFilter, KeywordFilter, SelectFilter } from '../../components/FilterControls.tsx';
import { MobileCards, usePhone } from '../../components/MobileCards.tsx';
import { useFilters } from '../../components/useFilters.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { type AccidentListItem, fetchAccidents } from './accidents-api.ts';
import { Countdown, Figure, GradeTag } from './parts.tsx';

/** Where the chain waits, with its countdown; or nothing when no level has to forward. */
export function ChainState({ a }: { a: Pick<AccidentListItem, 'waitingAt' | 'forwardBy' | 'id'> }) {
  const { t, lang } = useI18n();
  if (!a.waitingAt || !a.forwardBy) return <span>—</span>;
  return (
    <Space size={4} wrap>
      <span>{t('accWaitingAt', { level: pick(lang, CHAIN_LEVEL_LABELS[a.waitingAt]) })}</span>
      <Countdown deadline={a.forwardBy} testId="accident-countdown" />
    </Space>
  );
}

export function AccidentsPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const phone = usePhone();
  const navigate = useNavigate();
  const { params, set, pagination: pager, query } = useFilters();
  const list = useQuery({ queryKey: ['accidents', query], queryFn: () => fetchAccidents(query), refetchInterval: 60_000 });
  const pagination = pager(list.data?.total, Number(params.get('pageSize') ?? 20), (n) => t('total', { n }));
  const check = (key: string, label: string) => (
    <Checkbox
      checked={params.get(key) === 'true'}
      onChange={(e) => set(key, e.target.checked ? 'true' : undefined)}
      data-testid={`filter-${key}`}
    >
      {label}
    </Checkbox>
  );
  const figures = (a: AccidentListItem) => (
    <span>
      {t('accDeathsShort')} <Figure value={a.deaths} /> · {t('accSeriousShort')} <Figure value={a.seriousInjuries} /> · {t('accMinorShort')}{' '}
      <Figure value={a.minorInjuries} /> · {t('accMissingShort')} <Figure value={a.missing} />
    </span>
  );
  const tags = (a: AccidentListItem) => (
    <>
      <GradeTag grade={a.grade} nearMiss={a.nearMiss} />
      <Tag>{pick(lang, ACCIDENT_STATUS_LABELS[a.status])}</Tag>
      {a.faults.map((f) => (
        <Tag key={f} color="red">
          {pick(lang, REPORT_FAULT_LABELS[f])}
        </Tag>
      ))}
    </>
  );

  return (
    <Card
      title={t('accList')}
      extra={
        may(me, 'accidents.report') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/accidents/new')} data-testid="accident-new">
            {t('accMenuReport')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <KeywordFilter placeholder="accKeyword" testId="accident-keyword" width={220} />
        <SelectFilter
          param="status"
          label={t('status')}
          width={170}
          options={ACCIDENT_STATUSES.map((s) => ({ value: s, label: pick(lang, ACCIDENT_STATUS_LABELS[s]) }))}
        />
        <SelectFilter
          param="grade"
          label={t('accGrade')}
          options={ACCIDENT_GRADES.map((g) => ({ value: g, label: pick(lang, ACCIDENT_GRADE_LABELS[g]) }))}
        />
        <SelectFilter
          param="nearMiss"
          label={t('accNearMiss')}
          options={[
            { value: 'true', label: t('accNearMissOnly') },
            { value: 'false', label: t('accNearMissNot') },
          ]}
        />
        <DateRangeFilter label="accOccurredAt" />
        {check('overdue', t('accOverdueOnly'))}
        {check('waitingMine', t('accWaitingMine'))}
        {(
          [
            ['unacknowledged', 'accFilterUnacknowledged'],
            ['awaitingApproval', 'accFilterAwaitingApproval'],
            ['investigationDue', 'accFilterInvestigationDue'],
            ['enterpriseId', 'accFilterEnterprise'],
            ['needsInspection', 'accFilterNeedsInspection'],
          ] as const
        ).map(
          ([k, label]) =>
            params.get(k) && (
              <Tag key={k} closable onClose={() => set(k, undefined)}>
                {t(label, { n: params.get(k) ?? '' })}
              </Tag>
            ),
        )}
      </Space>
      {phone ? (
        <MobileCards<AccidentListItem>
          items={list.data?.items}
          loading={list.isLoading}
          rowKey={(a) => a.id}
          pagination={pagination}
          testId="accident-list"
          card={(a) => ({
            title: a.unitName,
            link: `/accidents/${a.id}`,
            subtitle: a.number,
            tags: tags(a),
            facts: [
              { label: t('accOccurredAt'), value: formatTime(a.occurredAt, lang) },
              { label: t('accFigures'), value: figures(a) },
              { label: t('accChain'), value: <ChainState a={a} /> },
            ],
          })}
        />
      ) : (
        <Table<AccidentListItem>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={pagination}
          scroll={{ x: 1400 }}
          data-testid="accident-list"
          columns={[
            {
              title: t('accNumber'),
              dataIndex: 'number',
              width: 190,
              render: (v: string, a) => <Link to={`/accidents/${a.id}`}>{v}</Link>,
            },
            { title: t('accUnit'), dataIndex: 'unitName', width: 240 },
            { title: t('region'), dataIndex: 'regionName', width: 130, render: (v: string | null) => v ?? '—' },
            { title: t('accOccurredAt'), dataIndex: 'occurredAt', width: 150, render: (v: string) => formatTime(v, lang) },
            {
              title: t('accGrade'),
              key: 'grade',
              width: 170,
              render: (_, a) => (
                <Space size={4} wrap>
                  {tags(a)}
                </Space>
              ),
            },
            {
              title: t('accType'),
              dataIndex: 'type',
              width: 110,
              render: (v: AccidentListItem['type']) => (v ? pick(lang, ACCIDENT_TYPE_LABELS[v]) : t('accUnknown')),
            },
            { title: t('accFigures'), key: 'figures', width: 260, render: (_, a) => figures(a) },
            {
              title: t('accLoss'),
              dataIndex: 'directLossWanYuan',
              width: 120,
              align: 'right',
              render: (v: number | null) => <Figure value={v} />,
            },
            { title: t('accChain'), key: 'chain', width: 230, render: (_, a) => <ChainState a={a} /> },
          ]}
        />
      )}
    </Card>
  );
}

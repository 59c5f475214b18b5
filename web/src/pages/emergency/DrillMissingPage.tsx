// 演练频次检查: for the regulator, the units of the jurisdiction whose required drills are missing
// (missed in the last closed period, or not yet held in the current one), each obligation with its
// period and source; for an enterprise, its own obligations met or not. The period convention is a
// provisional setting, said so (暂定).
import {
  DRILL_OBLIGATION_LABELS,
  DRILL_OBLIGATION_SOURCES,
  DRILL_OBLIGATION_STATE_LABELS,
  DRILL_OWNER_KIND_LABELS,
  type DrillObligation,
} from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Card, Radio, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { MobileCards, usePhone } from '../../components/MobileCards.tsx';
import { pick, useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { type DrillUnit, fetchMissingDrills } from './drills-api.ts';

const STATE_COLORS = { met: 'green', open: 'gold', missed: 'red' } as const;

function Obligations({ items }: { items: DrillObligation[] }) {
  const { lang } = useI18n();
  return (
    <Space direction="vertical" size={2}>
      {items.map((o) => (
        <Space key={`${o.code}-${o.planId}-${o.which}`} size={4} wrap>
          <Tag color={STATE_COLORS[o.state]}>{pick(lang, DRILL_OBLIGATION_STATE_LABELS[o.state])}</Tag>
          <Tooltip title={DRILL_OBLIGATION_SOURCES[o.code]}>
            <span>{pick(lang, DRILL_OBLIGATION_LABELS[o.code])}</span>
          </Tooltip>
          {o.planTitle && <Typography.Text type="secondary">（{o.planTitle}）</Typography.Text>}
          <Typography.Text type="secondary">
            {o.period.from} ~ {o.period.to}
          </Typography.Text>
        </Space>
      ))}
    </Space>
  );
}

export function DrillMissingPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const phone = usePhone();
  const own = !!me?.scope.enterpriseId;
  const [params] = useSearchParams();
  const fromLink = params.get('state');
  const [state, setState] = useState<'' | 'missed' | 'open'>(fromLink === 'missed' || fromLink === 'open' ? fromLink : own ? '' : 'missed');
  const [page, setPage] = useState(1);
  const query = own ? 'all=true' : `per=unit&page=${page}&pageSize=50${state ? `&state=${state}` : ''}`;
  const q = useQuery({ queryKey: ['drills', 'missing', query], queryFn: () => fetchMissingDrills(query) });

  return (
    <Card
      title={own ? t('emDrAllObligations') : t('emDrMissingTitle')}
      data-testid="drill-missing-page"
      extra={
        <Tooltip title={t('emDrPeriodNote')}>
          <Tag color="warning">{t('emDrProvisional')}</Tag>
        </Tooltip>
      }
    >
      {!own && (
        <Radio.Group
          value={state}
          onChange={(e) => {
            setState(e.target.value);
            setPage(1);
          }}
          style={{ marginBottom: 12 }}
          options={[
            { value: 'missed', label: pick(lang, DRILL_OBLIGATION_STATE_LABELS.missed) },
            { value: 'open', label: pick(lang, DRILL_OBLIGATION_STATE_LABELS.open) },
            { value: '', label: `${pick(lang, DRILL_OBLIGATION_STATE_LABELS.missed)} + ${pick(lang, DRILL_OBLIGATION_STATE_LABELS.open)}` },
          ]}
        />
      )}
      {phone ? (
        <MobileCards
          items={q.data?.items}
          loading={q.isLoading}
          rowKey={(u) => u.unitKey}
          testId="drill-missing-cards"
          card={(u) => ({
            title: u.unitName,
            subtitle: u.regionName,
            tags: u.decree708 ? <Tag color="red">{t('emDrDecree708')}</Tag> : undefined,
            facts: [{ label: t('emDrObligation'), value: <Obligations items={u.obligations} /> }],
          })}
        />
      ) : (
        <Table<DrillUnit>
          rowKey="unitKey"
          size="small"
          loading={q.isLoading}
          dataSource={q.data?.items}
          data-testid="drill-missing-table"
          pagination={own ? false : { current: page, pageSize: 50, total: q.data?.total, onChange: setPage, showSizeChanger: false }}
          columns={[
            {
              title: t('emDrUnit'),
              render: (_, u) => (
                <Space direction="vertical" size={0}>
                  <span>{u.unitName}</span>
                  <Space size={4}>
                    <Tag>{pick(lang, DRILL_OWNER_KIND_LABELS[u.ownerKind])}</Tag>
                    {u.decree708 && <Tag color="red">{t('emDrDecree708')}</Tag>}
                  </Space>
                </Space>
              ),
            },
            { title: t('emDrRegion'), render: (_, u) => u.regionName ?? u.regionCode, width: 160 },
            { title: t('emDrObligation'), render: (_, u) => <Obligations items={u.obligations} /> },
          ]}
        />
      )}
    </Card>
  );
}

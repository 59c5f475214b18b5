// 风险清单: the register of risk points in the user's scope (or one enterprise's), most severe first.

import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { ACCIDENT_TYPES, RISK_LEVEL_INFO, RISK_LEVELS } from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Space, Table } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api, type Page } from '../../api.ts';
import { EnterpriseFilter, KeywordFilter } from '../../components/FilterControls.tsx';
import { LevelTag } from '../../components/LevelTag.tsx';
import { useFilters } from '../../components/useFilters.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import type { RiskPoint } from './api.ts';

export const accidentLabel = (code: string, lang: 'zh' | 'en') => {
  const a = ACCIDENT_TYPES.find((x) => x.code === code);
  return a ? pick(lang, a) : code;
};

export function RiskRegisterPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const nav = useNavigate();
  const { params, set, pagination: pager, query: qs, exportQuery } = useFilters();
  const list = useQuery({ queryKey: ['risk-points', qs], queryFn: () => api<Page<RiskPoint>>(`/api/v1/risk-points?${qs}`) });
  const ownEnterprise = me?.scope.enterpriseId;
  return (
    <Card
      title={t('riskRegister')}
      extra={
        <Space wrap>
          {ownEnterprise && may(me, 'risks.createRiskPoint') && (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => nav('/risks/new')} data-testid="new-risk-point">
                {t('newRiskPoint')}
              </Button>
              <Button onClick={() => nav(`/enterprises/${ownEnterprise}/risk-map`)}>{t('riskMap')}</Button>
            </>
          )}
          <Button icon={<DownloadOutlined />} href={`/api/v1/risk-points/export?${exportQuery}`}>
            {t('export')}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <KeywordFilter placeholder="filterRiskKeyword" />
        {!ownEnterprise && <EnterpriseFilter />}
        <Select
          aria-label={t('level')}
          allowClear
          placeholder={t('level')}
          style={{ width: 140 }}
          value={params.get('level') ?? undefined}
          onChange={(v) => set('level', v)}
          options={RISK_LEVELS.map((l) => ({ value: l, label: pick(lang, RISK_LEVEL_INFO[l]) }))}
        />
        <Select
          aria-label={t('accidentTypes')}
          allowClear
          placeholder={t('accidentTypes')}
          style={{ width: 180 }}
          value={params.get('accidentType') ?? undefined}
          onChange={(v) => set('accidentType', v)}
          options={ACCIDENT_TYPES.map((a) => ({ value: a.code, label: pick(lang, a) }))}
        />
      </Space>
      <Table<RiskPoint>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        scroll={{ x: 900 }}
        data-testid="risk-register"
        pagination={pager(list.data?.total, 50, (n) => t('total', { n }))}
        columns={[
          { title: t('riskPoint'), dataIndex: 'name', render: (v, r) => <Link to={`/risks/${r.id}`}>{v}</Link> },
          ...(ownEnterprise ? [] : [{ title: t('enterprise'), dataIndex: 'enterpriseName' }]),
          { title: t('location'), render: (_: unknown, r: RiskPoint) => r.areaName ?? r.location },
          {
            title: t('accidentTypes'),
            dataIndex: 'accidentTypes',
            render: (v: string[]) => v.map((a) => accidentLabel(a, lang)).join('、'),
          },
          { title: t('method'), dataIndex: 'method', render: (v: string | null) => v?.toUpperCase() ?? '' },
          { title: t('score'), dataIndex: 'score' },
          { title: t('level'), dataIndex: 'level', render: (v: RiskPoint['level']) => <LevelTag level={v} /> },
        ]}
      />
    </Card>
  );
}

// The directory: search by name / credit code, region, industry, high-risk field and flags;
// a table on wide screens, cards on a phone.
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Grid, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, type Enterprise, type Page } from '../../api.ts';
import { flagLabel, industryLabel } from '../../components/labels.ts';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { useFilters } from '../../components/useFilters.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { useReference } from '../../reference.ts';
import { may, useSession } from '../../session.tsx';
import { VISUALLY_HIDDEN } from '../../theme.ts';

export function EnterpriseFlags({ e }: { e: Enterprise }) {
  const { t } = useI18n();
  return (
    <>
      {/* 联合惩戒: a unit on the serious-discredit list is flagged wherever it appears. */}
      {e.listed && (
        <Tag color="magenta" data-testid="flag-listed">
          {t('crListedTag')}
        </Tag>
      )}
      {e.lacksSafetyDirector && (
        <Tag color="red" data-testid="flag-director">
          {t('lacksSafetyDirector')}
        </Tag>
      )}
      {e.creditCodeWarning && (
        <Tag color="orange" data-testid="flag-check">
          {t('creditCodeWarning')}
        </Tag>
      )}
    </>
  );
}

export function EnterpriseListPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const ref = useReference();
  const nav = useNavigate();
  const screens = Grid.useBreakpoint();
  const { params, setParams, set, query: qs, exportQuery } = useFilters();
  const [draft, setDraft] = useState(params.get('q') ?? '');
  const list = useQuery({ queryKey: ['enterprises', qs], queryFn: () => api<Page<Enterprise>>(`/api/v1/enterprises?${qs}`) });

  const filters = (
    <Space wrap style={{ marginBottom: 12 }}>
      <Input.Search
        placeholder={t('searchPlaceholder')}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onSearch={(v) => set('q', v.trim() || undefined)}
        enterButton={t('search')}
        allowClear
        style={{ width: screens.md ? 320 : '100%' }}
        data-testid="search"
      />
      {/* A label for screen readers names the cascader's input (issue 22 item 22). */}
      <label htmlFor="filter-region" style={VISUALLY_HIDDEN}>
        {t('region')}
      </label>
      <RegionCascader
        id="filter-region"
        value={params.get('region')}
        onChange={(c) => set('region', c)}
        placeholder={t('region')}
        style={{ width: 260 }}
      />
      <Select
        aria-label={t('industry')}
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder={t('industry')}
        style={{ width: 220 }}
        value={params.get('industry') ?? undefined}
        onChange={(v) => set('industry', v)}
        options={(ref.data?.industrySections ?? []).map((s) => ({
          label: `${s.code} ${pick(lang, s)}`,
          options: [
            { value: s.code, label: `${s.code} ${pick(lang, s)}（${t('all')}）` },
            ...(ref.data?.industryDivisions ?? [])
              .filter((d) => d.section === s.code)
              .map((d) => ({ value: d.code, label: `${d.code} ${pick(lang, d)}` })),
          ],
        }))}
      />
      <Select
        aria-label={t('highRisk')}
        allowClear
        placeholder={t('highRisk')}
        style={{ width: 160 }}
        value={params.get('highRisk') ?? undefined}
        onChange={(v) => set('highRisk', v)}
        options={(ref.data?.highRiskFlags ?? []).map((f) => ({ value: f.code, label: pick(lang, f) }))}
      />
      <Checkbox
        checked={params.get('lacksSafetyDirector') === 'true'}
        onChange={(e) => set('lacksSafetyDirector', e.target.checked ? 'true' : undefined)}
      >
        {t('lacksSafetyDirector')}
      </Checkbox>
      <Checkbox
        checked={params.get('creditCodeWarning') === 'true'}
        onChange={(e) => set('creditCodeWarning', e.target.checked ? 'true' : undefined)}
      >
        {t('creditCodeWarning')}
      </Checkbox>
    </Space>
  );

  const pagination = {
    current: Number(params.get('page') ?? 1),
    pageSize: Number(params.get('pageSize') ?? 20),
    total: list.data?.total ?? 0,
    showTotal: (n: number) => t('total', { n }),
    onChange: (page: number, pageSize: number) => {
      const next = new URLSearchParams(params);
      next.set('page', String(page));
      next.set('pageSize', String(pageSize));
      setParams(next);
    },
  };

  return (
    <Card
      title={t('enterprises')}
      extra={
        <Space wrap>
          {may(me, 'enterprises.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => nav('/enterprises/new')}>
              {t('create')}
            </Button>
          )}
          {may(me, 'enterprises.import') && (
            <Button icon={<UploadOutlined />} onClick={() => nav('/enterprises/import')}>
              {t('import')}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} href={`/api/v1/enterprises/export?${exportQuery}`}>
            {t('export')}
          </Button>
        </Space>
      }
      styles={{ body: { padding: screens.md ? 24 : 8 } }}
    >
      {filters}
      {screens.md ? (
        <Table<Enterprise>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items}
          pagination={pagination}
          scroll={{ x: 1000 }}
          data-testid="enterprise-table"
          columns={[
            { title: t('name'), dataIndex: 'name', render: (v, e) => <Link to={`/enterprises/${e.id}`}>{v}</Link> },
            { title: t('creditCode'), dataIndex: 'creditCode', width: 200 },
            { title: t('region'), dataIndex: 'regionName', width: 140 },
            { title: t('industry'), dataIndex: 'industryCode', render: (v) => industryLabel(ref.data, v, lang), width: 220 },
            { title: t('employees'), dataIndex: 'employees', width: 100 },
            {
              title: t('highRisk'),
              dataIndex: 'highRisk',
              render: (v: string[], e) => (
                <>
                  {v.map((f) => (
                    <Tag key={f}>{flagLabel(ref.data, f, lang)}</Tag>
                  ))}
                  <EnterpriseFlags e={e} />
                </>
              ),
            },
            { title: t('updatedAt'), dataIndex: 'updatedAt', render: (v) => formatTime(v, lang), width: 150 },
          ]}
        />
      ) : (
        <List<Enterprise>
          loading={list.isLoading}
          dataSource={list.data?.items}
          pagination={{ ...pagination, simple: true }}
          data-testid="enterprise-cards"
          renderItem={(e) => (
            <List.Item onClick={() => nav(`/enterprises/${e.id}`)} style={{ cursor: 'pointer' }}>
              <List.Item.Meta
                title={<Link to={`/enterprises/${e.id}`}>{e.name}</Link>}
                description={
                  <>
                    <Typography.Text type="secondary">
                      {e.regionName} · {industryLabel(ref.data, e.industryCode, lang)}
                    </Typography.Text>
                    <div>
                      {e.highRisk.map((f) => (
                        <Tag key={f}>{flagLabel(ref.data, f, lang)}</Tag>
                      ))}
                      <EnterpriseFlags e={e} />
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

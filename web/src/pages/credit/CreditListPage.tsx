// 信用档案: the jurisdiction's enterprises by credit level, with filters (level, blacklisted, fell to
// C/D in 30 days, this year's commitment unsigned — the 工作台's lists), each opening its file.
import { CREDIT_LEVELS, type CreditLevel } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Input, Select, Space, Statistic, Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { formatTime, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { type CreditListItem, fetchCreditList, recompute } from './credit-api.ts';
import { LevelTag } from './parts.tsx';

export function CreditListPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('page');
    setParams(next);
  };
  const query = {
    level: get('level'),
    q: get('q'),
    listed: get('listed'),
    fellWithinDays: get('fellWithinDays'),
    unsigned: get('unsigned'),
    page: Number(get('page') ?? 1),
    pageSize: 50,
  };
  const q = useQuery({ queryKey: ['credit-files', query], queryFn: () => fetchCreditList(query) });
  return (
    <Card
      title={t('crMenuFiles')}
      extra={
        may(me, 'credit.recompute') && (
          <Button
            onClick={async () => {
              const r = await recompute({});
              message.success(t('crRecomputed', { n: r.computed, changed: r.changed }));
              await qc.invalidateQueries({ queryKey: ['credit-files'] });
            }}
            data-testid="credit-recompute"
          >
            {t('crRecompute')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }} size="large">
        {CREDIT_LEVELS.map((l) => (
          <Statistic key={l} title={<LevelTag level={l} />} value={q.data?.counts[l] ?? 0} />
        ))}
        <Statistic title={<Tag>{t('crNoLevel')}</Tag>} value={q.data?.counts.none ?? 0} />
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('crSearch')}
          defaultValue={query.q}
          onSearch={(v) => set('q', v || undefined)}
          style={{ width: 240 }}
          aria-label={t('crSearch')}
        />
        <Select<CreditLevel>
          allowClear
          placeholder={t('crFilterLevel')}
          value={query.level as CreditLevel | undefined}
          onChange={(v) => set('level', v)}
          options={CREDIT_LEVELS.map((l) => ({ value: l, label: l }))}
          style={{ width: 120 }}
          aria-label={t('crFilterLevel')}
        />
        <Checkbox checked={query.listed === 'true'} onChange={(e) => set('listed', e.target.checked ? 'true' : undefined)}>
          {t('crFilterListed')}
        </Checkbox>
        <Checkbox checked={!!query.fellWithinDays} onChange={(e) => set('fellWithinDays', e.target.checked ? '30' : undefined)}>
          {t('crFilterFell')}
        </Checkbox>
        <Checkbox checked={query.unsigned === 'true'} onChange={(e) => set('unsigned', e.target.checked ? 'true' : undefined)}>
          {t('crFilterUnsigned')}
        </Checkbox>
      </Space>
      <Table<CreditListItem>
        rowKey="enterpriseId"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        data-testid="credit-list"
        pagination={{
          current: query.page,
          pageSize: 50,
          total: q.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) => {
            const next = new URLSearchParams(params);
            next.set('page', String(p));
            setParams(next);
          },
        }}
        columns={[
          {
            title: t('crName'),
            dataIndex: 'name',
            render: (v, r) => (
              <Space size={4}>
                <Link to={`/credit/enterprises/${r.enterpriseId}`}>{v}</Link>
                {r.listed && <Tag color="magenta">{t('crListedTag')}</Tag>}
              </Space>
            ),
          },
          { title: t('crUscc'), dataIndex: 'uscc', width: 200 },
          { title: t('crLevel'), dataIndex: 'level', width: 160, render: (v) => <LevelTag level={v} /> },
          { title: t('crScore'), dataIndex: 'score', width: 80 },
          {
            title: t('crMenuCommitments'),
            dataIndex: 'commitmentSigned',
            width: 130,
            render: (v) => (v ? <Tag color="green">{t('crCommitmentSigned')}</Tag> : <Tag color="orange">{t('crCommitmentUnsigned')}</Tag>),
          },
          { title: t('crChangedAt'), dataIndex: 'changedAt', width: 170, render: (v) => (v ? formatTime(v, lang) : '') },
        ]}
      />
    </Card>
  );
}

// 隐患清单: hazards in scope with the filters regulators use; export both lists.

import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { HAZARD_STATUS_LABELS, type HazardListItem, INSPECTION_TIERS, TIER_LABELS } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, formErrors, type Page } from '../../api.ts';
import { ActiveFilters } from '../../components/ActiveFilters.tsx';
import { DateRangeFilter, EnterpriseFilter, KeywordFilter, RegionFilter } from '../../components/FilterControls.tsx';
import { MobileCards, usePhone } from '../../components/MobileCards.tsx';
import { useEnterprisePicker } from '../../components/useEnterprisePicker.ts';
import { useFilters } from '../../components/useFilters.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { HazardLevelTag, ListedTierLabel, StatusTag } from './HazardTags.tsx';

export function HazardListPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { params, set, pagination: pager, query: qs, exportQuery } = useFilters();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const list = useQuery({
    queryKey: ['hazards', qs],
    queryFn: () => api<Page<HazardListItem> & { totalCapped: boolean }>(`/api/v1/hazards?${qs}`),
  });
  const enterprisePicker = useEnterprisePicker(open && !me?.scope.enterpriseId);
  const phone = usePhone();
  const pagination = pager(list.data?.total, 20, (n: number) => t('total', { n: list.data?.totalCapped ? `${n}+` : n }));
  return (
    <Card
      title={t('hazardList')}
      extra={
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="new-hazard">
            {t('newHazard')}
          </Button>
          <Button icon={<DownloadOutlined />} href={`/api/v1/hazards/export?${exportQuery}`}>
            {t('export')}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <KeywordFilter placeholder="filterHazardKeyword" testId="hazard-keyword" />
        {!me?.scope.enterpriseId && <EnterpriseFilter />}
        {!me?.scope.enterpriseId && <RegionFilter />}
        <DateRangeFilter label="filterFoundDate" />
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('status')}
          allowClear
          placeholder={t('status')}
          style={{ width: 140 }}
          value={params.get('status') ?? undefined}
          onChange={(v) => set('status', v)}
          options={[
            { value: 'open', label: lang === 'zh' ? '未销号' : 'Open' },
            ...Object.entries(HAZARD_STATUS_LABELS).map(([k, v]) => ({ value: k, label: pick(lang, v) })),
          ]}
        />
        <Select
          aria-label={t('hazardLevel')}
          allowClear
          placeholder={t('hazardLevel')}
          style={{ width: 120 }}
          value={params.get('level') ?? undefined}
          onChange={(v) => set('level', v)}
          options={[
            { value: 'general', label: t('general') },
            { value: 'major', label: t('majorHazard') },
          ]}
        />
        <Select
          aria-label={t('foundTier')}
          allowClear
          placeholder={t('foundTier')}
          style={{ width: 140 }}
          value={params.get('tier') ?? undefined}
          onChange={(v) => set('tier', v)}
          options={INSPECTION_TIERS.map((x) => ({ value: x, label: pick(lang, TIER_LABELS[x]) }))}
        />
        <Checkbox checked={params.get('overdue') === 'true'} onChange={(e) => set('overdue', e.target.checked ? 'true' : undefined)}>
          {t('overdue')}
        </Checkbox>
        <Checkbox checked={params.get('listed') === 'true'} onChange={(e) => set('listed', e.target.checked ? 'true' : undefined)}>
          {t('listed')}
        </Checkbox>
      </Space>
      <ActiveFilters
        describe={(k, v) =>
          k !== 'listed' || v === 'true'
            ? null
            : v === 'false'
              ? `${t('listed')}: ${t('no')}`
              : `${t('listed')}: ${t(v === 'city' ? 'listedCity' : 'listedCounty')}`
        }
      />
      {phone ? (
        <MobileCards<HazardListItem>
          items={list.data?.items}
          loading={list.isLoading}
          rowKey={(h) => h.id}
          pagination={pagination}
          testId="hazard-cards"
          card={(h) => ({
            title: h.enterpriseName,
            link: `/hazards/${h.id}`,
            tags: (
              <>
                <StatusTag status={h.status} />
                <HazardLevelTag level={h.level} />
                {h.overdue && <Tag color="red">{t('overdue')}</Tag>}
                {h.listedTier && (
                  <Tag color="volcano">
                    <ListedTierLabel tier={h.listedTier} />
                  </Tag>
                )}
              </>
            ),
            subtitle: h.description,
            facts: [
              { label: t('createdAt'), value: formatTime(h.createdAt, lang) },
              ...(h.deadline ? [{ label: t('deadline'), value: h.deadline }] : []),
              { label: t('foundTier'), value: pick(lang, TIER_LABELS[h.foundTier]) },
              ...(h.number ? [{ label: t('hazardNumber'), value: h.number }] : []),
            ],
          })}
        />
      ) : (
        <Table<HazardListItem>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items}
          scroll={{ x: 900 }}
          data-testid="hazard-table"
          pagination={pagination}
          columns={[
            { title: t('hazardNumber'), dataIndex: 'number', width: 220 },
            { title: t('description'), dataIndex: 'description', render: (v, h) => <Link to={`/hazards/${h.id}`}>{v}</Link> },
            { title: t('enterprise'), dataIndex: 'enterpriseName' },
            { title: t('hazardLevel'), dataIndex: 'level', render: (v) => <HazardLevelTag level={v} />, width: 100 },
            { title: t('status'), dataIndex: 'status', render: (v) => <StatusTag status={v} />, width: 100 },
            {
              title: t('foundTier'),
              dataIndex: 'foundTier',
              render: (v: HazardListItem['foundTier']) => pick(lang, TIER_LABELS[v]),
              width: 100,
            },
            {
              title: t('deadline'),
              dataIndex: 'deadline',
              width: 140,
              render: (v: string | null, h) => (
                <>
                  {v} {h.overdue && <Tag color="red">{t('overdue')}</Tag>}
                </>
              ),
            },
            {
              title: t('listed'),
              dataIndex: 'listedTier',
              width: 90,
              render: (v: 'county' | 'city' | null) =>
                v ? (
                  <Tag color="volcano">
                    <ListedTierLabel tier={v} />
                  </Tag>
                ) : (
                  ''
                ),
            },
          ]}
        />
      )}
      <Modal open={open} title={t('newHazard')} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ level: 'general' }}
          onFinish={async (v) => {
            try {
              await api('/api/v1/hazards', { method: 'POST', json: { ...v, enterpriseId: me?.scope.enterpriseId ?? v.enterpriseId } });
              message.success(t('saved'));
              setOpen(false);
              qc.invalidateQueries({ queryKey: ['hazards'] });
            } catch (e) {
              if (e instanceof ApiError) form.setFields(formErrors(e));
              message.error((e as Error).message);
            }
          }}
        >
          {!me?.scope.enterpriseId && (
            <Form.Item name="enterpriseId" label={t('enterprise')} rules={[{ required: true }]}>
              <Select showSearch filterOption={false} onSearch={enterprisePicker.onSearch} options={enterprisePicker.options} />
            </Form.Item>
          )}
          <Form.Item name="description" label={t('description')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="location" label={t('location')}>
            <Input />
          </Form.Item>
          <Form.Item name="level" label={t('hazardLevel')}>
            <Select
              options={[
                { value: 'general', label: t('general') },
                { value: 'major', label: t('majorHazard') },
              ]}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

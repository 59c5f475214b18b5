// 严重失信主体名单管理: the entries of the jurisdiction by stage (candidates, in progress, listed,
// removed), with filters in the URL so the 工作台's links (?toDecide=true, ?windowEnded=true,
// ?removalApplied=true, ?expiringDays=30) open the list filtered. A manager proposes the events'
// candidates (idempotent) or a subject by hand; an enterprise sees its own entries.
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  BLACKLIST_INDUSTRIES,
  BLACKLIST_PERSON_ROLE_LABELS,
  BLACKLIST_PERSON_ROLES,
  BLACKLIST_REASON_CODES,
  BLACKLIST_REASON_LABELS,
  BLACKLIST_REASONS,
  BLACKLIST_STATUS_LABELS,
  BLACKLIST_SUBJECT_LABELS,
  BLACKLIST_SUBJECT_TYPES,
  type BlacklistSubjectType,
} from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popover,
  Radio,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, api, formErrors } from '../../api.ts';
import { KeywordFilter, RegionFilter, SelectFilter } from '../../components/FilterControls.tsx';
import { MobileCards, usePhone } from '../../components/MobileCards.tsx';
import { useEnterprisePicker } from '../../components/useEnterprisePicker.ts';
import { useFilters } from '../../components/useFilters.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { type BlacklistItem, fetchBlacklist, proposeBlacklist, scanBlacklist } from './blacklist-api.ts';

const VIEWS = ['all', 'candidates', 'inProgress', 'listed', 'removed'] as const;
const STATUS_COLOUR: Record<string, string> = {
  candidate: 'blue',
  noticed: 'gold',
  objecting: 'orange',
  listed: 'red',
  earlyRemoved: 'green',
  expired: 'default',
  dropped: 'default',
};

export function StatusTag({ status }: { status: BlacklistItem['status'] }) {
  const { lang } = useI18n();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="blacklist-status">
      {pick(lang, BLACKLIST_STATUS_LABELS[status])}
    </Tag>
  );
}

export function ReasonText({ e }: { e: Pick<BlacklistItem, 'reason' | 'reasonProvisional'> }) {
  const { t, lang } = useI18n();
  return (
    <Space size={4} wrap>
      <span>{pick(lang, BLACKLIST_REASON_LABELS[e.reason])}</span>
      {e.reasonProvisional && (
        <Tooltip title={t('blProvisionalReason')}>
          <Tag color="warning">{t('blProvisional')}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}

/** The subject's name with its code: a unit's USCC, a person's (masked) ID number. */
export function subjectCode(e: Pick<BlacklistItem, 'subjectType' | 'subjectUscc' | 'personIdNumber'>) {
  return e.subjectType === 'person' ? (e.personIdNumber ?? '—') : (e.subjectUscc ?? '—');
}

function ProposeDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const subjectType = (Form.useWatch('subjectType', form) ?? 'unit') as BlacklistSubjectType;
  const picker = useEnterprisePicker(open && subjectType !== 'agency');
  // An agency is picked from the credit file's directory of intermediaries (安全评价/检测检验/认证).
  const [agencySearch, setAgencySearch] = useState('');
  const agencies = useQuery({
    queryKey: ['intermediaries', 'pick', agencySearch],
    queryFn: () =>
      api<{ items: { id: string; name: string }[] }>(`/api/v1/credit/intermediaries?pageSize=20&q=${encodeURIComponent(agencySearch)}`),
    enabled: open && subjectType === 'agency',
  });
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setRefused(null);
    try {
      const e = await proposeBlacklist(v);
      await qc.invalidateQueries({ queryKey: ['blacklist'] });
      message.success(t('saved'));
      onClose();
      navigate(`/credit/blacklist/${e.id}`);
    } catch (err) {
      if (err instanceof ApiError) {
        form.setFields(formErrors(err));
        setRefused(err.message);
      } else throw err;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('blPropose')}
      onCancel={onClose}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      destroyOnHidden
      width={640}
    >
      {refused && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refused} />}
      <Form form={form} layout="vertical" initialValues={{ subjectType: 'unit', personRole: 'principal' }} preserve={false}>
        <Form.Item name="subjectType" label={t('blSubjectType')} rules={[{ required: true }]}>
          <Radio.Group
            options={BLACKLIST_SUBJECT_TYPES.map((s) => ({ value: s, label: pick(lang, BLACKLIST_SUBJECT_LABELS[s]) }))}
            optionType="button"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('blReason')} rules={[{ required: true, message: t('blReason') }]}>
          <Select
            data-testid="blacklist-propose-reason"
            options={BLACKLIST_REASONS.filter((r) => r.subjects.includes(subjectType)).map((r) => ({
              value: r.code,
              label: `${r.number}. ${pick(lang, BLACKLIST_REASON_LABELS[r.code])}${r.provisional ? `（${t('blProvisional')}）` : ''}`,
            }))}
          />
        </Form.Item>
        {subjectType === 'agency' ? (
          <Form.Item name="intermediaryId" label={t('blAgency')} rules={[{ required: true, message: t('blAgency') }]}>
            <Select
              showSearch
              filterOption={false}
              onSearch={setAgencySearch}
              options={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
              data-testid="blacklist-propose-agency"
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="enterpriseId"
            label={subjectType === 'person' ? t('blPersonUnit') : t('blUnit')}
            rules={[{ required: true, message: t('blUnit') }]}
          >
            <Select
              showSearch
              filterOption={false}
              onSearch={picker.onSearch}
              options={picker.options}
              data-testid="blacklist-propose-enterprise"
            />
          </Form.Item>
        )}
        {subjectType === 'person' && (
          <Space wrap align="start">
            <Form.Item name="personName" label={t('blPersonName')} rules={[{ required: true, message: t('blPersonName') }]}>
              <Input maxLength={40} data-testid="blacklist-propose-person-name" />
            </Form.Item>
            <Form.Item name="personIdNumber" label={t('blPersonId')} rules={[{ required: true, message: t('blPersonId') }]}>
              <Input maxLength={18} style={{ width: 220 }} data-testid="blacklist-propose-person-id" />
            </Form.Item>
            <Form.Item name="personRole" label={t('blPersonRole')}>
              <Select
                style={{ width: 140 }}
                options={BLACKLIST_PERSON_ROLES.map((r) => ({ value: r, label: pick(lang, BLACKLIST_PERSON_ROLE_LABELS[r]) }))}
              />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="penaltyDecisionRef" label={t('blPenaltyRef')} rules={[{ required: true, message: t('blPenaltyRef') }]}>
          <Input maxLength={80} data-testid="blacklist-propose-ref" />
        </Form.Item>
        <Form.Item name="facts" label={t('blFacts')} rules={[{ required: true, message: t('blFacts') }]}>
          <Input.TextArea rows={4} maxLength={2000} data-testid="blacklist-propose-facts" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function BlacklistPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const phone = usePhone();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { params, set, pagination: pager, query } = useFilters();
  const [proposing, setProposing] = useState(false);
  const [scanning, setScanning] = useState(false);
  const list = useQuery({ queryKey: ['blacklist', query], queryFn: () => fetchBlacklist(query) });
  const pagination = pager(list.data?.total, Number(params.get('pageSize') ?? 20), (n) => t('total', { n }));
  const manage = may(me, 'blacklist.manage');
  const view = (params.get('view') ?? 'all') as (typeof VIEWS)[number];
  const scan = async () => {
    setScanning(true);
    try {
      const r = await scanBlacklist();
      message.success(t('blScanDone', { n: r.created }));
      await qc.invalidateQueries({ queryKey: ['blacklist'] });
    } catch (e) {
      if (e instanceof ApiError) message.error(e.message);
      else throw e;
    } finally {
      setScanning(false);
    }
  };
  const viewLabel: Record<(typeof VIEWS)[number], string> = {
    all: t('blTabAll'),
    candidates: t('blTabCandidates'),
    inProgress: t('blTabInProgress'),
    listed: t('blTabListed'),
    removed: t('blTabRemoved'),
  };
  const flags = [
    ['toDecide', 'blWorkCandidates'],
    ['windowEnded', 'blWorkWindowEnded'],
    ['removalApplied', 'blWorkRemovalApplied'],
    ['expiringDays', 'blWorkExpiring'],
    ['enterpriseId', 'blUnit'],
  ] as const;

  return (
    <Card
      title={me?.scope.enterpriseId ? t('blOwnTitle') : t('blListTitle')}
      extra={
        <Space wrap>
          <Popover
            title={t('blScopeTitle')}
            content={
              <div style={{ maxWidth: 420 }} data-testid="blacklist-scope">
                <Typography.Paragraph>
                  {BLACKLIST_INDUSTRIES.map((i) => pick(lang, i)).join(lang === 'zh' ? '、' : ', ')}
                </Typography.Paragraph>
                <Typography.Paragraph type="secondary">{t('blScopeAgencies')}</Typography.Paragraph>
              </div>
            }
          >
            <Button>{t('blScopeTitle')}</Button>
          </Popover>
          <Button href="/open/blacklist" target="_blank" rel="noopener">
            {t('blOpenPublic')}
          </Button>
          {manage && (
            <Button icon={<ReloadOutlined />} loading={scanning} onClick={scan} data-testid="blacklist-scan">
              {t('blScan')}
            </Button>
          )}
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)} data-testid="blacklist-propose">
              {t('blPropose')}
            </Button>
          )}
        </Space>
      }
      data-testid="blacklist-page"
    >
      <Segmented<(typeof VIEWS)[number]>
        value={view}
        onChange={(v) => set('view', v === 'all' ? undefined : v)}
        options={VIEWS.map((v) => ({ value: v, label: viewLabel[v] }))}
        style={{ marginBottom: 12 }}
        data-testid="blacklist-views"
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <KeywordFilter placeholder="blKeyword" testId="blacklist-keyword" width={220} />
        <SelectFilter
          param="reason"
          label={t('blReason')}
          width={260}
          options={BLACKLIST_REASON_CODES.map((r) => ({ value: r, label: pick(lang, BLACKLIST_REASON_LABELS[r]) }))}
        />
        <SelectFilter
          param="subjectType"
          label={t('blSubjectType')}
          options={BLACKLIST_SUBJECT_TYPES.map((s) => ({ value: s, label: pick(lang, BLACKLIST_SUBJECT_LABELS[s]) }))}
        />
        {!me?.scope.enterpriseId && <RegionFilter param="regionCode" />}
        {params.get('status') && (
          <Tag closable onClose={() => set('status', undefined)}>
            {pick(lang, BLACKLIST_STATUS_LABELS[params.get('status') as BlacklistItem['status']] ?? { zh: '', en: '' })}
          </Tag>
        )}
        {flags.map(
          ([k, label]) =>
            params.get(k) && (
              <Tag key={k} closable onClose={() => set(k, undefined)} data-testid={`blacklist-flag-${k}`}>
                {t('blFilterFlag', { name: t(label) })}
              </Tag>
            ),
        )}
      </Space>
      {phone ? (
        <MobileCards<BlacklistItem>
          items={list.data?.items}
          loading={list.isLoading}
          rowKey={(e) => e.id}
          pagination={pagination}
          testId="blacklist-list"
          card={(e) => ({
            title: e.subjectName,
            link: `/credit/blacklist/${e.id}`,
            subtitle: subjectCode(e),
            tags: <StatusTag status={e.status} />,
            facts: [
              { label: t('blReason'), value: <ReasonText e={e} /> },
              { label: t('blSource'), value: e.sourceRef },
              { label: t('blExpiresAt'), value: e.expiresAt ? formatTime(e.expiresAt, lang, true) : '—' },
            ],
          })}
        />
      ) : (
        <Table<BlacklistItem>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={pagination}
          scroll={{ x: 1300 }}
          data-testid="blacklist-list"
          columns={[
            {
              title: t('blSubject'),
              dataIndex: 'subjectName',
              width: 240,
              render: (v: string, e) => (
                <Link to={`/credit/blacklist/${e.id}`} data-testid="blacklist-row-link">
                  {v}
                </Link>
              ),
            },
            {
              title: t('blSubjectType'),
              dataIndex: 'subjectType',
              width: 120,
              render: (v: BlacklistItem['subjectType']) => pick(lang, BLACKLIST_SUBJECT_LABELS[v]),
            },
            { title: `${t('blUscc')} / ${t('blPersonId')}`, key: 'code', width: 200, render: (_, e) => subjectCode(e) },
            { title: t('blReason'), key: 'reason', width: 260, render: (_, e) => <ReasonText e={e} /> },
            { title: t('blSource'), dataIndex: 'sourceRef', width: 200 },
            { title: t('region'), dataIndex: 'regionName', width: 110, render: (v: string | null) => v ?? '—' },
            { title: t('blStatus'), dataIndex: 'status', width: 120, render: (v: BlacklistItem['status']) => <StatusTag status={v} /> },
            {
              title: t('blObjectionDue'),
              dataIndex: 'objectionDueOn',
              width: 110,
              render: (v: string | null, e) => (v && ['noticed', 'objecting'].includes(e.status) ? v : '—'),
            },
            {
              title: t('blListedAt'),
              dataIndex: 'listedAt',
              width: 110,
              render: (v: string | null) => (v ? formatTime(v, lang, true) : '—'),
            },
            {
              title: t('blExpiresAt'),
              dataIndex: 'expiresAt',
              width: 110,
              render: (v: string | null) => (v ? formatTime(v, lang, true) : '—'),
            },
          ]}
        />
      )}
      <ProposeDialog open={proposing} onClose={() => setProposing(false)} />
    </Card>
  );
}

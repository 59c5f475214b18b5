// 值班表: one roster's week (a government's by region, a unit's, a team's), Monday to Sunday in
// Beijing time, its duty obligation under Decree 708 Art. 14 (24-hour rosters show their gaps; the
// provisional rules say 暂定), shifts added (带班领导/值班员, phone, start, end) and removed, and
// "copy last week". Owner: teams (救援队伍、专家、值班).
import { CopyOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { DUTY_OWNER_KIND_LABELS, DUTY_ROLE_LABELS, DUTY_ROLES, type DutyOwnerKind } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError, api, formErrors } from '../../api.ts';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { useEnterprisePicker } from '../../components/useEnterprisePicker.ts';
import { useFilters } from '../../components/useFilters.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { addShift, bjDayTime, copyWeek, fetchRoster, fetchTeams, type Roster, removeShift, type Shift } from './teams-api.ts';

const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

function ShiftDialog({ open, roster, onClose }: { open: boolean; roster: Roster; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [refused, setRefused] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    const owner = { government: 'regionCode', department: 'departmentId', enterprise: 'enterpriseId', team: 'teamId' }[roster.ownerKind];
    try {
      await addShift({
        ownerKind: roster.ownerKind,
        [owner]: roster.ownerId,
        personName: v.personName,
        role: v.role,
        phone: v.phone,
        startsAt: v.startsAt?.toISOString(),
        endsAt: v.endsAt?.toISOString(),
      });
      await qc.invalidateQueries({ queryKey: ['teams'] });
      message.success(t('saved'));
      onClose();
    } catch (err) {
      if (err instanceof ApiError) {
        form.setFields(formErrors(err));
        setRefused(err.message);
      } else throw err;
    }
  };
  return (
    <Modal
      open={open}
      title={t('emTeDutyAddShift')}
      onCancel={onClose}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      destroyOnHidden
    >
      {refused && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refused} />}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ role: 'officer' }}>
        <Space wrap align="start">
          <Form.Item name="personName" label={t('emTeDutyPerson')} rules={[{ required: true, message: t('emTeDutyPerson') }]}>
            <Input maxLength={50} data-testid="shift-person" />
          </Form.Item>
          <Form.Item name="role" label={t('emTeDutyRole')}>
            <Select style={{ width: 140 }} options={DUTY_ROLES.map((r) => ({ value: r, label: pick(lang, DUTY_ROLE_LABELS[r]) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="phone" label={t('emTePhone')} rules={[{ required: true, message: t('emTePhone') }]}>
          <Input maxLength={30} style={{ width: 220 }} data-testid="shift-phone" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="startsAt" label={t('emTeDutyStart')} rules={[{ required: true, message: t('emTeDutyStart') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="shift-start" />
          </Form.Item>
          <Form.Item name="endsAt" label={t('emTeDutyEnd')} rules={[{ required: true, message: t('emTeDutyEnd') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="shift-end" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** Whose roster: a government (region), a unit, a team; an enterprise account sees its own only. */
function OwnerPicker() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { params, setParams } = useFilters();
  const kind = (params.get('ownerKind') ?? 'government') as DutyOwnerKind;
  const picker = useEnterprisePicker(kind === 'enterprise' && !me?.scope.enterpriseId);
  const teams = useQuery({ queryKey: ['teams', 'pick'], queryFn: () => fetchTeams('pageSize=200'), enabled: kind === 'team' });
  const departments = useQuery({
    queryKey: ['departments', 'pick'],
    queryFn: () => api<{ items: { id: string; name: string }[] }>('/api/v1/departments'),
    enabled: kind === 'department',
  });
  const set = (ownerKind: string, ownerId?: string) => {
    const next = new URLSearchParams(params);
    next.set('ownerKind', ownerKind);
    ownerId ? next.set('ownerId', ownerId) : next.delete('ownerId');
    setParams(next);
  };
  if (me?.scope.enterpriseId) return null;
  return (
    <Space wrap>
      <Typography.Text>{t('emTeDutyOwner')}</Typography.Text>
      <Select<DutyOwnerKind>
        value={kind}
        style={{ width: 160 }}
        onChange={(k) => set(k)}
        options={(['government', 'department', 'enterprise', 'team'] as const).map((k) => ({
          value: k,
          label: pick(lang, DUTY_OWNER_KIND_LABELS[k]),
        }))}
        data-testid="roster-owner-kind"
      />
      {kind === 'government' && (
        <RegionCascader changeOnSelect value={params.get('ownerId')} onChange={(code) => set('government', code)} style={{ width: 240 }} />
      )}
      {kind === 'enterprise' && (
        <Select
          showSearch
          filterOption={false}
          onSearch={picker.onSearch}
          options={picker.options}
          style={{ width: 280 }}
          value={params.get('ownerId') ?? undefined}
          onChange={(id) => set('enterprise', id)}
        />
      )}
      {kind === 'department' && (
        <Select
          showSearch
          optionFilterProp="label"
          style={{ width: 280 }}
          value={params.get('ownerId') ?? undefined}
          onChange={(id) => set('department', id)}
          options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
      )}
      {kind === 'team' && (
        <Select
          showSearch
          optionFilterProp="label"
          style={{ width: 280 }}
          value={params.get('ownerId') ?? undefined}
          onChange={(id) => set('team', id)}
          options={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
      )}
    </Space>
  );
}

export function ObligationTag({ o }: { o: Roster['obligation'] }) {
  const { t, lang } = useI18n();
  return (
    <Tooltip title={pick(lang, o.basis)}>
      <Space size={4}>
        <Tag color={o.twentyFourHour ? 'red' : o.dutySystem ? 'blue' : 'default'} data-testid="roster-obligation">
          {o.twentyFourHour ? t('emTeDuty24h') : o.dutySystem ? t('emTeDutySystem') : t('emTeDutyNone')}
        </Tag>
        {o.provisional && <Tag color="warning">{t('emTeProvisional')}</Tag>}
      </Space>
    </Tooltip>
  );
}

export function DutyRosterPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { params, setParams } = useFilters();
  const [adding, setAdding] = useState(false);
  const own = me?.scope.enterpriseId
    ? { kind: 'enterprise', id: me.scope.enterpriseId }
    : { kind: 'government', id: me?.scope.regionPrefix ? me.scope.regionPrefix.padEnd(12, '0') : '' };
  const ownerKind = me?.scope.enterpriseId ? 'enterprise' : (params.get('ownerKind') ?? own.kind);
  const ownerId = me?.scope.enterpriseId ? own.id : (params.get('ownerId') ?? (ownerKind === own.kind ? own.id : ''));
  const weekStart = params.get('weekStart') ?? undefined;
  const q = useQuery({
    queryKey: ['teams', 'roster', ownerKind, ownerId, weekStart],
    queryFn: () => fetchRoster(ownerKind, ownerId, weekStart),
    enabled: !!ownerId,
  });
  const r = q.data;
  const goWeek = (n: number) => {
    if (!r) return;
    const next = new URLSearchParams(params);
    next.set('weekStart', addDays(r.weekStart, n * 7));
    setParams(next);
  };
  const remove = async (s: Shift) => {
    try {
      await removeShift(s.id);
      await qc.invalidateQueries({ queryKey: ['teams'] });
    } catch (e) {
      if (e instanceof ApiError) message.error(e.message);
      else throw e;
    }
  };
  const copy = async () => {
    if (!r) return;
    try {
      const res = await copyWeek({ ownerKind: r.ownerKind, ownerId: r.ownerId, weekStart: r.weekStart });
      message.success(t('emTeDutyCopied', { n: res.copied, m: res.skipped }));
      await qc.invalidateQueries({ queryKey: ['teams'] });
    } catch (e) {
      if (e instanceof ApiError) message.error(e.message);
      else throw e;
    }
  };
  const days = r ? Array.from({ length: 7 }, (_, i) => addDays(r.weekStart, i)) : [];
  const onDay = (day: string) =>
    (r?.shifts ?? []).filter((s) => {
      const from = Date.parse(`${day}T00:00:00+08:00`);
      return Date.parse(s.startsAt) < from + DAY && Date.parse(s.endsAt) > from;
    });
  return (
    <Card
      title={r ? `${t('emTeDutyTitle')} · ${r.ownerName}` : t('emTeDutyTitle')}
      data-testid="roster-page"
      extra={
        r && (
          <Space wrap>
            <ObligationTag o={r.obligation} />
            {r.allowedActions.includes('copyWeek') && (
              <Button icon={<CopyOutlined />} onClick={copy} data-testid="roster-copy">
                {t('emTeDutyCopyWeek')}
              </Button>
            )}
            {r.allowedActions.includes('addShift') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="roster-add">
                {t('emTeDutyAddShift')}
              </Button>
            )}
          </Space>
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <OwnerPicker />
        {q.error && <Alert type="error" message={q.error instanceof ApiError ? q.error.message : String(q.error)} />}
        {r && (
          <Space wrap>
            <Button icon={<LeftOutlined />} onClick={() => goWeek(-1)}>
              {t('emTeDutyPrevWeek')}
            </Button>
            <Typography.Text strong data-testid="roster-week">
              {r.weekStart} — {addDays(r.weekStart, 6)}
            </Typography.Text>
            <Button onClick={() => setParams(new URLSearchParams([...params].filter(([k]) => k !== 'weekStart')))}>
              {t('emTeDutyThisWeek')}
            </Button>
            <Button onClick={() => goWeek(1)}>
              {t('emTeDutyNextWeek')} <RightOutlined />
            </Button>
          </Space>
        )}
        {r?.obligation.twentyFourHour &&
          (r.gaps.length ? (
            <Alert
              type="warning"
              showIcon
              data-testid="roster-gaps"
              message={t('emTeDutyGaps')}
              description={r.gaps.map((g) => (
                <div key={g.from}>{t('emTeDutyGapLine', { from: bjDayTime(g.from), to: bjDayTime(g.to), n: g.minutes })}</div>
              ))}
            />
          ) : (
            <Alert type="success" showIcon message={t('emTeDutyNoGaps')} />
          ))}
        {r && (
          <Row gutter={[8, 8]}>
            {days.map((day) => (
              <Col key={day} flex="1 1 150px">
                <Card size="small" title={day.slice(5)} data-testid={`roster-day-${day}`}>
                  {onDay(day).length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('emTeDutyEmptyDay')} />
                  ) : (
                    <List
                      size="small"
                      dataSource={onDay(day)}
                      renderItem={(s) => (
                        <List.Item
                          style={{ padding: '4px 0' }}
                          actions={
                            s.allowedActions.includes('remove')
                              ? [
                                  <Button key="rm" size="small" type="link" danger onClick={() => remove(s)}>
                                    {t('emTeDutyRemove')}
                                  </Button>,
                                ]
                              : []
                          }
                        >
                          <Space direction="vertical" size={0}>
                            <span>
                              <Tag color={s.role === 'leader' ? 'purple' : 'blue'}>{pick(lang, DUTY_ROLE_LABELS[s.role])}</Tag>
                              {s.personName}
                            </span>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {bjDayTime(s.startsAt)}–{bjDayTime(s.endsAt)} · {s.phone}
                            </Typography.Text>
                          </Space>
                        </List.Item>
                      )}
                    />
                  )}
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Space>
      {r && <ShiftDialog open={adding} roster={r} onClose={() => setAdding(false)} />}
    </Card>
  );
}

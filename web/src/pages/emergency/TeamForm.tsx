// The team and expert forms (register, edit) as dialogs; the server's field messages land on the
// fields. Owner: teams (救援队伍、专家、值班).
import { EXPERT_FIELD_LABELS, EXPERT_FIELDS, TEAM_KIND_LABELS, TEAM_KINDS, TEAM_READINESS, TEAM_READINESS_LABELS } from '@taishan/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { ApiError, formErrors } from '../../api.ts';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { useEnterprisePicker } from '../../components/useEnterprisePicker.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { type ExpertItem, saveExpert, saveTeam, type TeamItem } from './teams-api.ts';

function useSubmit(onDone: () => void) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const run = async (form: ReturnType<typeof Form.useForm>[0], save: () => Promise<unknown>) => {
    setBusy(true);
    setRefused(null);
    try {
      await save();
      await qc.invalidateQueries({ queryKey: ['teams'] });
      message.success(t('saved'));
      onDone();
    } catch (err) {
      if (err instanceof ApiError) {
        form.setFields(formErrors(err));
        setRefused(err.message);
      } else throw err;
    } finally {
      setBusy(false);
    }
  };
  return { busy, refused, run };
}

const orNull = (v: unknown) => (v === undefined || v === '' ? null : v);

function PointFields() {
  const { t } = useI18n();
  return (
    <Space wrap align="start">
      <Form.Item name="lat" label={t('emTeLat')}>
        <InputNumber min={-90} max={90} step={0.0001} style={{ width: 160 }} data-testid="team-lat" />
      </Form.Item>
      <Form.Item name="lng" label={t('emTeLng')}>
        <InputNumber min={-180} max={180} step={0.0001} style={{ width: 160 }} data-testid="team-lng" />
      </Form.Item>
    </Space>
  );
}

export function TeamForm({ open, team, onClose }: { open: boolean; team?: TeamItem; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form);
  const picker = useEnterprisePicker(open && kind === 'enterprise');
  const { busy, refused, run } = useSubmit(onClose);
  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      ...v,
      equipment: String(v.equipment ?? '')
        .split('\n')
        .map((s: string) => s.trim())
        .filter(Boolean),
      lat: orNull(v.lat),
      lng: orNull(v.lng),
      enterpriseId: v.kind === 'enterprise' ? v.enterpriseId : null,
      ...(team ? { version: team.version } : {}),
    };
    await run(form, () => saveTeam(body, team?.id));
  };
  return (
    <Modal
      open={open}
      title={team ? t('emTeEdit') : t('emTeAddTeam')}
      onCancel={onClose}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      destroyOnHidden
      width={680}
    >
      {refused && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refused} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={team ? { ...team, equipment: team.equipment.join('\n') } : { kind: 'professional', readiness: 'ready', size: 10 }}
      >
        <Form.Item name="name" label={t('emTeName')} rules={[{ required: true, message: t('emTeName') }]}>
          <Input maxLength={100} data-testid="team-name" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="kind" label={t('emTeKind')} rules={[{ required: true }]}>
            <Select style={{ width: 200 }} options={TEAM_KINDS.map((k) => ({ value: k, label: pick(lang, TEAM_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="size" label={t('emTeSize')} rules={[{ required: true, message: t('emTeSize') }]}>
            <InputNumber min={1} precision={0} style={{ width: 120 }} data-testid="team-size" />
          </Form.Item>
          <Form.Item name="readiness" label={t('emTeReadiness')}>
            <Select
              style={{ width: 160 }}
              options={TEAM_READINESS.map((r) => ({ value: r, label: pick(lang, TEAM_READINESS_LABELS[r]) }))}
            />
          </Form.Item>
        </Space>
        {kind === 'enterprise' && (
          <Form.Item name="enterpriseId" label={t('emTeUnit')} rules={[{ required: true, message: t('emTeUnit') }]}>
            <Select showSearch filterOption={false} onSearch={picker.onSearch} options={picker.options} />
          </Form.Item>
        )}
        <Form.Item name="specialty" label={t('emTeSpecialty')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="equipment" label={t('emTeEquipment')} extra={t('emTeEquipmentHint')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('emTeRegion')} rules={[{ required: true, message: t('emTeRegion') }]}>
          <RegionCascader changeOnSelect />
        </Form.Item>
        <PointFields />
        <Form.Item name="baseAddress" label={t('emTeBase')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="contactName" label={t('emTeContact')} rules={[{ required: true, message: t('emTeContact') }]}>
            <Input maxLength={50} data-testid="team-contact" />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('emTeContactPhone')} rules={[{ required: true, message: t('emTeContactPhone') }]}>
            <Input maxLength={30} data-testid="team-phone" />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('emTeNote')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ExpertForm({ open, expert, onClose }: { open: boolean; expert?: ExpertItem; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const { busy, refused, run } = useSubmit(onClose);
  const submit = async () => {
    const v = await form.validateFields();
    await run(form, () =>
      saveExpert({ ...v, lat: orNull(v.lat), lng: orNull(v.lng), ...(expert ? { version: expert.version } : {}) }, expert?.id),
    );
  };
  return (
    <Modal
      open={open}
      title={expert ? t('emTeEdit') : t('emTeAddExpert')}
      onCancel={onClose}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      destroyOnHidden
      width={640}
    >
      {refused && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refused} />}
      <Form form={form} layout="vertical" preserve={false} initialValues={expert ?? { field: 'hazardousChemicals' }}>
        <Space wrap align="start">
          <Form.Item name="name" label={t('emTeName')} rules={[{ required: true, message: t('emTeName') }]}>
            <Input maxLength={50} data-testid="expert-name" />
          </Form.Item>
          <Form.Item name="field" label={t('emTeField')} rules={[{ required: true }]}>
            <Select style={{ width: 180 }} options={EXPERT_FIELDS.map((f) => ({ value: f, label: pick(lang, EXPERT_FIELD_LABELS[f]) }))} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="title" label={t('emTeTitle')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="unit" label={t('emTeWorkUnit')}>
            <Input maxLength={200} style={{ width: 280 }} />
          </Form.Item>
        </Space>
        <Form.Item name="phone" label={t('emTePhone')} rules={[{ required: true, message: t('emTePhone') }]}>
          <Input maxLength={30} style={{ width: 220 }} data-testid="expert-phone" />
        </Form.Item>
        <Form.Item name="regionCode" label={t('emTeRegion')} rules={[{ required: true, message: t('emTeRegion') }]}>
          <RegionCascader changeOnSelect />
        </Form.Item>
        <PointFields />
        <Form.Item name="note" label={t('emTeNote')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

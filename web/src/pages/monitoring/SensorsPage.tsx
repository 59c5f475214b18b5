// 监测点位: the sensor registry in scope with the latest value and state; the enterprise registers
// sensors on its installations (thresholds, hysteresis, rate limit, offline timeout) one by one
// or from a CSV/Excel file. A sensor with readings is decommissioned (已停用, kept with its
// history), one that never had any may be deleted; the server refuses either while alarms are open.
import { SENSOR_TYPE_INFO, SENSOR_TYPES, SEVERITY_LABELS, type Sensor, type SensorImportResult, type SensorInput } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, api, formErrors } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import type { monitoringMessages } from './messages.ts';
import { SEVERITY_COLOR } from './WallPage.tsx';

type Installation = { id: string; name: string; enterpriseName: string };

/** The numeric fields of the form, each with its label (a typed map: no message key built from a string). */
const NUMBER_FIELDS = {
  rangeMin: 'sensors_rangeMin',
  rangeMax: 'sensors_rangeMax',
  lowLow: 'sensors_lowLow',
  low: 'sensors_low',
  high: 'sensors_high',
  highHigh: 'sensors_highHigh',
  hysteresis: 'sensors_hysteresis',
  rateLimit: 'sensors_rateLimit',
  offlineSeconds: 'sensors_offlineSeconds',
} as const satisfies Partial<Record<keyof SensorInput, keyof typeof monitoringMessages>>;

export function SensorsPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [adding, setAdding] = useState(false);
  const sensors = useQuery({ queryKey: ['sensors'], queryFn: () => api<{ items: Sensor[] }>('/api/v1/sensors') });
  const mayEdit = may(me, 'monitoring.editSensors');
  const installations = useQuery({
    queryKey: ['installations-for-sensors'],
    enabled: mayEdit,
    queryFn: () => api<{ items: Installation[] }>('/api/v1/major-hazard-installations?pageSize=200'),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['sensors'] });
  /** Decommission or delete, after a confirmation; a refusal (open alarms) is shown as the server says it. */
  const retire = (s: Sensor, how: 'decommission' | 'delete') =>
    Modal.confirm({
      title: `${t(how === 'delete' ? 'sensorsDelete' : 'sensorsDecommission')} ${s.code}`,
      content: t(how === 'delete' ? 'sensorsDeleteConfirm' : 'sensorsDecommissionConfirm'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          if (how === 'delete') await api(`/api/v1/sensors/${s.id}`, { method: 'DELETE' });
          else await api(`/api/v1/sensors/${s.id}/decommission`, { method: 'POST', json: {} });
          refresh();
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });

  const save = async (v: Record<string, unknown>) => {
    try {
      await api('/api/v1/sensors', { method: 'POST', json: v });
      setAdding(false);
      form.resetFields();
      refresh();
      message.success(t('saved'));
    } catch (e) {
      if (e instanceof ApiError) form.setFields(formErrors(e));
      else throw e;
    }
  };
  const importFile = async (file: File) => {
    const body = new FormData();
    body.append('file', file);
    try {
      const r = await api<SensorImportResult>('/api/v1/sensors/import', { method: 'POST', body });
      message.success(t('sensorsImported', { n: r.imported }));
      refresh();
    } catch (e) {
      if (e instanceof ApiError)
        Modal.error({
          title: e.message,
          content: Object.entries(e.fields).map(([k, v]) => <div key={k}>{`${k.replace('line', '第')}行：${v}`}</div>),
        });
    }
    return false;
  };

  return (
    <Card
      title={t('sensors')}
      extra={
        mayEdit && (
          <Space>
            <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => importFile(f)}>
              <Button>{t('sensorsImport')}</Button>
            </Upload>
            <Button type="primary" onClick={() => setAdding(true)}>
              {t('sensorsAdd')}
            </Button>
          </Space>
        )
      }
    >
      <Table<Sensor>
        rowKey="id"
        size="small"
        loading={sensors.isLoading}
        dataSource={sensors.data?.items}
        scroll={{ x: 1000 }}
        columns={[
          { title: t('sensorsCode'), dataIndex: 'code', width: 90 },
          { title: t('sensorsName'), render: (_, s) => `${s.enterpriseName} · ${s.installationName} · ${s.name}` },
          {
            title: t('sensorsThresholds'),
            width: 200,
            render: (_, s) => [s.lowLow, s.low, s.high, s.highHigh].map((v) => (v === null ? '—' : v)).join(' / '),
          },
          { title: t('wallValue'), width: 120, render: (_, s) => (s.latest ? `${s.latest.value} ${s.unit}` : '—') },
          { title: t('updatedAt'), width: 140, render: (_, s) => (s.latest ? formatTime(s.latest.ts, lang) : '—') },
          {
            title: t('wallOnline'),
            width: 80,
            render: (_, s) =>
              s.decommissionedAt ? (
                <Tag data-testid={`sensor-decommissioned-${s.code}`}>{t('sensorsDecommissioned')}</Tag>
              ) : s.online ? (
                <Tag color="green">{t('wallOnline')}</Tag>
              ) : (
                <Tag>{t('sensorsOffline')}</Tag>
              ),
          },
          {
            title: t('wallOpenAlarms'),
            width: 90,
            render: (_, s) =>
              s.alarmSeverity ? <Tag color={SEVERITY_COLOR[s.alarmSeverity]}>{pick(lang, SEVERITY_LABELS[s.alarmSeverity])}</Tag> : null,
          },
          ...(mayEdit
            ? [
                {
                  title: t('actions'),
                  width: 90,
                  // One button, as the server allows: delete one that never had readings, else decommission.
                  render: (_: unknown, s: Sensor) => {
                    const how = s.allowedActions.includes('delete')
                      ? 'delete'
                      : s.allowedActions.includes('decommission')
                        ? 'decommission'
                        : null;
                    return how ? (
                      <Button size="small" danger data-testid={`sensor-retire-${s.code}`} onClick={() => retire(s, how)}>
                        {t(how === 'delete' ? 'sensorsDelete' : 'sensorsDecommission')}
                      </Button>
                    ) : null;
                  },
                },
              ]
            : []),
        ]}
      />
      <Modal open={adding} title={t('sensorsAdd')} onCancel={() => setAdding(false)} onOk={() => form.submit()} width={640} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          onFinish={save}
          initialValues={{ type: 'combustibleGas', rangeMin: 0, rangeMax: 100, hysteresis: 0, offlineSeconds: 300 }}
        >
          <Form.Item name="installationId" label={t('wallInstallation')} rules={[{ required: true }]}>
            <Select options={installations.data?.items.map((m) => ({ value: m.id, label: `${m.enterpriseName} · ${m.name}` }))} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="code" label={t('sensorsCode')} rules={[{ required: true }]}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="name" label={t('sensorsName')} rules={[{ required: true }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="type" label={t('sensorsType')}>
              <Select
                style={{ width: 160 }}
                options={SENSOR_TYPES.map((x) => ({
                  value: x,
                  label: `${pick(lang, SENSOR_TYPE_INFO[x])}（${SENSOR_TYPE_INFO[x].unit}）`,
                }))}
              />
            </Form.Item>
          </Space>
          <Space wrap>
            {Object.entries(NUMBER_FIELDS).map(([k, label]) => (
              <Form.Item key={k} name={k} label={t(label)}>
                <InputNumber style={{ width: 120 }} />
              </Form.Item>
            ))}
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}

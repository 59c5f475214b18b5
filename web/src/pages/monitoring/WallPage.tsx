// 一张图 / 一表清 — the monitoring wall for the command centre: active alarms in the user's
// jurisdiction, live (Server-Sent Events refresh the list the moment an alarm changes), each
// with its next step (acknowledge → handle with a disposal note → clear); the status of every
// installation; a sensor's curve with its thresholds; alarm counts. Enterprise users see their own.
// An alarm shows the furthest zone it reached while open (its severity follows it: a gas that
// touched 高高报 and fell back is still 严重) and the zone the sensor is in now, if another.
import {
  ALARM_ACTION_LABELS,
  ALARM_KIND_LABELS,
  ALARM_STATUS_LABELS,
  type Alarm,
  type AlarmAction,
  type AlarmStatus,
  type InstallationStatus,
  SEVERITY_LABELS,
  type Sensor,
  type Severity,
  THRESHOLD_LABELS,
} from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Col, Empty, Input, Modal, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api.ts';
import { ActiveFilters } from '../../components/ActiveFilters.tsx';
import { Chart } from '../../components/Chart.tsx';
import { useFilters } from '../../components/useFilters.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';

export const SEVERITY_COLOR: Record<Severity, string> = { critical: 'red', major: 'orange', warning: 'gold' };

/** Refetches what the wall shows whenever the server pushes an alarm change. */
function useAlarmStream(onAlarm: () => void) {
  const [live, setLive] = useState(false);
  useEffect(() => {
    const es = new EventSource('/api/v1/alarms/stream');
    es.onopen = () => setLive(true);
    es.onerror = () => setLive(false);
    es.addEventListener('alarm', onAlarm);
    return () => es.close();
  }, [onAlarm]);
  return live;
}

export function WallPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  // ?status=raised (from the workbench): the alarms nobody has acknowledged yet.
  const { params } = useFilters();
  const alarmStatus = params.get('status');
  const alarms = useQuery({
    queryKey: ['alarms', alarmStatus],
    queryFn: () => api<{ items: Alarm[] }>(`/api/v1/alarms${alarmStatus ? `?status=${encodeURIComponent(alarmStatus)}` : ''}`),
  });
  const installations = useQuery({
    queryKey: ['monitoring-installations'],
    queryFn: () => api<{ items: InstallationStatus[] }>('/api/v1/monitoring/installations'),
    refetchInterval: 15000,
  });
  const sensors = useQuery({ queryKey: ['sensors'], queryFn: () => api<{ items: Sensor[] }>('/api/v1/sensors'), refetchInterval: 15000 });
  const inService = useMemo(() => (sensors.data?.items ?? []).filter((s) => !s.decommissionedAt), [sensors.data]);
  const [sensorId, setSensorId] = useState<string | null>(null);
  // ?alarm=<id> (from the command board): that alarm's row is marked and its sensor charted.
  const focus = params.get('alarm');
  const focusedSensor = focus ? alarms.data?.items.find((a) => a.id === focus)?.sensorId : undefined;
  const chosen = inService.find((s) => s.id === (sensorId ?? focusedSensor ?? inService[0]?.id));
  const series = useQuery({
    queryKey: ['series', chosen?.id],
    enabled: !!chosen,
    queryFn: () => api<{ points: [string, number, number, number][] }>(`/api/v1/sensors/${chosen?.id}/series`),
    refetchInterval: 5000,
  });
  const [handling, setHandling] = useState<Alarm | null>(null);
  const [disposal, setDisposal] = useState('');
  // The disposal being sent: the button spins, and a second click sends nothing.
  const [saving, setSaving] = useState(false);
  const onAlarm = useMemo(
    () => () => {
      qc.invalidateQueries({ queryKey: ['alarms'] });
      qc.invalidateQueries({ queryKey: ['monitoring-installations'] });
    },
    [qc],
  );
  const live = useAlarmStream(onAlarm);

  const act = async (a: Alarm, action: AlarmAction, body: object = {}) => {
    try {
      await api(`/api/v1/alarms/${a.id}/transitions`, { method: 'POST', json: { action, ...body } });
      onAlarm();
    } catch (e) {
      // Refused (ApiError, in the user's language) or not sent at all: said either way.
      message.error((e as Error).message);
    }
  };

  const open = alarms.data?.items ?? [];
  const count = (s: Severity) => open.filter((a) => a.severity === s).length;
  const option = useMemo<EChartsOption | null>(() => {
    if (!chosen || !series.data) return null;
    const lines = (['highHigh', 'high', 'low', 'lowLow'] as const)
      .filter((l) => chosen[l] !== null)
      .map((l) => ({
        yAxis: chosen[l] as number,
        name: pick(lang, THRESHOLD_LABELS[l]),
        lineStyle: { color: l === 'highHigh' || l === 'lowLow' ? '#d32f2f' : '#f57c00' },
      }));
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 50, right: 80, top: 30, bottom: 30 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', name: chosen.unit },
      series: [
        {
          type: 'line',
          name: chosen.name,
          showSymbol: false,
          data: series.data.points.map((p) => [p[0], p[1]]),
          markLine: { symbol: 'none', label: { formatter: '{b} {c}' }, data: lines },
        },
      ],
    };
  }, [chosen, series.data, lang]);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Row gutter={12}>
        {(['critical', 'major', 'warning'] as const).map((s) => (
          <Col xs={8} md={4} key={s}>
            <Card size="small">
              <Statistic
                title={pick(lang, SEVERITY_LABELS[s])}
                value={count(s)}
                valueStyle={{ color: count(s) ? SEVERITY_COLOR[s] : undefined }}
              />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title={t('wallSensorsOnline')} value={`${inService.filter((s) => s.online).length} / ${inService.length}`} />
          </Card>
        </Col>
        <Col xs={12} md={8}>
          <Card size="small">
            <Space>
              <Badge status={live ? 'processing' : 'default'} text={live ? t('wallLive') : t('wallOffline')} />
            </Space>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('wallAlarms')} data-testid="wall-alarms">
        <ActiveFilters
          describe={(k, v) => (k === 'status' && v in ALARM_STATUS_LABELS ? pick(lang, ALARM_STATUS_LABELS[v as AlarmStatus]) : null)}
        />
        <Table<Alarm>
          rowKey="id"
          size="small"
          loading={alarms.isLoading}
          dataSource={open}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty description={t('wallNoAlarms')} /> }}
          rowClassName={(a) => `alarm-${a.status}`}
          onRow={(a) => (a.id === focus ? ({ style: { outline: '2px solid #d4380d' }, 'data-focus': 'true' } as object) : {})}
          columns={[
            {
              title: t('wallSeverity'),
              dataIndex: 'severity',
              width: 80,
              render: (s: Severity, a) => (
                <Tag color={SEVERITY_COLOR[s]} data-testid={`alarm-severity-${a.sensorCode}-${a.kind}`}>
                  {pick(lang, SEVERITY_LABELS[s])}
                </Tag>
              ),
            },
            {
              title: t('wallAlarmKind'),
              width: 110,
              render: (_, a) => {
                const peak = a.peakLevel ?? a.level;
                if (!peak) return pick(lang, ALARM_KIND_LABELS[a.kind]);
                return (
                  <Space direction="vertical" size={0}>
                    <span data-testid={`alarm-level-${a.sensorCode}-${a.kind}`}>{pick(lang, THRESHOLD_LABELS[peak])}</span>
                    {a.level && a.level !== peak && (
                      <Typography.Text type="secondary">{t('wallNowAt', { level: pick(lang, THRESHOLD_LABELS[a.level]) })}</Typography.Text>
                    )}
                  </Space>
                );
              },
            },
            {
              title: t('wallSensor'),
              render: (_, a) => `${a.enterpriseName} · ${a.installationName} · ${a.sensorName}（${a.sensorCode}）`,
            },
            {
              title: t('wallValue'),
              width: 120,
              render: (_, a) =>
                a.lastValue === null ? (
                  '—'
                ) : (
                  <Space direction="vertical" size={0}>
                    <span>{`${a.lastValue} ${a.unit}`}</span>
                    {a.peakValue !== null && a.peakValue !== a.lastValue && (
                      <Typography.Text type="secondary">{t('wallPeak', { value: `${a.peakValue} ${a.unit}` })}</Typography.Text>
                    )}
                  </Space>
                ),
            },
            { title: t('wallRaisedAt'), width: 140, render: (_, a) => formatTime(a.raisedAt, lang) },
            {
              title: t('wallStatus'),
              width: 150,
              render: (_, a) => (
                <Space size={4}>
                  <Tag data-testid={`alarm-status-${a.sensorCode}-${a.kind}`}>{pick(lang, ALARM_STATUS_LABELS[a.status])}</Tag>
                  {!a.conditionActive && <Tag color="green">{t('wallRecovered')}</Tag>}
                  {a.escalatedAt && <Tag color="red">{t('wallEscalated')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('actions'),
              width: 120,
              render: (_, a) =>
                a.allowedActions.map((x) => (
                  <Button
                    key={x}
                    size="small"
                    type="primary"
                    data-testid={`alarm-${x}-${a.sensorCode}-${a.kind}`}
                    onClick={() => {
                      if (x !== 'handle') return act(a, x);
                      setDisposal('');
                      setHandling(a);
                    }}
                  >
                    {pick(lang, ALARM_ACTION_LABELS[x])}
                  </Button>
                )),
            },
          ]}
        />
      </Card>
      <Row gutter={12}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('wallInstallations')}>
            <Table<InstallationStatus>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={installations.data?.items}
              columns={[
                { title: t('wallInstallation'), render: (_, m) => `${m.enterpriseName} · ${m.name}${m.grade ? `（${m.grade}级）` : ''}` },
                { title: t('wallOnline'), width: 70, render: (_, m) => `${m.online}/${m.sensors}` },
                {
                  title: t('wallOpenAlarms'),
                  width: 120,
                  render: (_, m) => (
                    <Space size={2}>
                      {(['critical', 'major', 'warning'] as const).map((s) =>
                        m.alarms[s] ? (
                          <Tag key={s} color={SEVERITY_COLOR[s]}>
                            {m.alarms[s]}
                          </Tag>
                        ) : null,
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={t('wallCurve')}
            extra={
              <Select
                style={{ width: 300 }}
                aria-label={t('wallCurve')}
                value={chosen?.id}
                onChange={setSensorId}
                options={inService.map((s) => ({ value: s.id, label: `${s.enterpriseName} · ${s.name}` }))}
                showSearch
                optionFilterProp="label"
              />
            }
          >
            {option ? <Chart option={option} height={300} testId="sensor-chart" /> : <Empty />}
          </Card>
        </Col>
      </Row>
      <Modal
        open={!!handling}
        title={t('wallHandle')}
        onCancel={() => setHandling(null)}
        onOk={async () => {
          if (!handling || saving) return;
          setSaving(true);
          try {
            await act(handling, 'handle', { disposal });
          } finally {
            setSaving(false);
            setHandling(null);
          }
        }}
        confirmLoading={saving}
        okButtonProps={{ disabled: !disposal.trim() }}
      >
        <Input.TextArea
          rows={3}
          value={disposal}
          onChange={(e) => setDisposal(e.target.value)}
          placeholder={t('wallDisposalPlaceholder')}
          data-testid="disposal"
        />
      </Modal>
    </Space>
  );
}

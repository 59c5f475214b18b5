// 四色图: the site plan with each area drawn in the colour of its highest risk. Enterprise users
// upload the plan and draw areas by clicking corners; everyone in scope views, prints and exports
// PNG or PDF (drawn on a canvas from the same data, so the export is what the screen shows).
import { RISK_LEVEL_INFO, RISK_LEVELS } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Input, Modal, Space, Table, Tag, Upload } from 'antd';
import { jsPDF } from 'jspdf';
import { useRef, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, api } from '../../api.ts';
import { LevelTag } from '../../components/LevelTag.tsx';
import { pick, useI18n } from '../../i18n.tsx';
import { RISK_TEXT } from '../../theme.ts';
import type { Area, RiskMap } from './api.ts';

const fill = (a: Area) => a.colour ?? '#9e9e9e';

async function renderCanvas(map: RiskMap): Promise<HTMLCanvasElement> {
  const plan = map.sitePlan;
  if (!plan) throw new Error('no plan');
  const img = new Image();
  img.src = plan.url;
  await img.decode();
  const legend = 60;
  const canvas = document.createElement('canvas');
  canvas.width = plan.width;
  canvas.height = plan.height + legend;
  const g = canvas.getContext('2d') as CanvasRenderingContext2D;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(img, 0, 0, plan.width, plan.height);
  for (const a of map.areas) {
    g.beginPath();
    a.polygon.forEach(([x, y], i) => {
      if (i) g.lineTo(x * plan.width, y * plan.height);
      else g.moveTo(x * plan.width, y * plan.height);
    });
    g.closePath();
    g.globalAlpha = 0.45;
    g.fillStyle = fill(a);
    g.fill();
    g.globalAlpha = 1;
    g.strokeStyle = fill(a);
    g.lineWidth = 2;
    g.stroke();
    const cx = (a.polygon.reduce((s, p) => s + p[0], 0) / a.polygon.length) * plan.width;
    const cy = (a.polygon.reduce((s, p) => s + p[1], 0) / a.polygon.length) * plan.height;
    g.fillStyle = '#000';
    g.font = '16px sans-serif';
    g.textAlign = 'center';
    g.fillText(a.name, cx, cy);
  }
  g.textAlign = 'left';
  g.font = '16px sans-serif';
  RISK_LEVELS.forEach((l, i) => {
    g.fillStyle = RISK_LEVEL_INFO[l].hex;
    g.fillRect(10 + i * 140, plan.height + 20, 24, 24);
    g.fillStyle = '#000';
    g.fillText(RISK_LEVEL_INFO[l].zh, 40 + i * 140, plan.height + 38);
  });
  return canvas;
}

export function RiskMapPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [drawing, setDrawing] = useState<[number, number][] | null>(null);
  const [naming, setNaming] = useState(false);
  const [areaName, setAreaName] = useState('');
  const svgRef = useRef<SVGSVGElement>(null);
  const q = useQuery({ queryKey: ['risk-map', id], queryFn: () => api<RiskMap>(`/api/v1/enterprises/${id}/risk-map`) });
  const map = q.data;
  const plan = map?.sitePlan;
  const refresh = () => qc.invalidateQueries({ queryKey: ['risk-map', id] });

  const download = async (kind: 'png' | 'pdf') => {
    if (!map) return;
    const canvas = await renderCanvas(map);
    const name = `四色图-${map.enterpriseName}`;
    if (kind === 'png') {
      const a = document.createElement('a');
      a.href = canvas.toDataURL('image/png');
      a.download = `${name}.png`;
      a.click();
    } else {
      const pdf = new jsPDF({
        orientation: canvas.width > canvas.height ? 'landscape' : 'portrait',
        unit: 'px',
        format: [canvas.width, canvas.height],
      });
      pdf.addImage(canvas.toDataURL('image/png'), 'PNG', 0, 0, canvas.width, canvas.height);
      pdf.save(`${name}.pdf`);
    }
  };

  return (
    <Card
      loading={q.isLoading}
      title={`${t('riskMap')} · ${map?.enterpriseName ?? ''}`}
      className="printable"
      extra={
        <Space wrap className="no-print">
          {map?.canEdit && (
            <Upload
              accept="image/png,image/jpeg"
              showUploadList={false}
              customRequest={async ({ file }) => {
                const body = new FormData();
                body.append('file', file as File);
                try {
                  await api(`/api/v1/enterprises/${id}/site-plan`, { method: 'POST', body });
                  message.success(t('saved'));
                  refresh();
                } catch (e) {
                  message.error(e instanceof ApiError ? Object.values(e.fields).join('；') || e.message : String(e));
                }
              }}
            >
              <Button data-testid="upload-plan">{t('uploadPlan')}</Button>
            </Upload>
          )}
          {map?.canEdit && plan && !drawing && (
            <Button type="primary" onClick={() => setDrawing([])} data-testid="draw-area">
              {t('drawArea')}
            </Button>
          )}
          {drawing && (
            <>
              <Button type="primary" disabled={drawing.length < 3} onClick={() => setNaming(true)} data-testid="finish-area">
                {t('finishArea')}
              </Button>
              <Button onClick={() => setDrawing(null)}>{t('cancelDraw')}</Button>
            </>
          )}
          {plan && (
            <>
              <Button onClick={() => download('png')}>{t('exportPng')}</Button>
              <Button onClick={() => download('pdf')}>{t('exportPdf')}</Button>
              <Button onClick={() => window.print()}>{t('print')}</Button>
            </>
          )}
        </Space>
      }
    >
      {drawing && <Alert type="info" message={t('drawHint')} style={{ marginBottom: 12 }} className="no-print" />}
      {!plan ? (
        <Empty description={t('noPlan')} />
      ) : (
        <div style={{ position: 'relative', maxWidth: '100%', width: plan.width }}>
          <img src={plan.url} alt={t('sitePlan')} style={{ width: '100%', display: 'block' }} />
          <svg
            ref={svgRef}
            data-testid="risk-map-svg"
            viewBox="0 0 1 1"
            preserveAspectRatio="none"
            style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', cursor: drawing ? 'crosshair' : 'default' }}
            onClick={(e) => {
              if (!drawing || !svgRef.current) return;
              const r = svgRef.current.getBoundingClientRect();
              const x = Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
              const y = Math.min(1, Math.max(0, (e.clientY - r.top) / r.height));
              setDrawing([...drawing, [Math.round(x * 1e4) / 1e4, Math.round(y * 1e4) / 1e4]]);
            }}
          >
            <title>{t('riskMap')}</title>
            {map.areas.map((a) => (
              <polygon
                key={a.id}
                data-testid={`area-${a.name}`}
                data-level={a.level ?? ''}
                points={a.polygon.map(([x, y]) => `${x},${y}`).join(' ')}
                fill={fill(a)}
                fillOpacity={0.45}
                stroke={fill(a)}
                strokeWidth={0.003}
              />
            ))}
            {drawing && drawing.length > 0 && (
              <polyline points={drawing.map(([x, y]) => `${x},${y}`).join(' ')} fill="rgba(0,0,0,0.1)" stroke="#000" strokeWidth={0.003} />
            )}
          </svg>
        </div>
      )}
      <Space style={{ margin: '12px 0' }} wrap>
        {RISK_LEVELS.map((l) => (
          <Tag key={l} color={RISK_LEVEL_INFO[l].hex} style={{ color: RISK_TEXT }}>
            {pick(lang, RISK_LEVEL_INFO[l])}
          </Tag>
        ))}
      </Space>
      <Table<Area>
        rowKey="id"
        size="small"
        dataSource={map?.areas}
        pagination={false}
        columns={[
          { title: t('areaName'), dataIndex: 'name' },
          { title: t('level'), dataIndex: 'level', render: (v: Area['level']) => <LevelTag level={v} /> },
          { title: t('riskPoint'), dataIndex: 'riskPointCount' },
          ...(map?.canEdit
            ? [
                {
                  title: t('actions'),
                  render: (_: unknown, a: Area) => (
                    <Button
                      size="small"
                      danger
                      onClick={async () => {
                        await api(`/api/v1/risk-areas/${a.id}`, { method: 'DELETE' });
                        refresh();
                      }}
                    >
                      {t('delete')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={naming}
        title={t('areaName')}
        onCancel={() => setNaming(false)}
        onOk={async () => {
          try {
            await api('/api/v1/risk-areas', { method: 'POST', json: { enterpriseId: id, name: areaName.trim(), polygon: drawing } });
            setNaming(false);
            setDrawing(null);
            setAreaName('');
            refresh();
          } catch (e) {
            message.error(e instanceof ApiError ? Object.values(e.fields).join('；') || e.message : String(e));
          }
        }}
      >
        <Input value={areaName} onChange={(e) => setAreaName(e.target.value)} id="area-name" />
      </Modal>
    </Card>
  );
}

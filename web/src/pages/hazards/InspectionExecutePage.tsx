// Carrying out an inspection on a phone: each item pass / fail / not applicable, a note and photos;
// save as you go; submit once — then the record is immutable and failed items are hazards.
import { CameraOutlined } from '@ant-design/icons';
import type { InspectionDetail as Detail, Inspection } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, ConfigProvider, Input, List, Radio, Result, Space, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';

/** A result's colour when chosen: dark enough for white text (WCAG AA). */
const RESULT_COLOURS: Record<ItemResult['result'], string> = { pass: '#237804', fail: '#a8071a', na: '#595959' };

type ItemResult = Detail['results'][number];

export function InspectionExecutePage() {
  const { id } = useParams();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: ['inspection', id], queryFn: () => api<Detail>(`/api/v1/inspections/${id}`), retry: false });
  const [results, setResults] = useState<Record<string, ItemResult>>({});
  const d = q.data;
  useEffect(() => {
    if (d) setResults(Object.fromEntries(d.results.map((r) => [r.itemCode, r])));
  }, [d]);
  if (q.error) return <Result status="404" title={t('notFound')} />;
  const editable = !!d?.canExecute && d.status === 'planned';
  const update = (code: string, patch: Partial<ItemResult>) =>
    setResults((r) => ({ ...r, [code]: { itemCode: code, result: 'pass', note: null, photos: [], ...r[code], ...patch } }));
  const save = async () => {
    const saved = await api<Inspection>(`/api/v1/inspections/${id}/results`, { method: 'PUT', json: { results: Object.values(results) } });
    qc.setQueryData(['inspection', id], { ...d, ...saved });
    return saved;
  };
  return (
    <Card loading={q.isLoading} title={d ? `${d.enterpriseName}` : ''} styles={{ body: { padding: 8 } }}>
      {d && (
        <>
          <Typography.Paragraph>
            {d.checklist?.name} v{d.checklist?.version} {d.unannounced && <Tag color="purple">{t('unannounced')}</Tag>}
          </Typography.Paragraph>
          {d.status === 'submitted' && d.hazards.length === 0 && (
            <Alert type="success" style={{ marginBottom: 12 }} message={t('noHazardsFound')} data-testid="no-created-hazards" />
          )}
          {d.status === 'submitted' && d.hazards.length > 0 && (
            <Alert
              type="success"
              style={{ marginBottom: 12 }}
              message={t('createdHazards')}
              description={
                <ul data-testid="created-hazards">
                  {d.hazards.map((h) => (
                    <li key={h.id}>
                      <Link to={`/hazards/${h.id}`}>
                        {h.number ? `${h.number} ` : ''}
                        {h.description}
                      </Link>
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          <List
            dataSource={d.checklist?.items ?? []}
            data-testid="inspection-items"
            renderItem={(item) => {
              const r = results[item.code];
              return (
                <List.Item data-testid={`item-${item.code}`} style={{ display: 'block' }}>
                  <Typography.Text strong>
                    {item.code}. {item.text}
                  </Typography.Text>
                  {item.majorCriterion && (
                    <Tag color="red" style={{ marginLeft: 6 }}>
                      {t('majorHazard')}
                    </Tag>
                  )}
                  {item.legalBasis && (
                    <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0' }}>
                      {item.legalBasis}
                    </Typography.Paragraph>
                  )}
                  <Space wrap style={{ marginTop: 4 }}>
                    {/* The chosen result in its own colour: 合格 green, 不合格 red (the theme's red is for warnings). */}
                    <ConfigProvider theme={{ token: { colorPrimary: RESULT_COLOURS[r?.result ?? 'na'] } }}>
                      <Radio.Group
                        disabled={!editable}
                        value={r?.result}
                        onChange={(e) => update(item.code, { result: e.target.value })}
                        options={[
                          { value: 'pass', label: t('pass') },
                          { value: 'fail', label: t('fail') },
                          { value: 'na', label: t('na') },
                        ]}
                        optionType="button"
                        buttonStyle="solid"
                        data-result={r?.result ?? ''}
                      />
                    </ConfigProvider>
                    {r?.result === 'fail' && editable && (
                      <Upload
                        accept="image/png,image/jpeg"
                        capture="environment"
                        showUploadList={false}
                        customRequest={async ({ file }) => {
                          const body = new FormData();
                          body.append('file', file as File);
                          try {
                            const up = await api<{ key: string }>(`/api/v1/inspections/${id}/photos`, { method: 'POST', body });
                            update(item.code, { photos: [...(r?.photos ?? []), up.key] });
                          } catch (e) {
                            message.error(e instanceof ApiError ? Object.values(e.fields).join('；') || e.message : String(e));
                          }
                        }}
                      >
                        <Button icon={<CameraOutlined />} data-testid={`photo-${item.code}`}>
                          {t('uploadPhoto')} {r?.photos.length ? `(${r.photos.length})` : ''}
                        </Button>
                      </Upload>
                    )}
                  </Space>
                  {r?.result === 'fail' && (
                    <Input.TextArea
                      disabled={!editable}
                      style={{ marginTop: 6 }}
                      rows={2}
                      placeholder={t('note')}
                      value={r.note ?? ''}
                      onChange={(e) => update(item.code, { note: e.target.value })}
                      data-testid={`note-${item.code}`}
                    />
                  )}
                </List.Item>
              );
            }}
          />
          {editable && (
            <Space style={{ marginTop: 12 }} wrap>
              <Button
                onClick={async () => {
                  try {
                    await save();
                    message.success(t('saved'));
                  } catch (e) {
                    message.error((e as Error).message);
                  }
                }}
              >
                {t('saveProgress')}
              </Button>
              <Button
                type="primary"
                data-testid="submit-inspection"
                onClick={async () => {
                  try {
                    await save();
                    await api(`/api/v1/inspections/${id}/submit`, { method: 'POST', json: {} });
                    qc.invalidateQueries({ queryKey: ['inspection', id] });
                    qc.invalidateQueries({ queryKey: ['hazards'] });
                  } catch (e) {
                    message.error(e instanceof ApiError ? [e.message, ...Object.values(e.fields)].join('：') : String(e));
                  }
                }}
              >
                {t('submitInspection')}
              </Button>
            </Space>
          )}
        </>
      )}
    </Card>
  );
}

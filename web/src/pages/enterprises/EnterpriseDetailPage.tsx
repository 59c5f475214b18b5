import { STANDARDIZATION_GRADE_LABELS } from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Grid, Popconfirm, Result, Space, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api, type Enterprise } from '../../api.ts';
import { flagLabel, industryLabel } from '../../components/labels.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { useReference } from '../../reference.ts';
import { may, useSession } from '../../session.tsx';
import { EnterpriseAccidents } from '../accidents/EnterpriseAccidents.tsx';
import { ChangeRequestButton, ChangeRequestList } from './EnterpriseChanges.tsx';
import { EnterpriseFlags } from './EnterpriseListPage.tsx';

export function EnterpriseDetailPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const ref = useReference();
  const nav = useNavigate();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const { me } = useSession();
  const q = useQuery({ queryKey: ['enterprise', id], queryFn: () => api<Enterprise>(`/api/v1/enterprises/${id}`), retry: false });
  if (q.error) {
    const notFound = q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 400);
    return (
      <div data-testid="not-found">
        <Result
          status={notFound ? '404' : 'error'}
          title={notFound ? t('notFound') : q.error.message}
          extra={<Button onClick={() => nav('/enterprises')}>{t('back')}</Button>}
        />
      </div>
    );
  }
  const e = q.data;
  return (
    <Card
      loading={q.isLoading}
      title={e?.name}
      extra={
        e && (
          <Space wrap>
            <Button onClick={() => nav('/enterprises')}>{t('back')}</Button>
            <Button onClick={() => nav(`/risks?enterpriseId=${e.id}`)}>{t('riskRegister')}</Button>
            <Button onClick={() => nav(`/enterprises/${e.id}/risk-map`)}>{t('riskMap')}</Button>
            {may(me, 'credit.view') && <Button onClick={() => nav(`/credit/enterprises/${e.id}`)}>{t('crFile')}</Button>}
            {e.allowedActions.includes('update') && (
              <Button type="primary" onClick={() => nav(`/enterprises/${e.id}/edit`)}>
                {t('edit')}
              </Button>
            )}
            {e.allowedActions.includes('requestChange') && <ChangeRequestButton enterprise={e} />}
            {e.allowedActions.includes('delete') && (
              <Popconfirm
                title={t('confirmDelete')}
                onConfirm={async () => {
                  try {
                    await api(`/api/v1/enterprises/${e.id}`, { method: 'DELETE' });
                    message.success(t('deleted'));
                    nav('/enterprises');
                  } catch (err) {
                    message.error((err as Error).message);
                  }
                }}
              >
                <Button danger>{t('delete')}</Button>
              </Popconfirm>
            )}
          </Space>
        )
      }
    >
      {e && (
        <>
          {e.listed && (
            <Alert type="error" showIcon message={t('crListedWarning')} style={{ marginBottom: 12 }} data-testid="listed-warning" />
          )}
          {e.lacksSafetyDirector && <Alert type="error" showIcon message={t('warningDirector')} style={{ marginBottom: 12 }} />}
          {e.creditCodeWarning && <Alert type="warning" showIcon message={t('warningCheck')} style={{ marginBottom: 12 }} />}
          <Descriptions bordered column={screens.md ? 2 : 1} size="small" data-testid="enterprise-detail">
            <Descriptions.Item label={t('creditCode')}>{e.creditCode}</Descriptions.Item>
            <Descriptions.Item label={t('region')}>
              {e.regionName} ({e.regionCode})
            </Descriptions.Item>
            <Descriptions.Item label={t('address')}>{e.address}</Descriptions.Item>
            <Descriptions.Item label={t('industry')}>{industryLabel(ref.data, e.industryCode, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('employees')}>{e.employees}</Descriptions.Item>
            <Descriptions.Item label={t('revenueWan')}>{e.revenueWan}</Descriptions.Item>
            <Descriptions.Item label={t('highRisk')}>
              {e.highRisk.map((f) => (
                <Tag key={f}>{flagLabel(ref.data, f, lang)}</Tag>
              ))}
              <EnterpriseFlags e={e} />
            </Descriptions.Item>
            <Descriptions.Item label={t('clsStdGrade')}>
              <span data-testid="standardization">
                {e.standardizationGrade ? (
                  <>
                    {pick(lang, STANDARDIZATION_GRADE_LABELS[e.standardizationGrade])}
                    {`（${t('clsStdValidUntil')} ${e.standardizationValidUntil ?? ''}）`}
                    {e.standardizationValidUntil && e.standardizationValidUntil < new Date().toISOString().slice(0, 10) && (
                      <Tag color="orange" style={{ marginLeft: 8 }}>
                        {t('clsStdExpired')}
                      </Tag>
                    )}
                  </>
                ) : (
                  t('clsStdNone')
                )}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('legalRepresentative')}>{e.legalRepresentative}</Descriptions.Item>
            <Descriptions.Item label={t('safetyDirector')}>{e.safetyDirector}</Descriptions.Item>
            <Descriptions.Item label={t('contactPhone')}>{e.contactPhone}</Descriptions.Item>
            <Descriptions.Item label={t('createdAt')}>{formatTime(e.createdAt, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('updatedAt')}>{formatTime(e.updatedAt, lang)}</Descriptions.Item>
          </Descriptions>
          {(e.allowedActions.includes('requestChange') || e.allowedActions.includes('changeSupervision')) && (
            <Card size="small" title={t('ecTitle')} style={{ marginTop: 16 }}>
              <ChangeRequestList query={{ enterpriseId: e.id }} />
            </Card>
          )}
          <EnterpriseAccidents enterpriseId={e.id} />
        </>
      )}
    </Card>
  );
}

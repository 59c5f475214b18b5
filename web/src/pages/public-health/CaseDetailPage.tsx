// One 传染病报告卡: its facts, the person (masked unless the server says clear), the buttons its
// allowedActions permit, and its history. Owner: cases.
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Space, Tag, Timeline } from 'antd';
import { Link, useParams } from 'react-router';
import { formatTime, type MessageKey, pick, useI18n } from '../../i18n.tsx';
import { fetchCase } from './cases-api.ts';
import { CaseActions, CaseStatusTag, useCaseLabel } from './cases-ui.tsx';

export function CaseDetailPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const label = useCaseLabel();
  const q = useQuery({ queryKey: ['ph-cases', 'one', id], queryFn: () => fetchCase(id as string) });
  const c = q.data;
  // A correction names the fields that changed (never their values): 订正：病种、患者身份信息.
  const FIELD_KEYS: Record<string, MessageKey> = {
    diseaseCode: 'phCaDisease',
    classification: 'phCaClassification',
    onsetAt: 'phCaOnset',
    diagnosedAt: 'phCaDiagnosed',
    regionCode: 'phCaResidence',
    sex: 'phCaSex',
    ageYears: 'phCaAge',
    person: 'phCaPersonInfo',
  };
  const correctedText = (fields: unknown) =>
    Array.isArray(fields) && fields.length
      ? ` · ${t('phCaCorrected')}：${fields.map((f) => (FIELD_KEYS[f] ? t(FIELD_KEYS[f]) : String(f))).join(lang === 'zh' ? '、' : ', ')}`
      : '';
  if (!c) return <Card loading />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={`${c.number} · ${pick(lang, c.diseaseName)}`} extra={<Link to="/public-health/cases">{t('phCaMenu')}</Link>}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <CaseStatusTag c={c} />
          <Descriptions column={{ xs: 1, sm: 2 }} size="small">
            <Descriptions.Item label={t('phCaClassification')}>{label('Cl', c.classification)}</Descriptions.Item>
            <Descriptions.Item label={t('phCaFacility')}>{c.facilityName}</Descriptions.Item>
            <Descriptions.Item label={t('phCaName')}>
              {c.person.name} {c.personMasked && <Tag>{t('phCaMasked')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('phCaIdNumber')}>
              {label('Id', c.person.idType)} {c.person.idNumber}
            </Descriptions.Item>
            <Descriptions.Item label={t('phCaPhone')}>{c.person.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('phCaResidence')}>{c.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('phCaOnset')}>{c.onsetAt ? formatTime(c.onsetAt, lang) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('phCaDiagnosed')}>{formatTime(c.diagnosedAt, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('phCaReported')}>{formatTime(c.reportedAt, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('phCaDeadline')}>{formatTime(c.deadlineAt, lang)}</Descriptions.Item>
            {c.returnReason && <Descriptions.Item label={t('phCaReason')}>{c.returnReason}</Descriptions.Item>}
            {c.mergedInto && (
              <Descriptions.Item label={t('phCaAc_merge')}>
                <Link to={`/public-health/cases/${c.mergedInto}`}>{c.mergeReason}</Link>
              </Descriptions.Item>
            )}
          </Descriptions>
          <CaseActions c={c} onDone={() => q.refetch()} />
        </Space>
      </Card>
      <Card title={t('phCaHistory')} size="small">
        <Timeline
          items={(c.history ?? []).map((h) => ({
            children: `${formatTime(h.at, lang)} ${label('Hi', h.action)} · ${h.actorName ?? ''}${typeof h.detail.reason === 'string' ? ` · ${h.detail.reason}` : ''}${correctedText(h.detail.corrected)}`,
          }))}
        />
      </Card>
    </Space>
  );
}

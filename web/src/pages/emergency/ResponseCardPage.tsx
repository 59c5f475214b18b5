// 应急处置卡 on a phone: one card per key post of an on-site plan, large type, the steps numbered,
// whom to call with a tap-to-call link, the emergency numbers; and the pocket-size PDF. Owner: plans.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../i18n.tsx';
import { cardsPdfUrl, fetchCards } from './plans-api.ts';

/** A phone number inside text is underlined: colour alone does not mark a link (WCAG 1.4.1). */
const TEL_LINK = { textDecoration: 'underline' } as const;

export function ResponseCardPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['emergency-plan-cards', id], queryFn: () => fetchCards(id) });
  const c = q.data;
  if (!c) return <Card loading={q.isLoading}>{q.error ? String(q.error) : null}</Card>;
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 480, margin: '0 auto' }} data-testid="response-cards">
      <Space wrap>
        <Link to={`/emergency/plans/${c.planId}`}>{c.planTitle}</Link>
        <Button size="small" href={cardsPdfUrl(c.planId)}>
          {t('emPlCardsPdf')}
        </Button>
      </Space>
      {c.cards.length === 0 && <Empty description={t('emPlNoCards')} />}
      {c.cards.map((card) => (
        <Card
          key={card.post}
          title={<span style={{ color: '#E60012', fontSize: 20 }}>{card.post}</span>}
          extra={<Typography.Text type="secondary">{t('emPlCards')}</Typography.Text>}
          data-testid="response-card"
        >
          {card.duties && <Typography.Paragraph style={{ fontSize: 16 }}>{card.duties}</Typography.Paragraph>}
          <ol style={{ fontSize: 18, lineHeight: 1.8, paddingLeft: 24 }}>
            {card.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
          {(card.reportTo || card.phone) && (
            <Typography.Paragraph style={{ fontSize: 16 }}>
              {t('emPlReportTo')}：{card.reportTo}{' '}
              {card.phone && (
                <a style={TEL_LINK} href={`tel:${card.phone}`}>
                  {card.phone}
                </a>
              )}
            </Typography.Paragraph>
          )}
          {c.alarmPhone && (
            <Typography.Paragraph>
              {t('emPlAlarm')}：
              <a style={TEL_LINK} href={`tel:${c.alarmPhone}`}>
                {c.alarmPhone}
              </a>
            </Typography.Paragraph>
          )}
          {card.cautions && <Typography.Paragraph type="warning">{card.cautions}</Typography.Paragraph>}
          <Typography.Text strong>{t('emPlEmergencyNumbers')}</Typography.Text>
        </Card>
      ))}
    </Space>
  );
}

// 每日简报 (/command/briefings): the jurisdiction's generated daily briefings, generate one for a
// day, download the PDF. Owner: duty.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { type Briefing, bjDayTime, bjToday, briefingPdfUrl, fetchBriefings, generateBriefing } from './duty-api.ts';

export function BriefingsPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['cmDuty', 'briefings'], queryFn: fetchBriefings });
  const [day, setDay] = useState(bjToday());
  const [refused, setRefused] = useState<string | null>(null);
  const generate = async () => {
    try {
      await generateBriefing(day);
      setRefused(null);
      await qc.invalidateQueries({ queryKey: ['cmDuty', 'briefings'] });
    } catch (err) {
      if (err instanceof ApiError) setRefused(err.message);
      else throw err;
    }
  };
  return (
    <Card
      title={t('cmDuBriefings')}
      data-testid="cm-briefings"
      extra={
        <Space>
          <DatePicker value={dayjs(day)} allowClear={false} onChange={(d) => d && setDay(d.format('YYYY-MM-DD'))} />
          <Button type="primary" onClick={generate}>
            {t('cmDuGenerate')}
          </Button>
        </Space>
      }
    >
      {refused && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refused} />}
      <Table<Briefing>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        columns={[
          { title: t('cmDuBriefingDay'), dataIndex: 'day' },
          { title: t('cmDuBriefingNumber'), dataIndex: 'number' },
          { title: t('cmDuBriefingAt'), key: 'at', render: (_, r) => bjDayTime(r.generatedAt) },
          { title: '', key: 'pdf', render: (_, r) => <a href={briefingPdfUrl(r.id)}>{t('cmDuDownload')}</a> },
        ]}
      />
    </Card>
  );
}

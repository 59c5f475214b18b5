// Bulk import with a per-row result table: imported / warning / rejected with reasons.
import { UploadOutlined } from '@ant-design/icons';
import type { ImportSummary } from '@taishan/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { pick, useI18n } from '../../i18n.tsx';

type Summary = ImportSummary;
type RowResult = ImportSummary['rows'][number];

export function ImportPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const color = { imported: 'green', warning: 'orange', rejected: 'red' } as const;

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const body = new FormData();
      body.append('file', file);
      const r = await api<Summary>('/api/v1/enterprises/import', { method: 'POST', body });
      setResult(r);
      qc.invalidateQueries({ queryKey: ['enterprises'] });
    } catch (e) {
      setError(e instanceof ApiError ? [e.message, ...Object.values(e.fields)].join('：') : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('import')}>
      <Typography.Paragraph type="secondary">{t('importHint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <Button icon={<UploadOutlined />}>{t('chooseFile')}</Button>
        </Upload>
        <Button type="primary" disabled={!file} loading={busy} onClick={run} data-testid="start-import">
          {t('startImport')}
        </Button>
      </Space>
      {busy && <Progress percent={99} status="active" showInfo={false} />}
      {error && <Alert type="error" message={error} />}
      {result && (
        <>
          <Progress
            percent={100}
            success={{ percent: (100 * (result.imported + result.warning)) / Math.max(1, result.total) }}
            status={result.rejected ? 'exception' : 'success'}
            format={() => `${result.imported + result.warning}/${result.total}`}
          />
          <Alert
            type={result.rejected ? 'warning' : 'success'}
            message={t('importSummary', {
              total: result.total,
              imported: result.imported,
              warning: result.warning,
              rejected: result.rejected,
            })}
            style={{ margin: '12px 0' }}
            data-testid="import-summary"
          />
          <Table<RowResult>
            rowKey="line"
            size="small"
            dataSource={result.rows}
            pagination={{ pageSize: 50 }}
            scroll={{ x: 700 }}
            columns={[
              { title: t('line'), dataIndex: 'line', width: 70 },
              {
                title: t('result'),
                dataIndex: 'status',
                width: 90,
                render: (s: RowResult['status']) => <Tag color={color[s]}>{t(s)}</Tag>,
              },
              { title: t('creditCode'), dataIndex: 'creditCode', width: 190 },
              { title: t('name'), dataIndex: 'name' },
              {
                title: t('reasons'),
                dataIndex: 'reasons',
                render: (r: RowResult['reasons']) => r.map((x) => `${x.field}: ${pick(lang, x)}`).join('；'),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

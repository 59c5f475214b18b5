// 导入证书: an Excel/CSV of certificates (one per row) with a result per row, as the directory's
// import shows it; a rejected row wrote nothing (not even its person).
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { type CertificateImportSummary, importCertificates } from './people-api.ts';

type Row = CertificateImportSummary['rows'][number];

export function CertificateImportPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CertificateImportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await importCertificates(file));
      await qc.invalidateQueries({ queryKey: ['people'] });
    } catch (e) {
      setError(e instanceof ApiError ? [e.message, ...Object.values(e.fields)].join('：') : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('ppMenuImport')}>
      <Typography.Paragraph type="secondary">{t('ppImportHint')}</Typography.Paragraph>
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
        <Button href="/api/v1/people/certificates/template">{t('ppTemplate')}</Button>
        <Button type="primary" disabled={!file} loading={busy} onClick={run} data-testid="start-certificate-import">
          {t('startImport')}
        </Button>
      </Space>
      {error && <Alert type="error" message={error} />}
      {result && (
        <>
          <Alert
            type={result.rejected ? 'warning' : 'success'}
            message={t('ppImportSummary', { total: result.total, imported: result.imported, rejected: result.rejected })}
            style={{ margin: '12px 0' }}
            data-testid="certificate-import-summary"
          />
          <Table<Row>
            rowKey="line"
            size="small"
            dataSource={result.rows}
            pagination={{ pageSize: 50 }}
            columns={[
              { title: t('line'), dataIndex: 'line', width: 70 },
              {
                title: t('result'),
                dataIndex: 'status',
                width: 90,
                render: (s: Row['status']) => <Tag color={s === 'imported' ? 'green' : 'red'}>{t(s)}</Tag>,
              },
              { title: t('ppName'), dataIndex: 'name', width: 100 },
              { title: t('ppNumber'), dataIndex: 'number', width: 180 },
              { title: '', dataIndex: 'personCreated', width: 90, render: (v: boolean) => (v ? <Tag>{t('ppPersonCreated')}</Tag> : null) },
              {
                title: t('reasons'),
                dataIndex: 'reasons',
                render: (r: Row['reasons']) => r.map((x) => `${x.field}: ${pick(lang, x)}`).join('；'),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

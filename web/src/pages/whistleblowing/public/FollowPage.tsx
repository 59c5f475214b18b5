// 举报进展查询 (/report/follow): the receipt opens the status, the reason given, the outcome and
// reward, and the conversation with the handler; the reporter can answer and add files. The
// receipt stays in this page's memory only — never in the address bar or browser storage.
import { Alert, Button, Checkbox, Descriptions, Form, Input, List, Space, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import { useState } from 'react';
import { ApiError, api } from '../../../api.ts';
import { Panel } from '../../../components/Panel.tsx';
import { useI18n } from '../../../i18n-provider.tsx';
import { Link } from '../../../public/router.tsx';
import { PublicShell } from './ReportPage.tsx';
import { ACCEPT, anon, uploadWithReceipt } from './reporting.ts';

type Label = { zh: string; en: string };
type View = {
  status: string;
  statusLabel: Label;
  outcomeStatus: string | null;
  outcomeLabel: Label | null;
  reason: string | null;
  receivedOn: string;
  description: string;
  reward: { amount: number; steps: string[]; paidOn: string | null } | null;
  messages: { author: 'reporter' | 'handler'; text: string; sentOn: string }[];
  files: { name: string; size: number; author: string }[];
};

export function FollowPage() {
  const { t, lang } = useI18n();
  const [receipt, setReceipt] = useState('');
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [keepLocation, setKeepLocation] = useState(false);

  const run = async (fn: () => Promise<View>) => {
    setBusy(true);
    setError(null);
    try {
      setView(await fn());
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const open = () => run(() => api<View>('/api/public/reports/follow', { method: 'POST', json: { receipt }, ...anon }));
  const send = () =>
    run(async () => {
      let v = view as View;
      if (text.trim()) v = await api<View>('/api/public/reports/messages', { method: 'POST', json: { receipt, text }, ...anon });
      for (const f of files) v = await uploadWithReceipt<View>(receipt, f.originFileObj as File, keepLocation);
      setText('');
      setFiles([]);
      return v;
    });

  return (
    <PublicShell>
      <Panel title={t('reportFollowTitle')}>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            value={receipt}
            onChange={(e) => setReceipt(e.target.value)}
            placeholder={t('reportReceiptPlaceholder')}
            inputMode="numeric"
            autoComplete="off"
            onPressEnter={open}
            data-testid="receipt-input"
          />
          <Button type="primary" onClick={open} loading={busy && !view}>
            {t('reportOpen')}
          </Button>
        </Space.Compact>
        {error && <Alert type="error" message={error} style={{ marginTop: 12 }} />}
      </Panel>
      {view && (
        <>
          <Panel style={{ marginTop: 12 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('status')}>
                <Tag color="red" data-testid="report-status">
                  {view.statusLabel[lang]}
                </Tag>
                {view.outcomeLabel && <Tag>{view.outcomeLabel[lang]}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('reportReceivedOn')}>{view.receivedOn}</Descriptions.Item>
              {view.reason && <Descriptions.Item label={t('reportReason')}>{view.reason}</Descriptions.Item>}
              {view.reward && (
                <Descriptions.Item label={t('reportReward')}>
                  <span data-testid="reward">
                    {view.reward.amount.toLocaleString('zh-CN')} 元
                    {view.reward.paidOn ? `（${t('reportPaidOn')} ${view.reward.paidOn}）` : ''}
                  </span>
                </Descriptions.Item>
              )}
            </Descriptions>
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }} style={{ marginBottom: 0 }}>
              {view.description}
            </Typography.Paragraph>
          </Panel>
          <Panel title={t('reportConversation')} style={{ marginTop: 12 }}>
            <List
              dataSource={view.messages}
              locale={{ emptyText: t('reportNoMessages') }}
              renderItem={(m) => (
                <List.Item style={{ justifyContent: m.author === 'reporter' ? 'flex-end' : 'flex-start' }}>
                  <div
                    style={{
                      maxWidth: '85%',
                      background: m.author === 'reporter' ? '#fff1f0' : '#f5f5f5',
                      borderRadius: 8,
                      padding: '6px 10px',
                    }}
                  >
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {m.author === 'reporter' ? t('reportMe') : t('reportHandler')} · {m.sentOn}
                    </Typography.Text>
                    <div style={{ whiteSpace: 'pre-wrap' }}>{m.text}</div>
                  </div>
                </List.Item>
              )}
            />
            {view.files.length > 0 && (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('reportFiles')}：{view.files.map((f) => f.name).join('、')}
              </Typography.Paragraph>
            )}
            {view.status !== 'closed' && (
              <Form layout="vertical">
                <Form.Item label={t('reportAddInfo')} htmlFor="follow-reply">
                  <Input.TextArea
                    id="follow-reply"
                    rows={3}
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                    maxLength={5000}
                    data-testid="reply"
                  />
                </Form.Item>
                <Upload
                  multiple
                  accept={ACCEPT}
                  fileList={files}
                  beforeUpload={() => false}
                  onChange={({ fileList }) => setFiles(fileList)}
                >
                  <Button>{t('reportAddFiles')}</Button>
                </Upload>
                <Checkbox checked={keepLocation} onChange={(e) => setKeepLocation(e.target.checked)} style={{ margin: '8px 0' }}>
                  {t('reportKeepLocation')}
                </Checkbox>
                <Button type="primary" block onClick={send} loading={busy} disabled={!text.trim() && !files.length}>
                  {t('reportSend')}
                </Button>
              </Form>
            )}
          </Panel>
        </>
      )}
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        <Link to="/report">{t('reportNew')}</Link>
      </div>
    </PublicShell>
  );
}

// 签收 on a phone: the receiver opens the request at the delivery place, sees each line's shipped and
// received quantities, enters what arrived (partial receipts allowed; never above what was shipped)
// and signs. Big inputs, one column. Owner: dispatch.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { DispatchStatusTag, LineQuantities } from './DispatchBoardPage.tsx';
import { type DispatchDetail, dispatchStep, fetchDispatchOptions, fetchRequest } from './dispatch-api.ts';
import { ReceiveFields } from './RequestDetailPage.tsx';

/** The receipt form, with a form of its own for each version of the request (fresh defaults after each receipt). */
function ReceiveForm({
  r,
  own,
  onSigned,
}: {
  r: DispatchDetail;
  own: { id: string; name: string }[];
  onSigned: (next: DispatchDetail) => Promise<void>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const sign = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setRefused(null);
    try {
      const next = await dispatchStep(r.id, 'receive', { ...v, version: r.version });
      message.success(t('emDiSigned'));
      await onSigned(next);
    } catch (err) {
      if (err instanceof ApiError) {
        form.setFields(formErrors(err));
        setRefused(err.message);
      } else throw err;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small">
      {refused && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refused} data-testid="dispatch-receive-refused" />}
      <Form form={form} layout="vertical" size="large">
        <ReceiveFields r={r} own={own} />
        <Button type="primary" block size="large" loading={busy} onClick={sign} data-testid="dispatch-sign">
          {t('emDiSign')}
        </Button>
      </Form>
    </Card>
  );
}

export function RequestReceivePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['dispatch-request', id], queryFn: () => fetchRequest(id) });
  const opts = useQuery({ queryKey: ['dispatch-options'], queryFn: fetchDispatchOptions });
  const r = q.data;
  if (q.error) return <Card>{String(q.error)}</Card>;
  if (!r) return <Card loading />;
  const onSigned = async (next: DispatchDetail) => {
    qc.setQueryData(['dispatch-request', id], next);
    await qc.invalidateQueries({ queryKey: ['dispatch'] });
  };

  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 560 }} data-testid="dispatch-receive">
      <Card size="small" title={t('emDiReceiveTitle')} extra={<Link to={`/emergency/dispatch/${r.id}`}>{t('emDiDetail')}</Link>}>
        <Space direction="vertical" size={4}>
          <Typography.Text strong>{r.purpose}</Typography.Text>
          <span>
            {r.deliverTo} · {r.receiverName} {r.receiverPhone}
          </span>
          <DispatchStatusTag status={r.status} />
          {r.lines.map((l) => (
            <LineQuantities key={l.id} l={l} />
          ))}
        </Space>
      </Card>
      {r.allowedActions.includes('receive') ? (
        <ReceiveForm key={r.version} r={r} own={opts.data?.ownWarehouses ?? []} onSigned={onSigned} />
      ) : (
        <Result status="success" title={t('emDiNothingToReceive')} />
      )}
    </Space>
  );
}

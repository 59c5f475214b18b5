// 举报奖励标准: the national default and each province's own rule. Admins edit any province's,
// a province supervisor their own; every change is an audit event.
import { ACCIDENT_GRADE_LABELS, ACCIDENT_GRADES, type RewardRule, type RewardRuleRow, type RewardRules } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Space, Table } from 'antd';
import { useState } from 'react';
import { ApiError, api, formErrors } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';

type Row = RewardRuleRow;

const yuan = (n: number) => `${n.toLocaleString('zh-CN')} 元`;

export function RewardRulesPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [editing, setEditing] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['reward-rules'],
    queryFn: () => api<RewardRules>('/api/v1/report-reward-rules'),
  });
  // The province a supervisor sets (prefilled, fixed in the form): the server says which, and who may edit what.
  const ownProvince = q.data?.ownProvince ?? null;
  const mayEdit = !!q.data?.allowedActions.includes('set');
  // The national row: an admin's '00' rule if set, else the built-in one.
  const national =
    q.data?.items.find((r) => r.province === '00') ??
    ({ province: '00', rule: q.data?.national, updatedBy: '', updatedAt: '', allowedActions: q.data?.nationalAllowedActions ?? [] } as Row);
  const rules = [national, ...(q.data?.items.filter((r) => r.province !== '00') ?? [])];

  const edit = (province: string | null) => {
    const current = q.data?.items.find((r) => r.province === province)?.rule ?? q.data?.national;
    form.setFieldsValue({ province: province ?? ownProvince ?? '', ...current, penaltyShare: (current?.penaltyShare ?? 0) * 100 });
    setEditing(province ?? 'new');
  };
  const save = async (v: RewardRule & { province: string }) => {
    const { province, ...rule } = v;
    try {
      await api(`/api/v1/report-reward-rules/${province}`, { method: 'PUT', json: { ...rule, penaltyShare: rule.penaltyShare / 100 } });
      setEditing(null);
      qc.invalidateQueries({ queryKey: ['reward-rules'] });
      message.success(t('saved'));
    } catch (e) {
      if (e instanceof ApiError) form.setFields(formErrors(e));
      else throw e;
    }
  };

  return (
    <Card title={t('rewardRules')} extra={mayEdit && <Button onClick={() => edit(ownProvince)}>{t('rewardRuleSet')}</Button>}>
      <Table<Row>
        rowKey="province"
        size="small"
        loading={q.isLoading}
        dataSource={q.data ? rules : []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: t('rewardProvince'), dataIndex: 'province', render: (p: string) => (p === '00' ? t('rewardNational') : p) },
          { title: t('rewardPenaltyShare'), render: (_, r) => `${Math.round(r.rule.penaltyShare * 1000) / 10}%` },
          { title: t('rewardRange'), render: (_, r) => `${yuan(r.rule.minimum)} – ${yuan(r.rule.maximum)}` },
          {
            title: t('rewardPerDeath'),
            render: (_, r) =>
              ACCIDENT_GRADES.map((g) => `${pick(lang, ACCIDENT_GRADE_LABELS[g])} ${yuan(r.rule.perConcealedDeath[g])}`).join('；'),
          },
          { title: t('rewardSource'), render: (_, r) => r.rule.source },
          { title: t('updatedAt'), render: (_, r) => (r.updatedAt ? `${r.updatedBy} · ${formatTime(r.updatedAt, lang)}` : '') },
          {
            title: t('actions'),
            render: (_, r) =>
              r.allowedActions.includes('edit') && (
                <Button size="small" onClick={() => edit(r.province)}>
                  {t('edit')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={t('rewardRuleSet')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        width={640}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="province" label={t('rewardProvinceCode')} rules={[{ required: true, pattern: /^\d{2}$/ }]}>
            <Input maxLength={2} disabled={!!ownProvince} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="penaltyShare" label={t('rewardPenaltyShare')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} addonAfter="%" />
            </Form.Item>
            <Form.Item name="minimum" label={t('rewardMinimum')} rules={[{ required: true }]}>
              <InputNumber min={0} addonAfter="元" />
            </Form.Item>
            <Form.Item name="maximum" label={t('rewardMaximum')} rules={[{ required: true }]}>
              <InputNumber min={0} addonAfter="元" />
            </Form.Item>
          </Space>
          <Descriptions size="small" title={t('rewardPerDeath')} />
          <Space wrap>
            {ACCIDENT_GRADES.map((g) => (
              <Form.Item key={g} name={['perConcealedDeath', g]} label={pick(lang, ACCIDENT_GRADE_LABELS[g])} rules={[{ required: true }]}>
                <InputNumber min={0} addonAfter="元" />
              </Form.Item>
            ))}
            <Form.Item name="concealedMaximum" label={t('rewardMaximum')} rules={[{ required: true }]}>
              <InputNumber min={0} addonAfter="元" />
            </Form.Item>
          </Space>
          <Form.Item name="source" label={t('rewardSource')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

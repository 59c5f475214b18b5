// 值班电话: each government's and department's duty phone, published to the public (Decree 493
// Art. 18; the public list is /api/public/duty-phones, no login); the jurisdiction sets them.
// Owner: teams (救援队伍、专家、值班).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Space, Table } from 'antd';
import { useState } from 'react';
import { ApiError, formErrors } from '../../api.ts';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { useI18n } from '../../i18n.tsx';
import { type DutyPhone, fetchDutyPhones, setDutyPhone } from './teams-api.ts';

function PhoneDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const [refused, setRefused] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await setDutyPhone(v);
      await qc.invalidateQueries({ queryKey: ['teams'] });
      onClose();
    } catch (err) {
      if (err instanceof ApiError) {
        form.setFields(formErrors(err));
        setRefused(err.message);
      } else throw err;
    }
  };
  return (
    <Modal
      open={open}
      title={t('emTePhonesSet')}
      onCancel={onClose}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      destroyOnHidden
    >
      {refused && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refused} />}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="regionCode" label={t('emTeRegion')} rules={[{ required: true, message: t('emTeRegion') }]}>
          <RegionCascader changeOnSelect />
        </Form.Item>
        <Form.Item name="name" label={t('emTePhonesOffice')} rules={[{ required: true, message: t('emTePhonesOffice') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="phone" label={t('emTePhone')} rules={[{ required: true, message: t('emTePhone') }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="note" label={t('emTeNote')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DutyPhonesPage() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const q = useQuery({ queryKey: ['teams', 'phones'], queryFn: fetchDutyPhones });
  return (
    <Card
      title={t('emTePhonesTitle')}
      data-testid="duty-phones"
      extra={
        q.data?.mayEdit && (
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('emTePhonesSet')}
          </Button>
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="info" message={t('emTePhonesBasis')} />
        <Table<DutyPhone>
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('emTeRegion'), dataIndex: 'regionName' },
            { title: t('emTePhonesDept'), key: 'dept', render: (_, p) => p.departmentName ?? '—' },
            { title: t('emTePhonesOffice'), dataIndex: 'name' },
            { title: t('emTePhone'), dataIndex: 'phone' },
            { title: t('emTeNote'), dataIndex: 'note' },
          ]}
        />
      </Space>
      <PhoneDialog open={open} onClose={() => setOpen(false)} />
    </Card>
  );
}

// Admin: people and roles. Supervisors get a region of their tier; inspectors a department;
// enterprise users an enterprise. Disable, unlock, reset password.
import { type Role, roleHome, type User } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, api, formErrors } from '../../api.ts';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { useEnterprisePicker } from '../../components/useEnterprisePicker.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { useReference } from '../../reference.ts';

export function UsersPage() {
  const { t, lang } = useI18n();
  const ref = useReference();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form) as Role | undefined;
  const home = role ? roleHome(role) : undefined;
  const users = useQuery({ queryKey: ['users'], queryFn: () => api<{ items: User[] }>('/api/v1/users') });
  const depts = useQuery({
    queryKey: ['departments'],
    queryFn: () => api<{ items: { id: string; name: string }[] }>('/api/v1/departments'),
  });
  const enterprisePicker = useEnterprisePicker(home === 'enterprise');
  const roleName = (code: string) => {
    const r = ref.data?.roles.find((x) => x.code === code);
    return r ? pick(lang, r) : code;
  };
  const patch = async (id: string, body: object) => {
    try {
      await api(`/api/v1/users/${id}`, { method: 'PATCH', json: body });
      message.success(t('saved'));
      qc.invalidateQueries({ queryKey: ['users'] });
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Card
      title={t('users')}
      extra={
        <Button type="primary" onClick={() => setOpen(true)}>
          {t('newUser')}
        </Button>
      }
    >
      <Table<User>
        rowKey="id"
        loading={users.isLoading}
        dataSource={users.data?.items}
        scroll={{ x: 900 }}
        columns={[
          { title: t('username'), dataIndex: 'username' },
          { title: t('displayName'), dataIndex: 'displayName' },
          { title: t('role'), dataIndex: 'role', render: roleName },
          { title: t('scope'), render: (_, u) => u.enterpriseName ?? u.departmentName ?? u.regionName ?? t('nationwide') },
          {
            title: t('status'),
            render: (_, u) => (
              <>
                {u.disabled && <Tag color="red">{t('disabled')}</Tag>}
                {u.locked && <Tag color="orange">{t('locked')}</Tag>}
                {!u.disabled && !u.locked && <Tag color="green">{t('userActive')}</Tag>}
              </>
            ),
          },
          {
            title: t('actions'),
            render: (_, u) => (
              <Space wrap>
                {(u.allowedActions.includes('disable') || u.allowedActions.includes('enable')) && (
                  <Button size="small" onClick={() => patch(u.id, { disabled: !u.disabled })}>
                    {u.disabled ? t('enable') : t('disabled')}
                  </Button>
                )}
                {u.allowedActions.includes('unlock') && (
                  <Button size="small" onClick={() => patch(u.id, { unlock: true })}>
                    {t('unlock')}
                  </Button>
                )}
                {u.allowedActions.includes('resetPassword') && (
                  <Button
                    size="small"
                    onClick={() => {
                      const pw = window.prompt(t('newPassword'));
                      if (pw) patch(u.id, { password: pw });
                    }}
                  >
                    {t('resetPassword')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={open} title={t('newUser')} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            try {
              await api('/api/v1/users', { method: 'POST', json: v });
              message.success(t('saved'));
              setOpen(false);
              form.resetFields();
              qc.invalidateQueries({ queryKey: ['users'] });
            } catch (e) {
              if (e instanceof ApiError) form.setFields(formErrors(e));
              message.error((e as Error).message);
            }
          }}
        >
          <Form.Item name="username" label={t('username')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="displayName" label={t('displayName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, min: 8 }]}>
            <Input.Password />
          </Form.Item>
          <Form.Item name="role" label={t('role')} rules={[{ required: true }]}>
            <Select options={(ref.data?.roles ?? []).map((r) => ({ value: r.code, label: pick(lang, r) }))} />
          </Form.Item>
          {home === 'department' && (
            <Form.Item name="departmentId" label={t('department')} rules={[{ required: true }]}>
              <Select options={(depts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))} />
            </Form.Item>
          )}
          {home === 'enterprise' && (
            <Form.Item name="enterpriseId" label={t('enterprise')} rules={[{ required: true }]}>
              <Select showSearch filterOption={false} onSearch={enterprisePicker.onSearch} options={enterprisePicker.options} />
            </Form.Item>
          )}
          {home === 'region' && (
            <Form.Item name="regionCode" label={t('region')} rules={[{ required: true }]}>
              <RegionCascader />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}

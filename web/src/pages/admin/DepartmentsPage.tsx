// Admin: departments and the industries each supervises (三管三必须).
import type { Department } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, api, formErrors } from '../../api.ts';
import { industryLabel } from '../../components/labels.ts';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { pick, useI18n } from '../../i18n.tsx';
import { useReference } from '../../reference.ts';

export function DepartmentsPage() {
  const { t, lang } = useI18n();
  const ref = useReference();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const [form] = Form.useForm();
  const list = useQuery({ queryKey: ['departments'], queryFn: () => api<{ items: Department[] }>('/api/v1/departments') });
  return (
    <Card
      title={t('departments')}
      extra={
        <Button
          type="primary"
          onClick={() => {
            form.resetFields();
            setEditing('new');
          }}
        >
          {t('newDepartment')}
        </Button>
      }
    >
      <Table<Department>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        scroll={{ x: 800 }}
        columns={[
          { title: t('departmentName'), dataIndex: 'name' },
          { title: t('departmentShortName'), dataIndex: 'shortName', render: (v: string | null) => v ?? '—' },
          { title: t('region'), dataIndex: 'regionName' },
          {
            title: t('industries'),
            dataIndex: 'industries',
            render: (v: string[]) => v.map((c) => <Tag key={c}>{industryLabel(ref.data, c, lang)}</Tag>),
          },
          {
            title: t('actions'),
            render: (_, d) => (
              <Button
                size="small"
                onClick={() => {
                  form.setFieldsValue(d);
                  setEditing(d);
                }}
              >
                {t('edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('newDepartment') : t('edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            try {
              if (editing === 'new') await api('/api/v1/departments', { method: 'POST', json: v });
              else if (editing) await api(`/api/v1/departments/${editing.id}`, { method: 'PATCH', json: v });
              message.success(t('saved'));
              setEditing(null);
              qc.invalidateQueries({ queryKey: ['departments'] });
            } catch (e) {
              if (e instanceof ApiError) form.setFields(formErrors(e, 'top'));
              message.error((e as Error).message);
            }
          }}
        >
          <Form.Item name="name" label={t('departmentName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="shortName" label={t('departmentShortName')} extra={t('departmentShortNameHint')}>
            <Input maxLength={12} data-testid="department-short-name" />
          </Form.Item>
          <Form.Item name="regionCode" label={t('region')} rules={[{ required: true }]}>
            <RegionCascader />
          </Form.Item>
          <Form.Item name="industries" label={t('industries')}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={(ref.data?.industryDivisions ?? []).map((d) => ({ value: d.code, label: `${d.code} ${pick(lang, d)}` }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

// 重大危险源: units with their GB 18218 identification and grade; enterprise users register a
// unit's inventory and see S, R and the grade computed as they type.

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { CATEGORIES, CATEGORY_LABELS, type Category, gb18218 } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Statistic, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { ApiError, api, formErrors, type Page } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import type { Installation } from './api.ts';

/** A GB 18218 symbol as a column heading, with its meaning on hover and focus. */
function GbSymbol({ s, tip }: { s: string; tip: string }) {
  return (
    <Tooltip title={tip}>
      <abbr data-testid={`gb18218-${s}`} style={{ textDecoration: 'underline dotted', cursor: 'help' }}>
        {s}
      </abbr>
    </Tooltip>
  );
}

export function InstallationsPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [grade, setGrade] = useState<number | undefined>();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const values = Form.useWatch([], form) as
    | { substances?: { name?: string; category?: Category; quantityTonnes?: number }[]; peopleWithin500m?: number }
    | undefined;
  const list = useQuery({
    queryKey: ['installations', grade],
    queryFn: () =>
      api<Page<Installation> & { byGrade: { grade: number | null; n: number }[] }>(
        `/api/v1/major-hazard-installations?${grade ? `grade=${grade}` : ''}`,
      ),
  });
  let preview: ReturnType<typeof gb18218> | null = null;
  try {
    const subs = (values?.substances ?? []).filter((s) => s && (s.name || s.category) && typeof s.quantityTonnes === 'number');
    if (subs.length) preview = gb18218({ substances: subs as never, peopleWithin500m: values?.peopleWithin500m ?? 0 });
  } catch {
    preview = null;
  }
  const gradeLabel = (g: number | null) => (g ? t('gradeN', { n: g }) : t('notMajor'));
  return (
    <Card
      title={t('installations')}
      extra={
        may(me, 'risks.createInstallation') && (
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('newInstallation')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {[1, 2, 3, 4].map((g) => (
          <Card
            key={g}
            size="small"
            hoverable
            onClick={() => setGrade(grade === g ? undefined : g)}
            style={{ borderColor: grade === g ? '#b71c1c' : undefined }}
          >
            <Statistic title={t('gradeN', { n: g })} value={list.data?.byGrade.find((x) => x.grade === g)?.n ?? 0} />
          </Card>
        ))}
      </Space>
      <Table<Installation>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        scroll={{ x: 800 }}
        expandable={{
          expandedRowRender: (r) => (
            <Table
              size="small"
              rowKey="matched"
              pagination={false}
              dataSource={r.perSubstance}
              columns={[
                { title: t('substances'), dataIndex: 'matched' },
                { title: <GbSymbol s="q (t)" tip={t('gb18218_q')} />, dataIndex: 'q' },
                { title: <GbSymbol s="Q (t)" tip={t('gb18218_Q')} />, dataIndex: 'Q' },
                { title: <GbSymbol s="β" tip={t('gb18218_beta')} />, dataIndex: 'beta' },
                { title: <GbSymbol s="q/Q" tip={t('gb18218_ratio')} />, dataIndex: 'ratio' },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('installationName'), dataIndex: 'name' },
          { title: t('enterprise'), dataIndex: 'enterpriseName' },
          { title: <GbSymbol s="S" tip={t('gb18218_S')} />, dataIndex: 'S' },
          { title: <GbSymbol s="α" tip={t('gb18218_alpha')} />, dataIndex: 'alpha' },
          { title: <GbSymbol s="R" tip={t('gb18218_R')} />, dataIndex: 'R' },
          {
            title: t('grade'),
            dataIndex: 'grade',
            render: (g: number | null) => <Tag color={g ? ['', 'red', 'orange', 'gold', 'blue'][g] : undefined}>{gradeLabel(g)}</Tag>,
          },
        ]}
      />
      <Modal
        open={open}
        title={t('newInstallation')}
        width={760}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ substances: [{}], peopleWithin500m: 0 }}
          onFinish={async (v) => {
            try {
              await api('/api/v1/major-hazard-installations', { method: 'POST', json: { ...v, enterpriseId: me?.scope.enterpriseId } });
              message.success(t('saved'));
              setOpen(false);
              qc.invalidateQueries({ queryKey: ['installations'] });
            } catch (e) {
              if (e instanceof ApiError) form.setFields(formErrors(e));
              message.error((e as Error).message);
            }
          }}
        >
          <Form.Item name="name" label={t('installationName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="peopleWithin500m" label={t('people500')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.List name="substances">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="baseline">
                    <Form.Item name={[f.name, 'name']}>
                      <Input placeholder={t('substance')} style={{ width: 200 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'category']}>
                      <Select
                        allowClear
                        placeholder={t('category')}
                        style={{ width: 200 }}
                        options={CATEGORIES.map((c) => ({ value: c, label: `${c} ${CATEGORY_LABELS[c]}` }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'quantityTonnes']} rules={[{ required: true }]}>
                      <InputNumber min={0} placeholder={t('quantity')} style={{ width: 140 }} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                  {t('substances')}
                </Button>
              </>
            )}
          </Form.List>
          {preview && (
            <p style={{ marginTop: 12 }}>
              S = {preview.S}，α = {preview.alpha}，R = {preview.R}，{gradeLabel(preview.grade)}
            </p>
          )}
        </Form>
      </Modal>
    </Card>
  );
}

// Responsibility lists (职责清单, 三管三必须): every department visible with its industries and
// duties, the version and who saved it; a government edits its own level's lists (each save a new
// version; the history is one click away); the gaps — industries of enterprises nobody supervises.
import { DUTY_CATEGORIES, DUTY_CATEGORY_LABELS, INDUSTRY_DIVISIONS } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useEnterprisePicker } from '../../components/useEnterprisePicker.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import {
  type DepartmentList,
  type Duty,
  fetchListHistory,
  fetchResponsibilities,
  fetchSupervisors,
  saveList,
} from './accountability-api.ts';
import { FormModal } from './parts.tsx';

type EditValues = { industries: string[]; duties: Duty[]; note?: string };

export function ResponsibilitiesPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['accountability', 'lists'], queryFn: fetchResponsibilities });
  const [editing, setEditing] = useState<DepartmentList | null>(null);
  const [history, setHistory] = useState<DepartmentList | null>(null);
  const [form] = Form.useForm<EditValues>();
  const h = useQuery({
    queryKey: ['accountability', 'lists', history?.id],
    queryFn: () => fetchListHistory(history?.id as string),
    enabled: !!history,
  });
  const dutyTags = (duties: Duty[]) =>
    duties.map((d) => (
      <div key={`${d.category}-${d.text}`}>
        <Tag>{pick(lang, DUTY_CATEGORY_LABELS[d.category])}</Tag>
        {d.text}
      </div>
    ));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <SupervisorsLookup />
      <Card title={t('acGaps')} data-testid="gaps">
        {q.data && q.data.gaps.length === 0 ? (
          <Alert type="success" message={t('acNoGaps')} />
        ) : (
          <>
            <Alert type="warning" message={t('acGapsHint')} style={{ marginBottom: 12 }} />
            <Table
              rowKey={(g) => `${g.countyCode}-${g.division}`}
              size="small"
              pagination={false}
              dataSource={q.data?.gaps ?? []}
              columns={[
                { title: t('acCounty'), dataIndex: 'countyName' },
                { title: t('acIndustry'), render: (_, g) => `${g.division} ${pick(lang, g.divisionName)}` },
                { title: t('acEnterprises'), dataIndex: 'enterprises' },
              ]}
            />
          </>
        )}
      </Card>
      <Card title={t('acMenuLists')}>
        <Table<DepartmentList>
          rowKey="id"
          loading={q.isLoading}
          dataSource={q.data?.departments ?? []}
          pagination={false}
          columns={[
            { title: t('acDepartment'), dataIndex: 'name' },
            { title: t('acRegion'), dataIndex: 'regionName' },
            {
              title: t('acIndustries'),
              render: (_, d) => d.industries.map((i) => <Tag key={i.code}>{`${i.code} ${pick(lang, i)}`}</Tag>),
            },
            { title: t('acDuties'), render: (_, d) => dutyTags(d.duties) },
            {
              title: t('acVersion'),
              render: (_, d) =>
                d.version ? `v${d.version} · ${d.savedByName} · ${formatTime(d.savedAt as string, lang)}` : t('acNoVersion'),
            },
            {
              title: '',
              render: (_, d) => (
                <Space>
                  {d.allowedActions.includes('edit') && (
                    <Button
                      size="small"
                      type="primary"
                      data-testid={`edit-list-${d.id}`}
                      onClick={() => {
                        form.setFieldsValue({ industries: d.industries.map((i) => i.code), duties: d.duties, note: '' });
                        setEditing(d);
                      }}
                    >
                      {t('acEdit')}
                    </Button>
                  )}
                  {d.version > 0 && (
                    <Button size="small" onClick={() => setHistory(d)}>
                      {t('acHistory')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <FormModal<EditValues>
        open={!!editing}
        title={`${t('acEdit')} · ${editing?.name ?? ''}`}
        form={form}
        onClose={() => setEditing(null)}
        onSubmit={async (v) => {
          await saveList(editing?.id as string, {
            industries: v.industries,
            duties: v.duties ?? [],
            note: v.note || null,
            baseVersion: editing?.version ?? 0,
          });
          await qc.invalidateQueries({ queryKey: ['accountability', 'lists'] });
        }}
      >
        <Form.Item name="industries" label={t('acIndustries')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={INDUSTRY_DIVISIONS.map((d) => ({ value: d.code, label: `${d.code} ${pick(lang, d)}` }))}
          />
        </Form.Item>
        <Form.List name="duties">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'category']} rules={[{ required: true }]} style={{ width: 140 }}>
                    <Select options={DUTY_CATEGORIES.map((c) => ({ value: c, label: pick(lang, DUTY_CATEGORY_LABELS[c]) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'text']} rules={[{ required: true }]} style={{ width: 360 }}>
                    <Input placeholder={t('acDutyText')} />
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(f.name)}>
                    ×
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({ category: 'industry', text: '' })}>{t('acAddDuty')}</Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('acNote')} style={{ marginTop: 12 }}>
          <Input />
        </Form.Item>
      </FormModal>
      <Modal
        open={!!history}
        title={`${t('acHistory')} · ${history?.name ?? ''}`}
        footer={null}
        onCancel={() => setHistory(null)}
        width={760}
      >
        <Table
          rowKey="version"
          size="small"
          pagination={false}
          loading={h.isLoading}
          dataSource={h.data?.items ?? []}
          columns={[
            { title: t('acVersion'), dataIndex: 'version', render: (v: number) => `v${v}` },
            { title: t('acSavedBy'), dataIndex: 'savedByName' },
            { title: t('acSavedAt'), dataIndex: 'savedAt', render: (s: string) => formatTime(s, lang) },
            { title: t('acIndustries'), render: (_, r) => r.industries.map((i) => i.code).join('、') },
            { title: t('acDuties'), render: (_, r) => dutyTags(r.duties) },
            { title: t('acNote'), dataIndex: 'note' },
          ]}
        />
      </Modal>
    </Space>
  );
}

/** Which departments supervise one enterprise (its industry, its county, city and province). */
function SupervisorsLookup() {
  const { t, lang } = useI18n();
  const picker = useEnterprisePicker(true);
  const [id, setId] = useState<string | undefined>();
  const q = useQuery({ queryKey: ['accountability', 'supervisors', id], queryFn: () => fetchSupervisors(id as string), enabled: !!id });
  return (
    <Card title={t('acSupervisorsOf')} size="small">
      <Space wrap>
        <Select
          showSearch
          filterOption={false}
          style={{ width: 360 }}
          placeholder={t('acPickEnterprise')}
          onSearch={picker.onSearch}
          options={picker.options}
          value={id}
          onChange={setId}
        />
        {q.data && (
          <>
            <Tag>{`${q.data.industry.code} ${pick(lang, q.data.industry)}`}</Tag>
            {q.data.departments.length === 0 ? (
              <Tag color="red">{t('acNoSupervisor')}</Tag>
            ) : (
              q.data.departments.map((d) => <Tag color="blue" key={d.id}>{`${d.regionName} · ${d.name}`}</Tag>)
            )}
          </>
        )}
      </Space>
    </Card>
  );
}

// 检查表: the versioned templates inspections are carried out with. Everyone sees the latest
// version of each, its items and its history; platform admins publish a new version (edited from
// the latest) or a new checklist. An inspection keeps the version it was planned with, so a new
// version changes only inspections planned after it.
import { type Checklist, type ChecklistItem, INSPECTION_TIERS, TIER_LABELS } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, api, formErrors } from '../../api.ts';
import { industryLabel } from '../../components/labels.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { useReference } from '../../reference.ts';
import { may, useSession } from '../../session.tsx';

/** What the editor starts from: a version to publish the next one of, or nothing (a new checklist). */
type Editing = { base: Checklist | null };

export function ChecklistsPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [viewing, setViewing] = useState<Checklist | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const list = useQuery({ queryKey: ['checklists'], queryFn: () => api<{ items: Checklist[] }>('/api/v1/checklists') });
  const tierTags = (tiers: string[]) =>
    tiers.map((x) => <Tag key={x}>{x in TIER_LABELS ? pick(lang, TIER_LABELS[x as keyof typeof TIER_LABELS]) : x}</Tag>);
  return (
    <Card
      title={t('checklists')}
      extra={
        may(me, 'checklists.publish') && (
          <Button type="primary" onClick={() => setEditing({ base: null })} data-testid="new-checklist">
            {t('newChecklist')}
          </Button>
        )
      }
    >
      <Table<Checklist>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="checklist-table"
        columns={[
          {
            title: t('checklistName'),
            dataIndex: 'name',
            render: (v: string, c) => (
              <Button type="link" style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setViewing(c)}>
                {v}
              </Button>
            ),
          },
          { title: t('checklistCode'), dataIndex: 'code' },
          { title: t('version'), dataIndex: 'version', render: (v: number) => t('versionN', { n: v }) },
          { title: t('tiers'), dataIndex: 'tiers', render: tierTags },
          {
            title: t('itemCount'),
            render: (_, c) => `${c.items.length}（${t('majorCriteria')} ${c.items.filter((i) => i.majorCriterion).length}）`,
          },
          { title: t('publishedAt'), dataIndex: 'publishedAt', render: (v: string) => formatTime(v, lang) },
          { title: '', dataIndex: 'builtin', render: (v: boolean) => v && <Tag color="blue">{t('builtin')}</Tag> },
        ]}
      />
      {viewing && (
        <ChecklistDrawer
          checklist={viewing}
          onView={setViewing}
          onClose={() => setViewing(null)}
          onEdit={may(me, 'checklists.publish') ? (base) => setEditing({ base }) : undefined}
          tierTags={tierTags}
        />
      )}
      {editing && (
        <ChecklistEditor
          base={editing.base}
          onClose={() => setEditing(null)}
          onPublished={(c) => {
            setEditing(null);
            setViewing(c);
          }}
        />
      )}
    </Card>
  );
}

/** One version: its details, items and the code's other versions (each can be opened). */
function ChecklistDrawer(props: {
  checklist: Checklist;
  onView: (c: Checklist) => void;
  onClose: () => void;
  onEdit?: (base: Checklist) => void;
  tierTags: (tiers: string[]) => React.ReactNode;
}) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const c = props.checklist;
  const versions = useQuery({
    queryKey: ['checklists', 'all'],
    queryFn: () => api<{ items: Checklist[] }>('/api/v1/checklists?all=true'),
    select: (d) => d.items.filter((x) => x.code === c.code),
  });
  const latest = versions.data?.[0];
  return (
    <Drawer
      open
      width={Math.min(960, window.innerWidth)}
      title={`${c.name} · ${t('versionN', { n: c.version })}`}
      onClose={props.onClose}
      extra={
        props.onEdit &&
        latest && (
          <Button type="primary" onClick={() => props.onEdit?.(latest)} data-testid="edit-checklist">
            {t('publishNewVersion')}
          </Button>
        )
      }
    >
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('checklistCode')}>{c.code}</Descriptions.Item>
        <Descriptions.Item label={t('tiers')}>{props.tierTags(c.tiers)}</Descriptions.Item>
        <Descriptions.Item label={t('checklistIndustries')}>
          {c.industries.length ? c.industries.map((x) => <Tag key={x}>{industryLabel(ref.data, x, lang)}</Tag>) : t('allIndustries')}
        </Descriptions.Item>
        <Descriptions.Item label={t('source')}>{c.source || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('publishedAt')}>{formatTime(c.publishedAt, lang)}</Descriptions.Item>
      </Descriptions>
      <Table<ChecklistItem>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={c.items}
        data-testid="checklist-items"
        columns={[
          { title: t('itemCode'), dataIndex: 'code', width: 70 },
          {
            title: t('itemText'),
            dataIndex: 'text',
            render: (v: string, i) => (
              <>
                {v} {i.majorCriterion && <Tag color="red">{t('majorCriterion')}</Tag>}
                {i.guidance && <div style={{ color: '#666', fontSize: 12 }}>{i.guidance}</div>}
              </>
            ),
          },
          { title: t('legalBasis'), dataIndex: 'legalBasis', width: 220 },
        ]}
      />
      <h4 style={{ marginTop: 24 }}>{t('versionHistory')}</h4>
      <Table<Checklist>
        rowKey="id"
        size="small"
        pagination={false}
        loading={versions.isLoading}
        dataSource={versions.data}
        data-testid="checklist-versions"
        columns={[
          {
            title: t('version'),
            dataIndex: 'version',
            render: (v: number, x) =>
              x.id === c.id ? (
                <b>{t('versionN', { n: v })}</b>
              ) : (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => props.onView(x)}>
                  {t('versionN', { n: v })}
                </Button>
              ),
          },
          { title: t('checklistName'), dataIndex: 'name' },
          { title: t('itemCount'), render: (_, x) => x.items.length },
          { title: t('publishedAt'), dataIndex: 'publishedAt', render: (v: string) => formatTime(v, lang) },
        ]}
      />
    </Drawer>
  );
}

type EditorValues = Pick<Checklist, 'code' | 'name' | 'industries' | 'tiers' | 'source' | 'items'>;

/** The editor: the base version's fields to change, or empty ones; publishing makes the next version. */
function ChecklistEditor(props: { base: Checklist | null; onClose: () => void; onPublished: (c: Checklist) => void }) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const { base } = props;
  const initial: EditorValues = base
    ? { code: base.code, name: base.name, industries: base.industries, tiers: base.tiers, source: base.source, items: base.items }
    : {
        code: '',
        name: '',
        industries: [],
        tiers: [...INSPECTION_TIERS],
        source: '',
        items: [{ code: '1', text: '', majorCriterion: false }],
      };
  const publish = async (v: EditorValues) => {
    setSaving(true);
    try {
      const items = v.items.map((i) => ({ ...i, guidance: i.guidance || undefined, legalBasis: i.legalBasis || undefined }));
      const c = await api<Checklist>('/api/v1/checklists', { method: 'POST', json: { ...v, items, baseVersion: base?.version ?? 0 } });
      message.success(t('publishedVersion', { n: c.version }));
      qc.invalidateQueries({ queryKey: ['checklists'] });
      props.onPublished(c);
    } catch (e) {
      if (e instanceof ApiError) form.setFields(formErrors(e));
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      width={960}
      title={base ? `${t('publishNewVersion')} · ${t('basedOn', { n: base.version })}` : t('newChecklist')}
      okText={t('publish')}
      confirmLoading={saving}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={publish}>
        <Space wrap align="start">
          <Form.Item
            name="code"
            label={t('checklistCode')}
            rules={[{ required: true, pattern: /^[a-z0-9-]{2,40}$/, message: t('checklistCodeRule') }]}
          >
            <Input id="checklist-code" disabled={!!base} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="name" label={t('checklistName')} rules={[{ required: true }]}>
            <Input id="checklist-name" maxLength={200} style={{ width: 480 }} />
          </Form.Item>
        </Space>
        <Form.Item name="tiers" label={t('tiers')} rules={[{ required: true }]}>
          <Checkbox.Group options={INSPECTION_TIERS.map((x) => ({ value: x, label: pick(lang, TIER_LABELS[x]) }))} />
        </Form.Item>
        <Form.Item name="industries" label={t('checklistIndustries')} extra={t('allIndustriesHint')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={(ref.data?.industryDivisions ?? []).map((d) => ({ value: d.code, label: `${d.code} ${pick(lang, d)}` }))}
          />
        </Form.Item>
        <Form.Item name="source" label={t('source')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, n) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  data-testid="checklist-item-editor"
                  title={`${t('itemText')} ${n + 1}`}
                  extra={
                    fields.length > 1 && (
                      <Button size="small" danger onClick={() => remove(f.name)}>
                        {t('remove')}
                      </Button>
                    )
                  }
                >
                  <Space wrap align="start">
                    <Form.Item name={[f.name, 'code']} label={t('itemCode')} rules={[{ required: true }]}>
                      <Input style={{ width: 90 }} maxLength={20} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'text']} label={t('itemText')} rules={[{ required: true }]}>
                      <Input.TextArea autoSize style={{ width: 560 }} maxLength={1000} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'majorCriterion']} valuePropName="checked" label=" ">
                      <Checkbox>{t('majorCriterion')}</Checkbox>
                    </Form.Item>
                  </Space>
                  <Space wrap align="start">
                    <Form.Item name={[f.name, 'guidance']} label={t('guidance')}>
                      <Input.TextArea autoSize style={{ width: 380 }} maxLength={1000} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'legalBasis']} label={t('legalBasis')}>
                      <Input.TextArea autoSize style={{ width: 380 }} maxLength={500} />
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              <Button onClick={() => add({ code: String(fields.length + 1), text: '', majorCriterion: false })} data-testid="add-item">
                {t('addItem')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

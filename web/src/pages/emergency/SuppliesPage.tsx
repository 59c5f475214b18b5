// 应急物资: the GB/T 38565 category tree with the stock under each node (by category, then per
// item), the warehouses (own and the reserves of the levels above, read only) in a table and on the
// shared map, and the item catalogue. The province adds categories under the code rule; the
// seeded sub-categories show 暂定. Owner: supplies.
import { PlusOutlined } from '@ant-design/icons';
import {
  MAP_EMPTY_COLOUR,
  MAP_HAZARD_SCALE,
  regionCode12,
  regionPrefix,
  WAREHOUSE_KIND_LABELS,
  WAREHOUSE_KINDS,
  WAREHOUSE_LEVEL_LABELS,
  WAREHOUSE_LEVELS,
} from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Tree,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { MobileCards, usePhone } from '../../components/MobileCards.tsx';
import { type MapItem, RegionMap, useBoundaries } from '../../components/RegionMap.tsx';
import { pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import {
  addCategory,
  addItem,
  addWarehouse,
  fetchCategories,
  fetchItems,
  fetchStockByCategory,
  fetchStockItems,
  fetchWarehouses,
  type SupplyCategory,
  type Warehouse,
} from './supplies-api.ts';

const qty = (n: number) => Number(n.toFixed(3)).toLocaleString();

export function ProvisionalTag() {
  const { t } = useI18n();
  return (
    <Tooltip title={t('emSuProvisionalTip')}>
      <Tag color="warning" data-testid="supplies-provisional">
        {t('emSuProvisional')}
      </Tag>
    </Tooltip>
  );
}

export function WarehouseKindTag({ w }: { w: Pick<Warehouse, 'kind' | 'level'> }) {
  const { lang } = useI18n();
  return (
    <Tag color={w.kind === 'government' ? 'blue' : w.kind === 'enterprise' ? 'purple' : 'green'}>
      {w.level ? `${pick(lang, WAREHOUSE_LEVEL_LABELS[w.level])}` : ''}
      {pick(lang, WAREHOUSE_KIND_LABELS[w.kind])}
    </Tag>
  );
}

export function SuppliesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'category';
  return (
    <Card title={t('emSuMenu')} data-testid="supplies-page">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'category' ? {} : { tab: k })}
        items={[
          { key: 'category', label: t('emSuTabCategory'), children: <ByCategory /> },
          { key: 'warehouse', label: t('emSuTabWarehouse'), children: <ByWarehouse /> },
          { key: 'items', label: t('emSuTabItems'), children: <Catalogue /> },
        ]}
      />
    </Card>
  );
}

function categoryTree(cats: SupplyCategory[], lang: 'zh' | 'en') {
  type Node = { key: string; title: React.ReactNode; children: Node[] };
  const nodes = new Map<string, Node>();
  const roots: Node[] = [];
  for (const c of cats) {
    const n: Node = {
      key: c.code,
      title: (
        <span>
          <Typography.Text code>{c.code}</Typography.Text> {lang === 'en' && c.nameEn ? c.nameEn : c.nameZh}
          {c.provisional && c.level === 2 && <ProvisionalTag />}
        </span>
      ),
      children: [],
    };
    nodes.set(c.code, n);
    const parent = c.parentCode ? nodes.get(c.parentCode) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

function ByCategory() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [selected, setSelected] = useState<string>('');
  const [above, setAbove] = useState(false);
  const [adding, setAdding] = useState(false);
  const cats = useQuery({ queryKey: ['supplies', 'categories'], queryFn: fetchCategories });
  const byCatQs = new URLSearchParams(selected ? { parent: selected.length < 7 ? selected : selected.slice(0, -2) } : { level: '1' });
  if (above) byCatQs.set('above', 'true');
  const byCat = useQuery({
    queryKey: ['supplies', 'by-category', byCatQs.toString()],
    queryFn: () => fetchStockByCategory(byCatQs.toString()),
  });
  const itemsQs = new URLSearchParams({ pageSize: '200' });
  if (selected) itemsQs.set('categoryCode', selected);
  if (above) itemsQs.set('above', 'true');
  const items = useQuery({ queryKey: ['supplies', 'stock-items', itemsQs.toString()], queryFn: () => fetchStockItems(itemsQs.toString()) });
  const tree = useMemo(() => categoryTree(cats.data?.items ?? [], lang), [cats.data, lang]);
  const current = cats.data?.items.find((c) => c.code === selected);
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Card
          size="small"
          title={t('emSuTree')}
          extra={
            cats.data?.mayAdd && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="supplies-add-category">
                {t('emSuAddCategory')}
              </Button>
            )
          }
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {t('emSuProvisionalTip')} <ProvisionalTag />
            </Typography.Text>
            <Button type={selected ? 'link' : 'primary'} size="small" onClick={() => setSelected('')}>
              {t('emSuAllCategories')}
            </Button>
            <Tree
              treeData={tree}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => setSelected(String(keys[0] ?? ''))}
              defaultExpandedKeys={['1', '2', '3']}
              data-testid="supplies-tree"
            />
          </Space>
        </Card>
      </Col>
      <Col xs={24} md={16}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            {current && (
              <Typography.Title level={5} style={{ margin: 0 }}>
                {current.code} {lang === 'en' && current.nameEn ? current.nameEn : current.nameZh}{' '}
                {current.provisional && <ProvisionalTag />}
              </Typography.Title>
            )}
            {me?.scope.enterpriseId === null && (
              <Checkbox checked={above} onChange={(e) => setAbove(e.target.checked)} data-testid="supplies-above">
                {t('emSuIncludeAbove')}
              </Checkbox>
            )}
          </Space>
          <Table
            size="small"
            rowKey="code"
            loading={byCat.isLoading}
            dataSource={byCat.data?.items ?? []}
            pagination={false}
            data-testid="supplies-by-category"
            onRow={(r) => ({ onClick: () => setSelected(r.code), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('emSuCode'), dataIndex: 'code', width: 100 },
              {
                title: t('emSuCategory'),
                render: (_, r) => (
                  <Space>
                    {lang === 'en' && r.nameEn ? r.nameEn : r.nameZh}
                    {r.provisional && <ProvisionalTag />}
                  </Space>
                ),
              },
              { title: t('emSuItems'), dataIndex: 'items', width: 80 },
              { title: t('emSuBatches'), dataIndex: 'batches', width: 80 },
              { title: t('emSuQuantities'), render: (_, r) => r.quantities.map((q) => `${qty(q.quantity)} ${q.unit}`).join('；') },
            ]}
          />
          <Table
            size="small"
            rowKey="itemId"
            loading={items.isLoading}
            dataSource={items.data?.items ?? []}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            data-testid="supplies-stock-items"
            columns={[
              { title: t('emSuItem'), render: (_, r) => `${r.name}${r.spec ? `（${r.spec}）` : ''}` },
              { title: t('emSuCategory'), dataIndex: 'categoryCode', width: 100 },
              { title: t('emSuQuantity'), render: (_, r) => `${qty(r.quantity)} ${r.unit}`, width: 140 },
              { title: t('emSuWarehouses'), dataIndex: 'warehouses', width: 80 },
              { title: t('emSuEarliestExpiry'), dataIndex: 'earliestExpiry', width: 120, render: (v: string | null) => v ?? '—' },
            ]}
          />
        </Space>
      </Col>
      {adding && <AddCategoryModal parent={selected && selected.length < 7 ? selected : ''} onClose={() => setAdding(false)} />}
    </Row>
  );
}

function AddCategoryModal({ parent, onClose }: { parent: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await addCategory(v);
      await qc.invalidateQueries({ queryKey: ['supplies'] });
      message.success(t('emSuSaved'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e));
        if (!Object.keys(e.fields).length) message.error(e.message);
      } else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('emSuAddCategory')} onOk={save} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ code: parent }} data-testid="supplies-category-form">
        <Form.Item name="code" label={t('emSuCode')} extra={t('emSuCodeHelp')} rules={[{ required: true }]}>
          <Input maxLength={7} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="nameZh" label={t('emSuNameZh')} rules={[{ required: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('emSuNameEn')}>
          <Input maxLength={120} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ByWarehouse() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const phone = usePhone();
  const [scope, setScope] = useState<'all' | 'own' | 'above'>('all');
  const [kind, setKind] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const qs = new URLSearchParams({ scope, pageSize: '500' });
  if (kind) qs.set('kind', kind);
  const list = useQuery({ queryKey: ['supplies', 'warehouses', qs.toString()], queryFn: () => fetchWarehouses(qs.toString()) });
  const rows = list.data?.items ?? [];
  // The map of the jurisdiction (a county: its city's, so the reserves above show too).
  const prefix = me?.scope.regionPrefix ?? '';
  const mapRegion = prefix.length > 4 ? prefix.slice(0, 4) : prefix;
  const boundaries = useBoundaries(mapRegion);
  const mapItems: MapItem[] = (boundaries.data?.geojson.features ?? []).map((f) => {
    const code = regionCode12(f.properties.code);
    const p = regionPrefix(code);
    const n = rows.filter((w) => w.regionCode.startsWith(p)).length;
    return { code, name: f.properties.name ?? code, value: n, colour: n ? (MAP_HAZARD_SCALE[1] ?? '#fdae6b') : MAP_EMPTY_COLOUR };
  });
  const points = rows.flatMap((w) => (w.lat !== null && w.lng !== null ? [{ lat: w.lat, lng: w.lng, name: w.name }] : []));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented
          value={scope}
          onChange={(v) => setScope(v as typeof scope)}
          options={[
            { value: 'all', label: t('emSuScopeAll') },
            { value: 'own', label: t('emSuScopeOwn') },
            { value: 'above', label: t('emSuScopeAbove') },
          ]}
          data-testid="supplies-warehouse-scope"
        />
        <Select
          allowClear
          placeholder={t('emSuKind')}
          style={{ width: 140 }}
          value={kind}
          onChange={setKind}
          options={WAREHOUSE_KINDS.map((k) => ({ value: k, label: pick(lang, WAREHOUSE_KIND_LABELS[k]) }))}
        />
        {list.data?.mayCreate && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="supplies-add-warehouse">
            {t('emSuAddWarehouse')}
          </Button>
        )}
      </Space>
      {phone ? (
        <MobileCards
          items={rows}
          loading={list.isLoading}
          rowKey={(w) => w.id}
          testId="supplies-warehouses"
          card={(w) => ({
            title: w.name,
            link: `/emergency/supplies/warehouses/${w.id}`,
            tags: <WarehouseKindTag w={w} />,
            subtitle: w.enterpriseName ?? w.regionName ?? w.regionCode,
            facts: [
              { label: t('emSuItems'), value: w.items },
              { label: t('emSuBatches'), value: w.batches },
              { label: t('emSuContact'), value: `${w.contactName} ${w.contactPhone}` },
            ],
          })}
        />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={list.isLoading}
          dataSource={rows}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          data-testid="supplies-warehouses"
          columns={[
            { title: t('emSuWarehouse'), render: (_, w) => <Link to={`/emergency/supplies/warehouses/${w.id}`}>{w.name}</Link> },
            { title: t('emSuKind'), width: 150, render: (_, w) => <WarehouseKindTag w={w} /> },
            { title: t('emSuRegion'), width: 120, render: (_, w) => w.enterpriseName ?? w.regionName ?? w.regionCode },
            { title: t('emSuItems'), dataIndex: 'items', width: 70 },
            { title: t('emSuBatches'), dataIndex: 'batches', width: 70 },
            {
              title: t('emSuAlerts'),
              width: 200,
              render: (_, w) => (
                <Space size={4} wrap>
                  {w.expiring > 0 && <Tag color="orange">{`${t('emSuExpiring')} ${w.expiring}`}</Tag>}
                  {w.belowMinimum > 0 && <Tag color="red">{`${t('emSuBelowMinimum')} ${w.belowMinimum}`}</Tag>}
                  {w.readOnly && <Tag>{t('emSuReadOnly')}</Tag>}
                </Space>
              ),
            },
            { title: t('emSuContact'), width: 180, render: (_, w) => `${w.contactName} ${w.contactPhone}` },
          ]}
        />
      )}
      {mapRegion && boundaries.data && mapItems.length > 0 && (
        <div data-testid="supplies-map">
          <RegionMap
            region={mapRegion}
            title={t('emSuMap')}
            items={mapItems}
            valueLabel={t('emSuWarehouses')}
            points={points}
            legend={[
              { label: t('emSuWarehouses'), colour: MAP_HAZARD_SCALE[1] ?? '#fdae6b' },
              { label: t('emSuNoWarehouse'), colour: MAP_EMPTY_COLOUR },
            ]}
            testId="supplies-region-map"
          />
        </div>
      )}
      {adding && <AddWarehouseModal onClose={() => setAdding(false)} />}
    </Space>
  );
}

function AddWarehouseModal({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const enterprise = !!me?.scope.enterpriseId;
  const kind = Form.useWatch('kind', form);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await addWarehouse(v);
      await qc.invalidateQueries({ queryKey: ['supplies'] });
      message.success(t('emSuSaved'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e));
        if (!Object.keys(e.fields).length) message.error(e.message);
      } else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('emSuAddWarehouse')} onOk={save} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: enterprise ? 'enterprise' : 'government', regionCode: (me?.scope.regionPrefix ?? '').padEnd(12, '0') }}
        data-testid="supplies-warehouse-form"
      >
        <Form.Item name="name" label={t('emSuName')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        {!enterprise && (
          <Space wrap>
            <Form.Item name="kind" label={t('emSuKind')}>
              <Select
                style={{ width: 160 }}
                options={WAREHOUSE_KINDS.filter((k) => k !== 'enterprise').map((k) => ({
                  value: k,
                  label: pick(lang, WAREHOUSE_KIND_LABELS[k]),
                }))}
              />
            </Form.Item>
            {kind === 'government' && (
              <Form.Item name="level" label={t('emSuLevel')}>
                <Select
                  style={{ width: 140 }}
                  options={WAREHOUSE_LEVELS.map((l) => ({ value: l, label: pick(lang, WAREHOUSE_LEVEL_LABELS[l]) }))}
                />
              </Form.Item>
            )}
          </Space>
        )}
        <Form.Item name="regionCode" label={t('emSuRegionCode')} rules={[{ required: true }]}>
          <Input maxLength={12} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="address" label={t('emSuAddress')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="contactName" label={t('emSuContact')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('emSuPhone')}>
            <Input maxLength={40} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="lat" label={t('emSuLat')}>
            <InputNumber min={-90} max={90} step={0.0001} />
          </Form.Item>
          <Form.Item name="lng" label={t('emSuLng')}>
            <InputNumber min={-180} max={180} step={0.0001} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function Catalogue() {
  const { t } = useI18n();
  const { me } = useSession();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const qs = new URLSearchParams({ page: String(page), pageSize: '20' });
  if (q) qs.set('q', q);
  const list = useQuery({ queryKey: ['supplies', 'items', qs.toString()], queryFn: () => fetchItems(qs.toString()) });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t('emSuName')}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ width: 240 }}
        />
        {may(me, 'supplies.manageItems') && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="supplies-add-item">
            {t('emSuAddItem')}
          </Button>
        )}
      </Space>
      <Table
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="supplies-items"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('emSuCode'), dataIndex: 'categoryCode', width: 100 },
          { title: t('emSuCategory'), dataIndex: 'categoryName', width: 160 },
          { title: t('emSuName'), dataIndex: 'name' },
          { title: t('emSuSpec'), dataIndex: 'spec' },
          { title: t('emSuUnit'), dataIndex: 'unit', width: 70 },
          { title: t('emSuWholeUnits'), width: 90, render: (_, r) => (r.wholeUnits ? '✓' : '—') },
          { title: t('emSuPack'), width: 120, render: (_, r) => (r.packSize ? `${r.packSize} ${r.unit}/${r.packUnit}` : '—') },
        ]}
      />
      {adding && <AddItemModal onClose={() => setAdding(false)} />}
    </Space>
  );
}

function AddItemModal({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const cats = useQuery({ queryKey: ['supplies', 'categories'], queryFn: fetchCategories });
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await addItem(v);
      await qc.invalidateQueries({ queryKey: ['supplies'] });
      message.success(t('emSuSaved'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e));
        if (!Object.keys(e.fields).length) message.error(e.message);
      } else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('emSuAddItem')} onOk={save} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ wholeUnits: true }} data-testid="supplies-item-form">
        <Form.Item name="categoryCode" label={t('emSuCategory')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={(cats.data?.items ?? []).map((c) => ({
              value: c.code,
              label: `${c.code} ${lang === 'en' && c.nameEn ? c.nameEn : c.nameZh}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('emSuName')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="spec" label={t('emSuSpec')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="unit" label={t('emSuUnit')} rules={[{ required: true }]}>
            <Input maxLength={10} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="wholeUnits" label={t('emSuWholeUnits')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="packSize" label={t('emSuPackSize')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="packUnit" label={t('emSuPackUnit')}>
            <Input maxLength={10} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="shelfLifeDays" label={t('emSuShelfLife')}>
            <InputNumber min={1} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

// 巡查: the rounds (term, coverage: visited / to cover, open findings), one round's targets with
// visits and findings, who is not yet covered (全覆盖), and the findings list (overdue first).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Form, Input, Progress, Row, Select, Space, Statistic, Switch, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import {
  addFinding,
  addTarget,
  createRound,
  type Finding,
  fetchFindings,
  fetchRound,
  fetchRounds,
  fixFinding,
  type TourRound,
  type TourRoundItem,
  visitTarget,
} from './accountability-api.ts';
import { FormModal } from './parts.tsx';

export function ToursPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const nav = useNavigate();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['accountability', 'tours'], queryFn: fetchRounds });
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ term: string; title: string; range: [Dayjs, Dayjs] }>();
  return (
    <Card
      title={t('acRounds')}
      extra={
        <Space>
          <Link to="/accountability/findings">{t('acFindings')}</Link>
          {may(me, 'accountability.manage') && (
            <Button
              type="primary"
              onClick={() => {
                form.resetFields();
                setAdding(true);
              }}
            >
              {t('acNewRound')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<TourRoundItem>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        onRow={(r) => ({ onClick: () => nav(`/accountability/tours/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('acRegion'), dataIndex: 'regionName' },
          { title: t('acTerm'), dataIndex: 'term' },
          { title: t('acRoundTitle'), dataIndex: 'title' },
          { title: t('acStartsOn'), dataIndex: 'startsOn' },
          { title: t('acEndsOn'), dataIndex: 'endsOn' },
          {
            title: t('acCoverage'),
            render: (_, r) => (
              <Progress
                percent={r.toCover ? Math.round((100 * r.visited) / r.toCover) : 0}
                format={() => `${r.visited} / ${r.toCover}`}
                size="small"
              />
            ),
          },
          { title: t('acOpenFindings'), dataIndex: 'openFindings' },
        ]}
      />
      <FormModal
        open={adding}
        title={t('acNewRound')}
        form={form}
        onClose={() => setAdding(false)}
        onSubmit={async (v) => {
          const r = await createRound({
            term: v.term,
            title: v.title,
            startsOn: v.range[0].format('YYYY-MM-DD'),
            endsOn: v.range[1].format('YYYY-MM-DD'),
          });
          await qc.invalidateQueries({ queryKey: ['accountability'] });
          nav(`/accountability/tours/${r.id}`);
        }}
      >
        <Form.Item name="term" label={t('acTerm')} rules={[{ required: true }]} initialValue={String(dayjs().year())}>
          <Input />
        </Form.Item>
        <Form.Item name="title" label={t('acRoundTitle')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="range" label={`${t('acStartsOn')} – ${t('acEndsOn')}`} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

type Target = TourRound['targets'][number];

export function TourDetailPage() {
  const { id } = useParams() as { id: string };
  const { t } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['accountability', 'tour', id], queryFn: () => fetchRound(id) });
  const [adding, setAdding] = useState(false);
  const [visiting, setVisiting] = useState<Target | null>(null);
  const [finding, setFinding] = useState<Target | null>(null);
  const [fixing, setFixing] = useState<Finding | null>(null);
  const [addForm] = Form.useForm<{ key: string; plannedOn?: Dayjs }>();
  const [visitForm] = Form.useForm<{ visitedOn: Dayjs; team?: string; summary: string }>();
  const [findingForm] = Form.useForm<{ text: string; fixDueOn: Dayjs }>();
  const refresh = () => qc.invalidateQueries({ queryKey: ['accountability'] });
  const r = q.data;
  if (!r) return <Card loading />;
  return (
    <Card
      title={`${r.regionName} · ${r.title}（${r.startsOn} – ${r.endsOn}）`}
      extra={
        r.allowedActions.includes('addTarget') && (
          <Button
            type="primary"
            onClick={() => {
              addForm.resetFields();
              setAdding(true);
            }}
          >
            {t('acAddTarget')}
          </Button>
        )
      }
    >
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Statistic title={t('acToCover')} value={r.coverage.total} />
        </Col>
        <Col span={6}>
          <Statistic title={t('acPlanned')} value={r.coverage.planned} />
        </Col>
        <Col span={6}>
          <Statistic title={t('acVisited')} value={r.coverage.visited} />
        </Col>
        <Col span={6}>
          <Progress type="circle" size={64} percent={r.coverage.total ? Math.round((100 * r.coverage.visited) / r.coverage.total) : 0} />
        </Col>
      </Row>
      <Card size="small" title={t('acNotCovered')} style={{ marginBottom: 16 }} data-testid="not-covered">
        {r.coverage.notVisited.length === 0
          ? t('acEmpty')
          : r.coverage.notVisited.map((x) => (
              <Tag key={x.key} color={r.coverage.notPlanned.some((p) => p.key === x.key) ? 'red' : 'orange'}>
                {x.name}
                {r.coverage.notPlanned.some((p) => p.key === x.key) ? `（${t('acNotPlanned')}）` : ''}
              </Tag>
            ))}
      </Card>
      <Table<Target>
        rowKey="id"
        pagination={false}
        dataSource={r.targets}
        expandable={{
          defaultExpandAllRows: true,
          rowExpandable: (x) => x.findings.length > 0,
          expandedRowRender: (x) => <FindingsTable items={x.findings} onFix={setFixing} />,
        }}
        columns={[
          { title: t('acTarget'), dataIndex: 'targetName' },
          { title: t('acKind'), render: (_, x) => (x.kind === 'government' ? t('acGovernment') : t('acDepartment')) },
          { title: t('acPlannedOn'), dataIndex: 'plannedOn' },
          { title: t('acVisitedOn'), dataIndex: 'visitedOn', render: (v: string | null) => v ?? <Tag>{t('acOpen')}</Tag> },
          { title: t('acSummary'), dataIndex: 'summary', ellipsis: true },
          {
            title: '',
            render: (_, x) => (
              <Space>
                {x.allowedActions.includes('visit') && (
                  <Button
                    size="small"
                    onClick={() => {
                      visitForm.resetFields();
                      setVisiting(x);
                    }}
                  >
                    {t('acVisit')}
                  </Button>
                )}
                {x.allowedActions.includes('addFinding') && (
                  <Button
                    size="small"
                    onClick={() => {
                      findingForm.resetFields();
                      setFinding(x);
                    }}
                  >
                    {t('acAddFinding')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <FormModal
        open={adding}
        title={t('acAddTarget')}
        form={addForm}
        onClose={() => setAdding(false)}
        onSubmit={async (v) => {
          const ref = r.coverage.notPlanned.find((x) => x.key === v.key);
          await addTarget(id, {
            kind: ref?.kind ?? 'government',
            regionCode: ref?.kind === 'government' ? v.key : null,
            departmentId: ref?.kind === 'department' ? v.key : null,
            plannedOn: v.plannedOn ? v.plannedOn.format('YYYY-MM-DD') : null,
          });
          await refresh();
        }}
      >
        <Form.Item name="key" label={t('acTarget')} rules={[{ required: true }]}>
          <Select
            options={r.coverage.notPlanned.map((x) => ({
              value: x.key,
              label: `${x.name}（${x.kind === 'government' ? t('acGovernment') : t('acDepartment')}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="plannedOn" label={t('acPlannedOn')}>
          <DatePicker />
        </Form.Item>
      </FormModal>
      <FormModal
        open={!!visiting}
        title={`${t('acVisit')} · ${visiting?.targetName ?? ''}`}
        form={visitForm}
        onClose={() => setVisiting(null)}
        onSubmit={async (v) => {
          await visitTarget(visiting?.id as string, {
            visitedOn: v.visitedOn.format('YYYY-MM-DD'),
            team: v.team || null,
            summary: v.summary,
            version: visiting?.version as number,
          });
          await refresh();
        }}
      >
        <Form.Item name="visitedOn" label={t('acVisitedOn')} rules={[{ required: true }]} initialValue={dayjs()}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="team" label={t('acTeam')}>
          <Input />
        </Form.Item>
        <Form.Item name="summary" label={t('acSummary')} rules={[{ required: true }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
      </FormModal>
      <FormModal
        open={!!finding}
        title={`${t('acAddFinding')} · ${finding?.targetName ?? ''}`}
        form={findingForm}
        onClose={() => setFinding(null)}
        onSubmit={async (v) => {
          await addFinding(finding?.id as string, { text: v.text, fixDueOn: v.fixDueOn.format('YYYY-MM-DD') });
          await refresh();
        }}
      >
        <Form.Item name="text" label={t('acFinding')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="fixDueOn" label={t('acFixDue')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </FormModal>
      <FixModal finding={fixing} onClose={() => setFixing(null)} onDone={refresh} />
    </Card>
  );
}

function FindingsTable({ items, onFix }: { items: Finding[]; onFix: (f: Finding) => void }) {
  const { t } = useI18n();
  return (
    <Table<Finding>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items}
      columns={[
        { title: t('acTarget'), dataIndex: 'targetName', width: 160 },
        { title: t('acFinding'), dataIndex: 'text' },
        { title: t('acFixDue'), dataIndex: 'fixDueOn', width: 110 },
        {
          title: t('acStatus'),
          width: 160,
          render: (_, f) =>
            f.fixedOn ? (
              <Tag color="green">{`${t('acDone')} ${f.fixedOn}`}</Tag>
            ) : f.overdue ? (
              <Tag color="red">{t('acOverdue')}</Tag>
            ) : (
              <Tag>{t('acOpen')}</Tag>
            ),
        },
        { title: t('acFixNote'), dataIndex: 'fixNote' },
        {
          title: '',
          render: (_, f) =>
            f.allowedActions.includes('fix') && (
              <Button size="small" onClick={() => onFix(f)}>
                {t('acFix')}
              </Button>
            ),
        },
      ]}
    />
  );
}

function FixModal({ finding, onClose, onDone }: { finding: Finding | null; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ fixedOn: Dayjs; note: string }>();
  return (
    <FormModal
      open={!!finding}
      title={`${t('acFix')} · ${finding?.text ?? ''}`}
      form={form}
      onClose={onClose}
      onSubmit={async (v) => {
        await fixFinding(finding?.id as string, {
          fixedOn: v.fixedOn.format('YYYY-MM-DD'),
          note: v.note,
          version: finding?.version as number,
        });
        await onDone();
      }}
    >
      <Form.Item name="fixedOn" label={t('acFixedOn')} rules={[{ required: true }]} initialValue={dayjs()}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="note" label={t('acFixNote')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}

export function FindingsPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [overdue, setOverdue] = useState(new URLSearchParams(location.search).get('overdue') === 'true');
  const q = useQuery({
    queryKey: ['accountability', 'findings', overdue],
    queryFn: () => fetchFindings({ overdue: overdue ? 'true' : undefined, open: overdue ? undefined : 'true', pageSize: 200 }),
  });
  const [fixing, setFixing] = useState<Finding | null>(null);
  return (
    <Card
      title={t('acFindings')}
      extra={
        <Space>
          {t('acOverdueOnly')}
          <Switch checked={overdue} onChange={setOverdue} />
        </Space>
      }
    >
      <FindingsTable items={q.data?.items ?? []} onFix={setFixing} />
      <FixModal finding={fixing} onClose={() => setFixing(null)} onDone={() => qc.invalidateQueries({ queryKey: ['accountability'] })} />
    </Card>
  );
}

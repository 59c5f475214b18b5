// 人员与证书: the enterprise's people (or, for a regulator, the jurisdiction's) with their current
// certificates' states, this year's training hours against the minimum, and the filters the issue
// names (60-day window, overdue, missing qualification, training shortfall, re-test). A person
// opens in a drawer with every certificate and training record; the enterprise's own accounts add
// people, certificates and training there (the buttons its allowedActions grant).
import {
  CERTIFICATE_KIND_LABELS,
  CERTIFICATE_KINDS,
  HIGH_RISK_TRAINING_GROUP_LABELS,
  PERSON_POSITION_LABELS,
  PERSON_POSITIONS,
  type PeopleFilter,
  SAFETY_DIRECTOR_CHECK_LABELS,
  SPECIAL_WORK_CATEGORIES,
} from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { CertificateChip, categoryLabel, StatusTag } from './parts.tsx';
import {
  addCertificate,
  addTraining,
  createPerson,
  fetchEnterpriseSummaries,
  fetchPeople,
  fetchPerson,
  type Person,
  recordReview,
  updatePerson,
} from './people-api.ts';

const FILTERS: { value: PeopleFilter | ''; key: Parameters<ReturnType<typeof useI18n>['t']>[0] }[] = [
  { value: '', key: 'ppFilterAll' },
  { value: 'expiring', key: 'ppFilterExpiring' },
  { value: 'overdue', key: 'ppFilterOverdue' },
  { value: 'missingQualification', key: 'ppFilterMissing' },
  { value: 'trainingShortfall', key: 'ppFilterShortfall' },
  { value: 'retest', key: 'ppFilterRetest' },
];
const day = (d: unknown) => (d ? (d as dayjs.Dayjs).format('YYYY-MM-DD') : null);

function useSubmit() {
  const { message } = App.useApp();
  const { t } = useI18n();
  return async (form: ReturnType<typeof Form.useForm>[0], run: () => Promise<unknown>) => {
    try {
      await run();
      message.success(t('saved'));
      return true;
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e));
        message.error(e.message);
        return false;
      }
      throw e;
    }
  };
}

function PersonForm({ form }: { form: ReturnType<typeof Form.useForm>[0] }) {
  const { t, lang } = useI18n();
  return (
    <Form form={form} layout="vertical">
      <Form.Item name="name" label={t('ppName')} rules={[{ required: true, max: 50 }]}>
        <Input data-testid="person-name" />
      </Form.Item>
      <Form.Item name="idNumber" label={t('ppIdNumber')} rules={[{ required: true }]}>
        <Input maxLength={18} data-testid="person-id-number" />
      </Form.Item>
      <Form.Item name="position" label={t('ppPosition')} rules={[{ required: true }]}>
        <Select options={PERSON_POSITIONS.map((p) => ({ value: p, label: pick(lang, PERSON_POSITION_LABELS[p]) }))} />
      </Form.Item>
      <Form.Item name="hiredOn" label={t('ppHiredOn')}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="inTradeSince" label={t('ppInTradeSince')}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="offJobSince" label={t('ppOffJobSince')}>
        <DatePicker />
      </Form.Item>
    </Form>
  );
}

function PersonDrawer({ id, year, onClose }: { id: string; year: number; onClose: () => void }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const submit = useSubmit();
  const q = useQuery({ queryKey: ['people', 'detail', id, year], queryFn: () => fetchPerson(id, year) });
  const [modal, setModal] = useState<'edit' | 'certificate' | 'training' | 'review' | null>(null);
  const [reviewing, setReviewing] = useState<string | null>(null);
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form);
  const category = Form.useWatch('category', form);
  const p = q.data;
  const refresh = () => qc.invalidateQueries({ queryKey: ['people'] });
  const ok = async () => {
    if (!p) return;
    const v = await form.validateFields();
    const done = await submit(form, async () => {
      if (modal === 'edit')
        await updatePerson(p.id, {
          ...v,
          hiredOn: day(v.hiredOn),
          inTradeSince: day(v.inTradeSince),
          offJobSince: day(v.offJobSince),
          version: p.version,
        });
      if (modal === 'certificate')
        await addCertificate(p.id, {
          ...v,
          issuedOn: day(v.issuedOn) ?? '',
          validTo: day(v.validTo),
          reviewedOn: day(v.reviewedOn),
          extendedReview: !!v.extendedReview,
        });
      if (modal === 'training') await addTraining(p.id, { ...v, attendedOn: day(v.attendedOn) ?? '' });
      if (modal === 'review' && reviewing) await recordReview(p.id, reviewing, day(v.reviewedOn) ?? '');
    });
    if (done) {
      setModal(null);
      await refresh();
    }
  };
  const open = (m: 'edit' | 'certificate' | 'training') => {
    form.resetFields();
    if (m === 'edit' && p)
      form.setFieldsValue({
        name: p.name,
        idNumber: p.idNumber,
        position: p.position,
        hiredOn: p.hiredOn ? dayjs(p.hiredOn) : null,
        inTradeSince: p.inTradeSince ? dayjs(p.inTradeSince) : null,
        offJobSince: p.offJobSince ? dayjs(p.offJobSince) : null,
      });
    if (m === 'certificate') form.setFieldsValue({ kind: p?.position === 'specialWorker' ? 'special' : 'qualification' });
    setModal(m);
  };
  return (
    <Drawer
      open
      width={760}
      onClose={onClose}
      title={p ? `${p.name} · ${pick(lang, PERSON_POSITION_LABELS[p.position])}` : ''}
      destroyOnHidden
    >
      {p && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Space wrap>
            {p.allowedActions.includes('edit') && <Button onClick={() => open('edit')}>{t('ppEditPerson')}</Button>}
            {p.allowedActions.includes('addCertificate') && (
              <Button type="primary" onClick={() => open('certificate')} data-testid="add-certificate">
                {t('ppAddCertificate')}
              </Button>
            )}
            {p.allowedActions.includes('addTraining') && <Button onClick={() => open('training')}>{t('ppAddTraining')}</Button>}
          </Space>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('ppEnterprise')}>{p.enterpriseName}</Descriptions.Item>
            <Descriptions.Item label={t('ppIdNumber')}>
              {p.idNumber} {p.idNumberMasked && <Tag>{t('ppIdMasked')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('ppHiredOn')}>{p.hiredOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ppOffJobSince')}>{p.offJobSince ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ppTraining')} span={2}>
              <TrainingCell p={p} />
            </Descriptions.Item>
          </Descriptions>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={p.certificates}
            columns={[
              {
                title: t('ppKind'),
                render: (_, c) => (c.kind === 'special' ? categoryLabel(c.category, lang) : t('ppQualificationShort')),
              },
              { title: t('ppNumber'), dataIndex: 'number' },
              { title: t('ppIssuedOn'), dataIndex: 'issuedOn' },
              { title: t('ppValidTo'), dataIndex: 'validTo' },
              {
                title: t('ppNextDue'),
                render: (_, c) => `${t(c.nextDueKind === 'review' ? 'ppDueReview' : 'ppDueRenewal')} ${c.nextDue}`,
              },
              { title: '', render: (_, c) => <StatusTag status={c.status} /> },
              {
                title: '',
                render: (_, c) =>
                  p.allowedActions.includes('addCertificate') &&
                  c.kind === 'special' &&
                  c.nextDueKind === 'review' &&
                  c.status !== 'expired' ? (
                    <Button
                      size="small"
                      onClick={() => {
                        form.resetFields();
                        setReviewing(c.id);
                        setModal('review');
                      }}
                    >
                      {t('ppRecordReview')}
                    </Button>
                  ) : null,
              },
            ]}
          />
          <Typography.Title level={5}>{t('ppTrainingRecords')}</Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={p.trainingRecords}
            columns={[
              { title: t('ppAttendedOn'), dataIndex: 'attendedOn' },
              { title: t('ppCourse'), dataIndex: 'course' },
              { title: t('ppProvider'), dataIndex: 'provider' },
              { title: t('ppHours'), dataIndex: 'hours' },
            ]}
          />
        </Space>
      )}
      <Modal
        open={modal !== null}
        title={
          modal === 'edit'
            ? t('ppEditPerson')
            : modal === 'certificate'
              ? t('ppAddCertificate')
              : modal === 'review'
                ? t('ppRecordReview')
                : t('ppAddTraining')
        }
        onCancel={() => setModal(null)}
        onOk={ok}
        okText={t('submit')}
        cancelText={t('cancel')}
        destroyOnHidden
        forceRender
      >
        {modal === 'edit' && <PersonForm form={form} />}
        {modal === 'certificate' && (
          <Form form={form} layout="vertical">
            <Form.Item name="kind" label={t('ppKind')} rules={[{ required: true }]}>
              <Select options={CERTIFICATE_KINDS.map((k) => ({ value: k, label: pick(lang, CERTIFICATE_KIND_LABELS[k]) }))} />
            </Form.Item>
            {kind === 'special' && (
              <>
                <Form.Item name="category" label={t('ppCategory')} rules={[{ required: true }]}>
                  <Select options={SPECIAL_WORK_CATEGORIES.map((c) => ({ value: c.code, label: `${c.no}. ${pick(lang, c)}` }))} />
                </Form.Item>
                <Form.Item name="item" label={t('ppItem')}>
                  <AutoComplete
                    maxLength={60}
                    options={(SPECIAL_WORK_CATEGORIES.find((c) => c.code === category)?.items ?? []).map((i) => ({ value: i.zh }))}
                  />
                </Form.Item>
              </>
            )}
            <Form.Item name="number" label={t('ppNumber')} rules={[{ required: true, max: 40 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="issuedOn" label={t('ppIssuedOn')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            {kind === 'special' ? (
              <>
                <Typography.Paragraph type="secondary">{t('ppValidToComputed')}</Typography.Paragraph>
                <Form.Item name="reviewedOn" label={t('ppReviewedOn')}>
                  <DatePicker />
                </Form.Item>
                <Form.Item name="extendedReview" valuePropName="checked">
                  <Checkbox>{t('ppExtendedReview')}</Checkbox>
                </Form.Item>
              </>
            ) : (
              <Form.Item name="validTo" label={t('ppValidTo')} rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
            )}
          </Form>
        )}
        {modal === 'review' && (
          <Form form={form} layout="vertical">
            <Form.Item name="reviewedOn" label={t('ppReviewedOn')} extra={t('ppReviewHint')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
          </Form>
        )}
        {modal === 'training' && (
          <Form form={form} layout="vertical">
            <Form.Item name="course" label={t('ppCourse')} rules={[{ required: true, max: 100 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="provider" label={t('ppProvider')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="attendedOn" label={t('ppAttendedOn')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="hours" label={t('ppHours')} rules={[{ required: true }]}>
              <InputNumber min={0.5} max={200} step={0.5} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Drawer>
  );
}

function TrainingCell({ p }: { p: Person }) {
  const { t, lang } = useI18n();
  const tr = p.training;
  return (
    <Space size={4} wrap>
      <span>
        {tr.required === null ? t('ppTrainingNone', { hours: tr.hours }) : t('ppTrainingOf', { hours: tr.hours, required: tr.required })}
      </span>
      {tr.shortfall > 0 && <Tag color="orange">{t('ppShortfall', { n: tr.shortfall })}</Tag>}
      {tr.highRiskGroup && <Tag>{pick(lang, HIGH_RISK_TRAINING_GROUP_LABELS[tr.highRiskGroup])}</Tag>}
    </Space>
  );
}

export function PeoplePage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const qc = useQueryClient();
  const submit = useSubmit();
  const [params, setParams] = useSearchParams();
  const filter = (params.get('filter') ?? '') as PeopleFilter | '';
  const enterpriseId = params.get('enterpriseId') ?? undefined;
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  // Training hours are counted per calendar year; this year by default, the two before to look back.
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [selected, setSelected] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const q = useQuery({
    queryKey: ['people', 'list', filter, enterpriseId, search, year, page],
    queryFn: () => fetchPeople({ filter: filter || undefined, enterpriseId, q: search || undefined, year, page, pageSize: 50 }),
  });
  const add = async () => {
    const v = await form.validateFields();
    const ok = await submit(form, () =>
      createPerson({ ...v, hiredOn: day(v.hiredOn), inTradeSince: day(v.inTradeSince), offJobSince: day(v.offJobSince) }),
    );
    if (ok) {
      setAdding(false);
      await qc.invalidateQueries({ queryKey: ['people'] });
    }
  };
  const regulator = !may(me, 'people.manage');
  // The enterprise's own 安全总监 against its records (the directory's rule tied to the certificates).
  const own = useQuery({
    queryKey: ['people', 'enterprises', 'own'],
    queryFn: () => fetchEnterpriseSummaries({ pageSize: 1 }),
    enabled: !regulator,
  });
  const director = own.data?.items[0];
  return (
    <Card
      title={t('ppMenuPeople')}
      extra={
        may(me, 'people.manage') && (
          <Button
            type="primary"
            onClick={() => {
              form.resetFields();
              setAdding(true);
            }}
            data-testid="add-person"
          >
            {t('ppAddPerson')}
          </Button>
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Segmented
            value={filter}
            onChange={(v) => {
              setPage(1);
              const next = new URLSearchParams(params);
              if (v) next.set('filter', String(v));
              else next.delete('filter');
              setParams(next);
            }}
            options={FILTERS.map((f) => ({ value: f.value, label: t(f.key) }))}
          />
          <Input.Search allowClear placeholder={t('ppName')} onSearch={(v) => setSearch(v)} style={{ width: 220 }} />
          <Select
            value={year}
            onChange={(y) => {
              setPage(1);
              setYear(y);
            }}
            options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: t('ppTrainingYear', { year: y }) }))}
            style={{ width: 140 }}
          />
        </Space>
        {director && (
          <Alert
            type={['ok', 'notRequired'].includes(director.safetyDirectorCheck) ? 'success' : 'warning'}
            showIcon
            data-testid="safety-director-check"
            message={`${t('ppSafetyDirector')}${director.safetyDirector ? `：${director.safetyDirector}` : ''} — ${pick(
              lang,
              SAFETY_DIRECTOR_CHECK_LABELS[director.safetyDirectorCheck],
            )}`}
          />
        )}
        {q.data && (
          <Typography.Text type="secondary">
            {t('ppRulesNote', { window: q.data.rules.windowDays, months: q.data.rules.offJobMonths })}{' '}
            <Tag color="gold">{t('ppProvisional')}</Tag>
          </Typography.Text>
        )}
        <Table<Person>
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' } })}
          pagination={{ current: page, pageSize: 50, total: q.data?.total ?? 0, onChange: setPage }}
          scroll={{ x: 900 }}
          data-testid="people-table"
          columns={[
            ...(regulator ? [{ title: t('ppEnterprise'), dataIndex: 'enterpriseName', width: 200 }] : []),
            { title: t('ppName'), dataIndex: 'name', width: 90 },
            { title: t('ppPosition'), width: 110, render: (_: unknown, p: Person) => pick(lang, PERSON_POSITION_LABELS[p.position]) },
            { title: t('ppIdNumber'), dataIndex: 'idNumber', width: 180 },
            {
              title: t('ppCertificates'),
              render: (_: unknown, p: Person) => {
                const current = p.certificates.filter((c) => p.current.includes(c.id));
                return current.length ? current.map((c) => <CertificateChip key={c.id} c={c} />) : <Tag>{t('ppNoCertificate')}</Tag>;
              },
            },
            { title: t('ppTraining'), width: 220, render: (_: unknown, p: Person) => <TrainingCell p={p} /> },
          ]}
        />
      </Space>
      {selected && <PersonDrawer id={selected} year={year} onClose={() => setSelected(null)} />}
      <Modal
        open={adding}
        title={t('ppAddPerson')}
        onCancel={() => setAdding(false)}
        onOk={add}
        okText={t('submit')}
        cancelText={t('cancel')}
        forceRender
      >
        <PersonForm form={form} />
      </Modal>
    </Card>
  );
}

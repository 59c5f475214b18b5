// 年度考核: for a year, the children the caller assesses with their grades (a table of the
// children), and the sheets in the jurisdiction filtered by the URL (the 工作台's links open it with
// ?mine=true&fixPlan=owed, ?children=true&status=submitted …). A county or city opens its own sheet;
// the level above opens its children's.
import { ASSESSMENT_GRADE_LABELS, ASSESSMENT_GRADES, ASSESSMENT_STATUS_LABELS, ASSESSMENT_STATUSES } from '@taishan/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, InputNumber, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { ApiError } from '../../api.ts';
import { SelectFilter } from '../../components/FilterControls.tsx';
import { useFilters } from '../../components/useFilters.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { type AssessmentListItem, createAssessments, fetchAssessmentChildren, fetchAssessments } from './assessment-api.ts';
import { AssessmentGradeTag, AssessmentStatusTag, points } from './assessment-parts.tsx';

const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4));

export function AssessmentsPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { params, set, pagination: pager, query } = useFilters();
  const year = Number(params.get('year') ?? thisYear() - 1);
  const assesses = may(me, 'assessment.assess');
  const list = useQuery({ queryKey: ['assessments', query], queryFn: () => fetchAssessments(query) });
  const children = useQuery({
    queryKey: ['assessments', 'children', year],
    queryFn: () => fetchAssessmentChildren(year),
    enabled: assesses,
  });
  const open = useMutation({
    mutationFn: (body: { year: number; regionCode?: string }) => createAssessments(body),
    onSuccess: (r) => {
      message.success(t('asOpened', { n: r.created }));
      qc.invalidateQueries({ queryKey: ['assessments'] });
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const pagination = pager(list.data?.total, Number(params.get('pageSize') ?? 50), (n) => t('total', { n }));
  const flag = (key: string, label: string) =>
    params.get(key) && (
      <Tag closable onClose={() => set(key, undefined)}>
        {label}
      </Tag>
    );

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={t('asList')}
        extra={
          <Space wrap>
            <span>{t('asYear')}</span>
            <InputNumber
              min={2000}
              max={thisYear()}
              value={year}
              onChange={(v) => set('year', v ? String(v) : undefined)}
              aria-label={t('asYear')}
              data-testid="assessment-year"
            />
            {may(me, 'assessment.prepare') && (
              <Button
                onClick={() => open.mutate({ year, regionCode: me?.scope.regionPrefix.padEnd(12, '0') })}
                loading={open.isPending}
                data-testid="assessment-open-own"
              >
                {t('asOpenOwn')}
              </Button>
            )}
            {assesses && (
              <Button type="primary" onClick={() => open.mutate({ year })} loading={open.isPending} data-testid="assessment-open-children">
                {t('asOpenChildren')}
              </Button>
            )}
          </Space>
        }
      >
        {assesses && (
          <Table
            rowKey="regionCode"
            size="small"
            title={() => t('asChildren')}
            loading={children.isLoading}
            dataSource={children.data?.items ?? []}
            pagination={false}
            data-testid="assessment-children"
            columns={[
              { title: t('asRegion'), dataIndex: 'regionName' },
              {
                title: t('asStatus'),
                key: 'status',
                render: (_, c) => (c.assessment ? <AssessmentStatusTag status={c.assessment.status} /> : <Tag>{t('asNoSheet')}</Tag>),
              },
              { title: t('asTotal'), key: 'total', align: 'right', render: (_, c) => points(c.assessment?.total) },
              { title: t('asGrade'), key: 'grade', render: (_, c) => <AssessmentGradeTag grade={c.assessment?.grade ?? null} /> },
              {
                title: t('asFixPlan'),
                key: 'fix',
                render: (_, c) =>
                  c.assessment?.fixPlan ? (
                    c.assessment.fixPlan.submittedAt ? (
                      <Tag color="green">{t('asFixPlan')}</Tag>
                    ) : (
                      <Tag color={c.assessment.fixPlan.overdue ? 'red' : 'orange'}>
                        {c.assessment.fixPlan.overdue ? t('asFixOverdue') : t('asFixOwed')} {c.assessment.fixPlan.due}
                      </Tag>
                    )
                  ) : (
                    '—'
                  ),
              },
              {
                title: t('actions'),
                key: 'open',
                render: (_, c) => (c.assessment ? <Link to={`/assessments/${c.assessment.id}`}>{t('detail')}</Link> : null),
              },
            ]}
          />
        )}
      </Card>
      <Card title={t('asSheets')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <SelectFilter
            param="status"
            label={t('asStatus')}
            width={150}
            options={ASSESSMENT_STATUSES.map((s) => ({ value: s, label: pick(lang, ASSESSMENT_STATUS_LABELS[s]) }))}
          />
          <SelectFilter
            param="grade"
            label={t('asGrade')}
            width={130}
            options={ASSESSMENT_GRADES.map((g) => ({ value: g, label: pick(lang, ASSESSMENT_GRADE_LABELS[g]) }))}
          />
          <SelectFilter
            param="fixPlan"
            label={t('asFilterFixPlan')}
            width={150}
            options={[
              { value: 'owed', label: t('asFixOwed') },
              { value: 'overdue', label: t('asFixOverdue') },
            ]}
          />
          {flag('mine', t('asFilterMine'))}
          {flag('children', t('asFilterChildren'))}
          {flag('stage', t('asFilterPreparing'))}
        </Space>
        <Table<AssessmentListItem>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={pagination}
          data-testid="assessment-list"
          columns={[
            { title: t('asYear'), dataIndex: 'year', width: 90 },
            {
              title: t('asRegion'),
              dataIndex: 'regionName',
              render: (v: string, a) => <Link to={`/assessments/${a.id}`}>{v}</Link>,
            },
            { title: t('asStatus'), dataIndex: 'status', render: (_, a) => <AssessmentStatusTag status={a.status} /> },
            { title: t('asTotal'), dataIndex: 'total', align: 'right', render: (v: number | null) => points(v) },
            { title: t('asGrade'), dataIndex: 'grade', render: (_, a) => <AssessmentGradeTag grade={a.grade} /> },
            {
              title: t('asFixPlan'),
              key: 'fix',
              render: (_, a) =>
                a.fixPlan && !a.fixPlan.submittedAt ? (
                  <Tag color={a.fixPlan.overdue ? 'red' : 'orange'}>
                    {a.fixPlan.overdue ? t('asFixOverdue') : t('asFixOwed')} {a.fixPlan.due}
                  </Tag>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

// Dialogs of 突发公共卫生事件 (issue 28): register an event, grade, add a contact, add a task, link a case,
// assign a task. Each shows the server's bilingual field messages under its fields. Owner: events.
import { GRADE_CRITERIA, gradeEvent, type PhEventKind } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { type MessageKey, pick, useI18n } from '../../i18n.tsx';
import type { PhCase } from './cases-api.ts';
import { type EventDetail, eventAction, taskAction } from './events-api.ts';
import { FormDialog } from './FormDialog.tsx';

const KINDS = ['infectiousOutbreak', 'unknownCluster', 'pathogenLoss', 'foodPoisoning', 'occupationalPoisoning', 'other'];
const GRADES = ['I', 'II', 'III', 'IV'];
const TASK_KINDS = ['investigation', 'sampling', 'followUp', 'other'];
const isoOf = (d: Dayjs | null | undefined) => (d ? d.toISOString() : undefined);

export function CreateEventDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useI18n();
  const m = (k: string) => t(k as MessageKey);
  type V = {
    title: string;
    kind: string;
    regionCode: string;
    occurredAt: Dayjs;
    summary?: string;
    affected?: number;
    deaths?: number;
    lat?: number;
    lng?: number;
  };
  return (
    <FormDialog<V>
      title={t('phEvCreate')}
      testId="ph-event-create"
      initial={{ occurredAt: dayjs(), affected: 0, deaths: 0 }}
      onClose={onClose}
      submit={async (v) => {
        const e = await api<EventDetail>('/api/v1/health-events', {
          method: 'POST',
          json: { ...v, occurredAt: isoOf(v.occurredAt), lat: v.lat ?? null, lng: v.lng ?? null },
        });
        onCreated(e.id);
      }}
    >
      <Form.Item name="title" label={t('phEvTitle')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="kind" label={t('phEvKind')}>
        <Select options={KINDS.map((k) => ({ value: k, label: m(`phEvKd_${k}`) }))} />
      </Form.Item>
      <Form.Item name="regionCode" label={t('phEvRegion')}>
        <RegionCascader changeOnSelect />
      </Form.Item>
      <Form.Item name="occurredAt" label={t('phEvOccurred')}>
        <DatePicker showTime />
      </Form.Item>
      <Form.Item name="affected" label={t('phEvAffectedN')}>
        <InputNumber min={0} />
      </Form.Item>
      <Form.Item name="deaths" label={t('phEvDeathsN')}>
        <InputNumber min={0} />
      </Form.Item>
      <Form.Item name="lat" label={t('phEvLat')}>
        <InputNumber min={-90} max={90} step={0.0001} />
      </Form.Item>
      <Form.Item name="lng" label={t('phEvLng')}>
        <InputNumber min={-180} max={180} step={0.0001} />
      </Form.Item>
      <Form.Item name="summary" label={t('phEvSummary')}>
        <Input.TextArea rows={4} maxLength={4000} />
      </Form.Item>
    </FormDialog>
  );
}

type EventDialogProps = { event: EventDetail; onClose: () => void };
const useSetEvent = (id: string) => {
  const qc = useQueryClient();
  return (e: EventDetail) => {
    qc.setQueryData(['phEvent', id], e);
    qc.invalidateQueries({ queryKey: ['phEvents'] });
  };
};

/** The criteria's disease keys (domain GradeFacts.disease): named diseases, or a notifiable class. */
const GRADE_DISEASES = [
  'pneumonicPlague',
  'pneumonicAnthrax',
  'bubonicPlague',
  'cholera',
  'sars',
  'avianInfluenza',
  'newDisease',
  'B',
  'C',
];
/** An event's disease, where the criteria name it. */
const GRADE_DISEASE_OF: Record<string, string> = {
  plague: 'bubonicPlague',
  pulmonaryAnthrax: 'pneumonicAnthrax',
  cholera: 'cholera',
  sars: 'sars',
  hpai: 'avianInfluenza',
  h7n9: 'avianInfluenza',
};
type GradeValues = {
  grade?: string;
  disease?: string;
  cases?: number;
  deaths?: number;
  spreading?: boolean;
  suspectedOnly?: boolean;
  largeCity?: boolean;
  provincesAffected?: number;
  citiesAffected?: number;
  countiesAffected?: number;
  incidenceRatio?: number;
};
const gradeFacts = (kind: string, v: GradeValues) => ({
  kind: kind as PhEventKind,
  disease: v.disease ?? null,
  cases: v.cases ?? 0,
  deaths: v.deaths ?? 0,
  spreading: !!v.spreading,
  suspectedOnly: !!v.suspectedOnly,
  largeCity: !!v.largeCity,
  ...(v.provincesAffected ? { provincesAffected: v.provincesAffected } : {}),
  ...(v.citiesAffected ? { citiesAffected: v.citiesAffected } : {}),
  ...(v.countiesAffected ? { countiesAffected: v.countiesAffected } : {}),
  ...(v.incidenceRatio !== undefined && v.incidenceRatio !== null ? { incidenceRatio: v.incidenceRatio } : {}),
});

/** What the criteria give for the facts as typed: the same rule the server applies (domain gradeEvent). */
function GradePreview({ kind }: { kind: string }) {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance<GradeValues>();
  const v = Form.useWatch([], form) ?? {};
  const r = gradeEvent(gradeFacts(kind, v));
  const criterion = GRADE_CRITERIA.find((c) => c.id === r.criterion);
  return (
    <Alert
      type={v.grade ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="ph-event-grade-preview"
      message={`${t('phEvGradeByCriteria')}：${t(`phEvGr_${r.grade}` as MessageKey)}${r.provisional ? `（${t('phEvProvisional')}）` : ''}`}
      description={
        <>
          {criterion ? pick(lang, criterion.label) : ''}
          {criterion && <div style={{ fontSize: 12 }}>{criterion.source}</div>}
          {v.grade && v.grade !== r.grade && <div>{t('phEvGradeManualNote')}</div>}
        </>
      }
    />
  );
}

export function GradeDialog({ event, onClose }: EventDialogProps) {
  const { t } = useI18n();
  const m = (k: string) => t(k as MessageKey);
  const set = useSetEvent(event.id);
  return (
    <FormDialog<GradeValues>
      title={t('phEvAct_grade')}
      testId="ph-event-grade"
      initial={{
        cases: event.affected,
        deaths: event.deaths,
        disease: event.diseaseCode ? GRADE_DISEASE_OF[event.diseaseCode] : undefined,
      }}
      onClose={onClose}
      submit={async (v) =>
        set(
          await eventAction(event.id, 'grade', {
            version: event.version,
            ...(v.grade ? { grade: v.grade } : {}),
            facts: gradeFacts(event.kind, v),
          }),
        )
      }
    >
      <GradePreview kind={event.kind} />
      <Form.Item name="disease" label={t('phEvGradeDisease')}>
        <Select allowClear options={GRADE_DISEASES.map((d) => ({ value: d, label: m(`phEvGd_${d}`) }))} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="cases" label={t('phEvAffectedN')}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="deaths" label={t('phEvDeathsN')}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="provincesAffected" label={t('phEvProvincesN')}>
          <InputNumber min={1} />
        </Form.Item>
        <Form.Item name="citiesAffected" label={t('phEvCitiesN')}>
          <InputNumber min={1} />
        </Form.Item>
        <Form.Item name="countiesAffected" label={t('phEvCountiesN')}>
          <InputNumber min={1} />
        </Form.Item>
        <Form.Item name="incidenceRatio" label={t('phEvIncidenceRatio')}>
          <InputNumber min={0} step={0.1} />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="spreading" valuePropName="checked" noStyle>
          <Checkbox>{t('phEvSpreading')}</Checkbox>
        </Form.Item>
        <Form.Item name="suspectedOnly" valuePropName="checked" noStyle>
          <Checkbox>{t('phEvSuspectedOnly')}</Checkbox>
        </Form.Item>
        <Form.Item name="largeCity" valuePropName="checked" noStyle>
          <Checkbox>{t('phEvLargeCity')}</Checkbox>
        </Form.Item>
      </Space>
      <Form.Item name="grade" label={t('phEvGradeOverride')} extra={t('phEvGradeHelp')} style={{ marginTop: 12 }}>
        <Select allowClear options={GRADES.map((g) => ({ value: g, label: m(`phEvGr_${g}`) }))} />
      </Form.Item>
    </FormDialog>
  );
}

export function ContactDialog({ event, onClose }: EventDialogProps) {
  const { t } = useI18n();
  const set = useSetEvent(event.id);
  type V = { name: string; phone: string; relation?: string; lastContactAt?: Dayjs; followUpUntil?: Dayjs };
  return (
    <FormDialog<V>
      title={t('phEvAct_addContact')}
      testId="ph-event-contact"
      onClose={onClose}
      submit={async (v) =>
        set(
          await eventAction(event.id, 'contacts', {
            name: v.name,
            phone: v.phone,
            relation: v.relation ?? null,
            lastContactAt: isoOf(v.lastContactAt) ?? null,
            followUpUntil: v.followUpUntil ? v.followUpUntil.format('YYYY-MM-DD') : null,
          }),
        )
      }
    >
      <Form.Item name="name" label={t('phEvName')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="phone" label={t('phEvPhone')}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="relation" label={t('phEvRelation')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="lastContactAt" label={t('phEvLastContact')}>
        <DatePicker showTime />
      </Form.Item>
      <Form.Item name="followUpUntil" label={t('phEvFollowUntil')}>
        <DatePicker />
      </Form.Item>
    </FormDialog>
  );
}

function AssigneeSelect(props: { regionCode: string; value?: string; onChange?: (v: string) => void; id?: string }) {
  const q = useQuery({
    queryKey: ['phAssignees', props.regionCode],
    queryFn: () => api<{ items: { id: string; name: string }[] }>(`/api/v1/health-tasks/assignees?regionCode=${props.regionCode}`),
  });
  return (
    <Select
      id={props.id}
      allowClear
      showSearch
      optionFilterProp="label"
      loading={q.isLoading}
      value={props.value}
      onChange={props.onChange}
      options={(q.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
    />
  );
}

export function TaskDialog({ event, onClose }: EventDialogProps) {
  const { t } = useI18n();
  const m = (k: string) => t(k as MessageKey);
  const set = useSetEvent(event.id);
  type V = { kind: string; title: string; dueAt: Dayjs; assigneeId?: string };
  return (
    <FormDialog<V>
      title={t('phEvAct_addTask')}
      testId="ph-event-task"
      initial={{ kind: 'investigation', dueAt: dayjs().add(1, 'day') }}
      onClose={onClose}
      submit={async (v) =>
        set(
          await eventAction(event.id, 'tasks', {
            kind: v.kind,
            title: v.title,
            dueAt: isoOf(v.dueAt),
            assigneeId: v.assigneeId ?? null,
          }),
        )
      }
    >
      <Form.Item name="kind" label={t('phEvKind')}>
        <Select options={TASK_KINDS.map((k) => ({ value: k, label: m(`phEvTk_${k}`) }))} />
      </Form.Item>
      <Form.Item name="title" label={t('phEvTaskTitle')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="dueAt" label={t('phEvDue')}>
        <DatePicker showTime />
      </Form.Item>
      <Form.Item name="assigneeId" label={t('phEvAssignee')}>
        <AssigneeSelect regionCode={event.regionCode} />
      </Form.Item>
    </FormDialog>
  );
}

export function LinkCaseDialog({ event, onClose }: EventDialogProps) {
  const { t, lang } = useI18n();
  const set = useSetEvent(event.id);
  const cases = useQuery({
    queryKey: ['phCasesForLink'],
    queryFn: () => api<{ items: PhCase[] }>('/api/v1/health-cases?status=reviewed&pageSize=200'),
  });
  const linked = new Set(event.cases.map((c) => c.id));
  return (
    <FormDialog<{ caseId: string }>
      title={t('phEvAct_linkCase')}
      testId="ph-event-link-case"
      onClose={onClose}
      submit={async (v) => set(await eventAction(event.id, 'cases', v))}
    >
      <Form.Item name="caseId" label={t('phEvCase')}>
        <Select
          showSearch
          optionFilterProp="label"
          loading={cases.isLoading}
          options={(cases.data?.items ?? [])
            .filter((c) => !linked.has(c.id))
            .map((c) => ({ value: c.id, label: `${c.number} ${pick(lang, c.diseaseName)} ${c.regionName ?? ''}` }))}
        />
      </Form.Item>
    </FormDialog>
  );
}

export function AssignTaskDialog({ taskId, regionCode, onClose }: { taskId: string; regionCode: string; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  return (
    <FormDialog<{ assigneeId: string }>
      title={t('phEvAct_assign')}
      testId="ph-task-assign"
      onClose={onClose}
      submit={async (v) => {
        await taskAction(taskId, 'assign', v);
        await qc.invalidateQueries({ queryKey: ['phTasks'] });
        await qc.invalidateQueries({ queryKey: ['phEvent'] });
      }}
    >
      <Form.Item name="assigneeId" label={t('phEvAssignee')}>
        <AssigneeSelect regionCode={regionCode} />
      </Form.Item>
    </FormDialog>
  );
}

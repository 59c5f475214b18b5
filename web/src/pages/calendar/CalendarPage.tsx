// 节假日安排: a year's public holidays and make-up working days (调休) from the calendar the
// deadlines count in, grouped by holiday; the platform admin adds, changes and removes days (the
// buttons follow the year's allowedActions from the server).
import { type CalendarDay, DAY_KIND_LABELS, DAY_KINDS, type DayKind } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { addDay, fetchYear, removeDay, setDay } from './api.ts';

const WEEKDAYS = { zh: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };
const weekday = (date: string, lang: 'zh' | 'en') => WEEKDAYS[lang][new Date(`${date}T00:00:00Z`).getUTCDay()];
const KIND_COLORS: Record<DayKind, string> = { holiday: 'red', workday: 'blue' };

/** The days of one holiday, as "10-01 至 10-07" where consecutive, "09-20、10-10" otherwise. */
function spans(dates: string[], lang: 'zh' | 'en'): string {
  const out: string[][] = [];
  for (const d of [...dates].sort()) {
    const last = out.at(-1);
    const prev = last?.at(-1);
    if (last && prev && dayjs(prev).add(1, 'day').format('YYYY-MM-DD') === d) last.push(d);
    else out.push([d]);
  }
  const md = (d: string) => d.slice(5);
  return out
    .map((run) =>
      run.length > 1 ? `${md(run[0] as string)}${lang === 'zh' ? ' 至 ' : ' – '}${md(run.at(-1) as string)}` : md(run[0] as string),
    )
    .join(lang === 'zh' ? '、' : ', ');
}

type FormValues = { date: Dayjs; kind: DayKind; name: string };

export function CalendarPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  // The year is in the address (?year=2026), so a link or a reload keeps it.
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || dayjs().year();
  const setYear = (y: number) => setParams({ year: String(y) }, { replace: true });
  // null: closed; 'new': adding; a date: editing that day.
  const [editing, setEditing] = useState<string | null>(null);
  const q = useQuery({ queryKey: ['calendar', year], queryFn: () => fetchYear(year) });
  const days = q.data?.items ?? [];
  const mayEdit = !!q.data?.allowedActions.includes('edit');

  const holidays = [...new Set(days.map((d) => d.name))].map((name) => ({
    name,
    off: days.filter((d) => d.name === name && d.kind === 'holiday').map((d) => d.date),
    work: days.filter((d) => d.name === name && d.kind === 'workday').map((d) => d.date),
  }));

  const open = (day: CalendarDay | null) => {
    form.setFieldsValue(day ? { date: dayjs(day.date), kind: day.kind, name: day.name } : { date: undefined, kind: 'holiday', name: '' });
    setEditing(day?.date ?? 'new');
  };
  const refresh = () => qc.invalidateQueries({ queryKey: ['calendar'] });
  const save = async (v: FormValues) => {
    const day = { date: v.date.format('YYYY-MM-DD'), kind: v.kind, name: v.name };
    try {
      await (editing === 'new' ? addDay(day) : setDay(day));
      setEditing(null);
      refresh();
      message.success(t('saved'));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'validation_error') form.setFields(formErrors(e, 'top'));
      else if (e instanceof ApiError) message.error(e.message);
      else throw e;
    }
  };
  const remove = async (date: string) => {
    try {
      await removeDay(date);
      refresh();
      message.success(t('deleted'));
    } catch (e) {
      if (e instanceof ApiError) message.error(e.message);
      else throw e;
    }
  };

  const thisYear = dayjs().year();
  const years = [...new Set([...Array.from({ length: 5 }, (_, i) => thisYear - 2 + i), year])].sort();
  return (
    <Card
      title={t('calendarTitle')}
      extra={
        <Space wrap>
          <Select
            aria-label={t('calendarYear')}
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={years.map((y) => ({ value: y, label: lang === 'zh' ? `${y} 年` : String(y) }))}
          />
          {mayEdit && (
            <Button type="primary" onClick={() => open(null)}>
              {t('calendarAdd')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('calendarSource', { year })}</Typography.Paragraph>
      {q.data && days.length === 0 && <Alert type="info" showIcon message={t('calendarNone', { year })} style={{ marginBottom: 12 }} />}
      {holidays.length > 0 && (
        <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }}>
          {holidays.map((h) => (
            <Descriptions.Item key={h.name} label={h.name}>
              <Space direction="vertical" size={0}>
                {h.off.length > 0 && (
                  <span>
                    <Tag color={KIND_COLORS.holiday}>{t('calendarHolidayDays')}</Tag>
                    {spans(h.off, lang)}
                  </span>
                )}
                {h.work.length > 0 && (
                  <span>
                    <Tag color={KIND_COLORS.workday}>{t('calendarWorkDays')}</Tag>
                    {spans(h.work, lang)}
                  </span>
                )}
              </Space>
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      <Table<CalendarDay>
        rowKey="date"
        size="small"
        loading={q.isLoading}
        dataSource={days}
        pagination={false}
        footer={() =>
          t('calendarSummary', {
            holidays: days.filter((d) => d.kind === 'holiday').length,
            workdays: days.filter((d) => d.kind === 'workday').length,
          })
        }
        columns={[
          { title: t('calendarDate'), dataIndex: 'date', render: (d: string) => `${d}（${weekday(d, lang)}）` },
          {
            title: t('calendarKind'),
            dataIndex: 'kind',
            render: (k: DayKind) => <Tag color={KIND_COLORS[k]}>{pick(lang, DAY_KIND_LABELS[k])}</Tag>,
          },
          { title: t('calendarName'), dataIndex: 'name' },
          ...(mayEdit
            ? [
                {
                  title: t('actions'),
                  render: (_: unknown, d: CalendarDay) => (
                    <Space size={4}>
                      <Button size="small" onClick={() => open(d)}>
                        {t('edit')}
                      </Button>
                      <Popconfirm title={t('calendarRemoveConfirm')} onConfirm={() => remove(d.date)}>
                        <Button size="small" danger>
                          {t('delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('calendarAdd') : t('calendarEditDay', { date: editing ?? '' })}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('save')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="date" label={t('calendarDate')} rules={[{ required: true }]}>
            <DatePicker disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="kind" label={t('calendarKind')} rules={[{ required: true }]}>
            <Select options={DAY_KINDS.map((k) => ({ value: k, label: pick(lang, DAY_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('calendarName')} rules={[{ required: true, max: 50 }]}>
            <Input placeholder={t('calendarNamePlaceholder')} maxLength={50} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

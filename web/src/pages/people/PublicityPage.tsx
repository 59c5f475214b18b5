// 安全宣传"五进": events in enterprises, rural areas, communities, schools and families, with totals
// per venue and per region of the level below, and the list; regulators record events.
import { PUBLICITY_VENUE_LABELS, PUBLICITY_VENUES, type PublicityVenue } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, formErrors } from '../../api.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { fetchPublicity, type PublicityEvent, recordPublicity } from './people-api.ts';

export function PublicityPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [venue, setVenue] = useState<PublicityVenue | undefined>();
  const [page, setPage] = useState(1);
  const [range, setRange] = useState<[string, string] | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const q = useQuery({
    queryKey: ['people', 'publicity', venue, range, page],
    queryFn: () => fetchPublicity({ venue, from: range?.[0], to: range?.[1], page, pageSize: 50 }),
  });
  const add = async () => {
    const v = await form.validateFields();
    try {
      await recordPublicity({ ...v, heldOn: v.heldOn.format('YYYY-MM-DD'), regionCode: v.regionCode || null });
      message.success(t('saved'));
      setAdding(false);
      await qc.invalidateQueries({ queryKey: ['people', 'publicity'] });
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e));
        message.error(e.message);
      } else throw e;
    }
  };
  return (
    <Card
      title={t('ppMenuPublicity')}
      extra={
        may(me, 'people.recordPublicity') && (
          <Button
            type="primary"
            onClick={() => {
              form.resetFields();
              setAdding(true);
            }}
            data-testid="record-publicity"
          >
            {t('ppRecordEvent')}
          </Button>
        )
      }
    >
      <DatePicker.RangePicker
        style={{ marginBottom: 12 }}
        onChange={(v) => {
          setPage(1);
          setRange(v?.[0] && v[1] ? [v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')] : null);
        }}
      />
      <Row gutter={12} style={{ marginBottom: 16 }}>
        {(q.data?.totals.byVenue ?? []).map((v) => (
          <Col key={v.venue} xs={12} md={4}>
            <Card
              size="small"
              hoverable
              onClick={() => setVenue(venue === v.venue ? undefined : v.venue)}
              style={venue === v.venue ? { borderColor: '#1677ff' } : {}}
            >
              <Statistic title={pick(lang, PUBLICITY_VENUE_LABELS[v.venue])} value={v.reach} suffix={`/ ${v.events} ${t('ppEvents')}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Table
            rowKey="code"
            size="small"
            title={() => t('ppByRegion')}
            pagination={false}
            dataSource={q.data?.totals.byRegion ?? []}
            columns={[
              { title: t('ppRegion'), dataIndex: 'name', render: (n: string | null, r: { code: string }) => n ?? r.code },
              { title: t('ppEvents'), dataIndex: 'events' },
              { title: t('ppReach'), dataIndex: 'reach' },
            ]}
          />
        </Col>
        <Col xs={24} md={16}>
          <Table<PublicityEvent>
            rowKey="id"
            size="small"
            loading={q.isLoading}
            dataSource={q.data?.items ?? []}
            pagination={{ current: page, pageSize: 50, total: q.data?.total ?? 0, onChange: setPage }}
            data-testid="publicity-table"
            columns={[
              { title: t('ppHeldOn'), dataIndex: 'heldOn', width: 110 },
              {
                title: t('ppVenue'),
                dataIndex: 'venue',
                width: 90,
                render: (v: PublicityVenue) => <Tag>{pick(lang, PUBLICITY_VENUE_LABELS[v])}</Tag>,
              },
              { title: t('ppEventTitle'), dataIndex: 'title' },
              { title: t('ppPlace'), dataIndex: 'place' },
              { title: t('ppOrganiser'), dataIndex: 'organiser' },
              { title: t('ppReach'), dataIndex: 'reach', width: 90 },
            ]}
          />
        </Col>
      </Row>
      <Modal
        open={adding}
        title={t('ppRecordEvent')}
        onCancel={() => setAdding(false)}
        onOk={add}
        okText={t('submit')}
        cancelText={t('cancel')}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="title" label={t('ppEventTitle')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="venue" label={t('ppVenue')} rules={[{ required: true }]}>
            <Select options={PUBLICITY_VENUES.map((v) => ({ value: v, label: pick(lang, PUBLICITY_VENUE_LABELS[v]) }))} />
          </Form.Item>
          <Form.Item name="heldOn" label={t('ppHeldOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="place" label={t('ppPlace')} rules={[{ required: true, max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="organiser" label={t('ppOrganiser')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="reach" label={t('ppReach')} rules={[{ required: true }]}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('ppRegionCode')}>
            <Input maxLength={12} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

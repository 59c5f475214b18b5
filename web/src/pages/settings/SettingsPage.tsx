// 系统设置: every setting of the registry (domain/src/settings/registry.ts) grouped by capability,
// nationally or for one province. Provisional settings carry a 暂定 tag with their source; the
// buttons are the ones the server sends in each setting's allowedActions.
import { ownSettingsProvince, type Role, SETTING_GROUP_LABELS, type SettingGroup } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, formErrors, type Region } from '../../api.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { fetchSettings, putSetting, removeSettingOverride, type SettingView } from './api.ts';

const NATIONAL = '00';

export function SettingsPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  // A province supervisor sees their province (with the national value beside it); the admin
  // starts on the national values and may pick any province.
  const ownProvince = me ? ownSettingsProvince({ ...me, role: me.role as Role }) : null;
  const [region, setRegion] = useState<string>(ownProvince ?? NATIONAL);
  const province = region === NATIONAL ? null : region;
  const [editing, setEditing] = useState<SettingView | null>(null);

  const provinces = useQuery({
    queryKey: ['regions', 'top'],
    queryFn: () => api<{ items: Region[] }>('/api/v1/regions'),
  });
  const list = useQuery({ queryKey: ['settings', province], queryFn: () => fetchSettings(province) });
  const regionName = (code: string) =>
    code === NATIONAL ? t('settingsNational') : (provinces.data?.items.find((r) => r.prefix === code)?.name ?? code);

  const show = (s: SettingView, v: unknown) => {
    if (v === null || v === undefined) return <Typography.Text type="secondary">{t('settingsUnset')}</Typography.Text>;
    if (v === '') return <Typography.Text type="secondary">{t('settingsEmpty')}</Typography.Text>;
    return s.type === 'integer' ? String(v) : <Typography.Text>{String(v)}</Typography.Text>;
  };
  const originLabel = { default: t('settingsOriginDefault'), national: t('settingsOriginNational'), province: t('settingsOriginProvince') };

  const refresh = () => qc.invalidateQueries({ queryKey: ['settings'] });
  const edit = (s: SettingView) => {
    form.setFieldsValue({ value: (province ? s.province : s.national) ?? s.effective });
    setEditing(s);
  };
  const save = async ({ value }: { value: unknown }) => {
    if (!editing) return;
    const version = (province ? editing.provinceVersion : editing.nationalVersion) ?? 0;
    try {
      await putSetting(editing.key, { ...(province ? { province } : {}), value: value ?? (editing.type === 'text' ? '' : null), version });
      setEditing(null);
      refresh();
      message.success(t('saved'));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'validation_error') form.setFields(formErrors(e, 'top'));
      else if (e instanceof ApiError) message.error(e.message);
      else throw e;
    }
  };
  const removeOverride = async (s: SettingView) => {
    if (!province) return;
    try {
      await removeSettingOverride(s.key, province, s.provinceVersion);
      refresh();
      message.success(t('deleted'));
    } catch (e) {
      if (e instanceof ApiError) message.error(e.message);
      else throw e;
    }
  };

  const groups = [...new Set(list.data?.items.map((s) => s.group))] as SettingGroup[];
  return (
    <Card
      title={t('settingsTitle')}
      extra={
        <Space wrap>
          <span>{t('settingsRegion')}</span>
          <Select
            aria-label={t('settingsRegion')}
            style={{ minWidth: 160 }}
            value={region}
            onChange={setRegion}
            disabled={!!ownProvince}
            options={
              ownProvince
                ? [{ value: ownProvince, label: regionName(ownProvince) }]
                : [
                    { value: NATIONAL, label: t('settingsNational') },
                    ...(provinces.data?.items ?? []).map((r) => ({ value: r.prefix, label: r.name })),
                  ]
            }
          />
          {may(me, 'admin.audit') && <Link to="/admin/audit?entityType=setting">{t('settingsAuditTrail')}</Link>}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('settingsHelp')}</Typography.Paragraph>
      {groups.map((g) => (
        <Card key={g} type="inner" size="small" title={pick(lang, SETTING_GROUP_LABELS[g])} style={{ marginBottom: 12 }}>
          <Table<SettingView>
            rowKey="key"
            size="small"
            pagination={false}
            loading={list.isLoading}
            dataSource={list.data?.items.filter((s) => s.group === g)}
            scroll={{ x: 900 }}
            columns={[
              {
                title: t('settingsSetting'),
                render: (_, s) => (
                  <Space direction="vertical" size={2}>
                    <Space wrap size={4}>
                      <Typography.Text strong>{pick(lang, s.label)}</Typography.Text>
                      {s.provisional && (
                        <Tooltip title={`${t('settingsProvisionalHelp')}${s.source}`}>
                          <Tag color="orange" data-testid={`provisional-${s.key}`}>
                            {t('settingsProvisional')}
                          </Tag>
                        </Tooltip>
                      )}
                      {s.scope === 'province' && <Tag>{t('settingsProvinceScope')}</Tag>}
                      {s.public && <Tag color="blue">{t('settingsPublic')}</Tag>}
                    </Space>
                    <Typography.Text type="secondary">{pick(lang, s.description)}</Typography.Text>
                    {!s.provisional && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('settingsSource')}：{s.source}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              { title: t('settingsDefault'), width: 110, render: (_, s) => show(s, s.default) },
              { title: t('settingsNationalValue'), width: 140, render: (_, s) => show(s, s.national) },
              ...(province
                ? [
                    {
                      title: t('settingsProvinceValue'),
                      width: 140,
                      render: (_: unknown, s: SettingView) => (s.scope === 'province' ? show(s, s.province) : '—'),
                    },
                  ]
                : []),
              {
                title: t('settingsEffective'),
                width: 160,
                render: (_, s) => (
                  <Space size={4}>
                    {show(s, s.effective)}
                    <Typography.Text type="secondary">({originLabel[s.origin]})</Typography.Text>
                  </Space>
                ),
              },
              {
                title: t('actions'),
                width: 200,
                render: (_, s) => (
                  <Space wrap size={4}>
                    {s.allowedActions.includes('edit') && (
                      <Button size="small" onClick={() => edit(s)}>
                        {t('settingsEdit')}
                      </Button>
                    )}
                    {s.allowedActions.includes('removeOverride') && (
                      <Popconfirm title={t('settingsRemoveConfirm')} onConfirm={() => removeOverride(s)}>
                        <Button size="small">{t('settingsRemoveOverride')}</Button>
                      </Popconfirm>
                    )}
                    {may(me, 'admin.audit') && (
                      <Link to={`/admin/audit?entityType=setting&entityId=${encodeURIComponent(`${s.key}@${region}`)}`}>
                        {t('settingsAuditTrail')}
                      </Link>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      ))}
      <Modal
        open={!!editing}
        title={editing ? t('settingsEditTitle', { label: pick(lang, editing.label) }) : ''}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('save')}
        destroyOnHidden
      >
        {editing && (
          <Form form={form} layout="vertical" onFinish={save}>
            <Typography.Paragraph type="secondary">{t('settingsEditFor', { region: regionName(region) })}</Typography.Paragraph>
            {editing.provisional && (
              <Typography.Paragraph>
                <Tag color="orange">{t('settingsProvisional')}</Tag>
                {t('settingsProvisionalHelp')}
                {editing.source}
              </Typography.Paragraph>
            )}
            <Form.Item name="value" label={pick(lang, editing.label)} extra={pick(lang, editing.description)}>
              {editing.type === 'integer' ? <InputNumber precision={0} style={{ width: 160 }} /> : <Input maxLength={200} />}
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Card>
  );
}

// 安全生产举报 — the public report page (/report): no account, phone-first. It says plainly what
// is kept and what is not, proves work in the browser, strips photo metadata unless the reporter
// keeps it, and shows the receipt once.
import type { PUBLIC_REPORT_CATEGORIES } from '@taishan/domain';
import { Alert, AutoComplete, Button, Checkbox, Form, Input, Radio, Segmented, theme } from 'antd';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { ApiError, api, formErrors } from '../../../api.ts';
import { Panel } from '../../../components/Panel.tsx';
import { RequiredLabel } from '../../../components/RequiredLabel.tsx';
import type { MessageKey } from '../../../i18n.tsx';
import { useI18n } from '../../../i18n-provider.tsx';
import { Link } from '../../../public/router.tsx';
import { FilePicker } from './FilePicker.tsx';
import { ACCEPT, anon, proofOfWork, uploadWithReceipt } from './reporting.ts';

// Loaded when needed, not with the form (README "Web delivery": the page's budget): the region
// picker when the reporter chooses to name a region, the receipt once a report is sent.
const RegionCascader = lazy(() => import('../../../components/RegionCascader.tsx').then((m) => ({ default: m.RegionCascader })));
const Receipt = lazy(() => import('./Receipt.tsx').then((m) => ({ default: m.Receipt })));
const Progress = lazy(() => import('antd/es/progress/index.js'));

type Found = { id: string; name: string; regionName: string | null };

/**
 * The categories a reporter picks from, with their words. Written here, checked against the
 * domain's list by type: importing the list itself would bring the domain barrel, and with it zod
 * (about 37 KB compressed), into the light entry (README "Web delivery").
 */
const CATEGORY_KEYS = {
  hazard: 'reportCategory_hazard',
  illegalProduction: 'reportCategory_illegalProduction',
  concealedAccident: 'reportCategory_concealedAccident',
  other: 'reportCategory_other',
} as const satisfies Record<(typeof PUBLIC_REPORT_CATEGORIES)[number], MessageKey>;
type Category = keyof typeof CATEGORY_KEYS;
const CATEGORIES = Object.keys(CATEGORY_KEYS) as Category[];

/** The words of a category (also on the handlers' pages). */
export const categoryKey = (c: string): MessageKey => CATEGORY_KEYS[c as Category];

/** Secondary text as antd's Typography draws it (Typography itself is not worth its 7 KB here). */
function Note({ children, style }: { children: React.ReactNode; style?: React.CSSProperties }) {
  const { token } = theme.useToken();
  return <p style={{ color: token.colorTextSecondary, margin: '0 0 1em', ...style }}>{children}</p>;
}

export function PublicShell({ children }: { children: React.ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { token } = theme.useToken();
  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: 12 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
        <h4
          style={{
            margin: 0,
            color: token.colorTextHeading,
            fontWeight: token.fontWeightStrong,
            fontSize: token.fontSizeHeading4,
            lineHeight: token.lineHeightHeading4,
          }}
        >
          {t('reportTitle')}
        </h4>
        <Button size="small" type="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {lang === 'zh' ? 'English' : '中文'}
        </Button>
      </div>
      {children}
    </div>
  );
}

export function ReportPage() {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [where, setWhere] = useState<'enterprise' | 'region'>('enterprise');
  const [found, setFound] = useState<Found[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [keepLocation, setKeepLocation] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<string | null>(null);
  const anonymous = Form.useWatch('anonymous', form) ?? true;
  // The receipt is announced (a live region) and takes the focus, so a screen reader reads it
  // instead of falling back to the top of the page (issue 22 item 22).
  const announcement = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (receipt) announcement.current?.focus();
  }, [receipt]);

  const search = async (q: string) => {
    if (q.trim().length < 2) return setFound([]);
    const r = await api<{ items: Found[] }>(`/api/public/enterprises?q=${encodeURIComponent(q.trim())}`, anon).catch(() => ({ items: [] }));
    setFound(r.items);
  };

  const submit = async (v: Record<string, unknown>) => {
    setError(null);
    try {
      setProgress(t('reportProving'));
      const pow = await proofOfWork();
      setProgress(t('reportSending'));
      const body = {
        category: v.category,
        enterpriseId: where === 'enterprise' ? v.enterpriseId : undefined,
        regionCode: where === 'region' ? v.regionCode : undefined,
        place: v.place,
        description: v.description,
        happenedAt: v.happenedAt,
        anonymous: v.anonymous,
        name: v.anonymous ? undefined : v.name,
        phone: v.anonymous ? undefined : v.phone,
        pow,
      };
      const r = await api<{ receipt: string }>('/api/public/reports', { method: 'POST', json: body, ...anon });
      let failed = 0;
      for (const [i, f] of files.entries()) {
        setProgress(t('reportUploading', { i: i + 1, n: files.length }));
        await uploadWithReceipt(r.receipt, f, keepLocation).catch(() => failed++);
      }
      if (failed) setError(t('reportSomeFilesFailed', { n: failed }));
      setReceipt(r.receipt);
    } catch (e) {
      if (e instanceof ApiError) {
        const fields = formErrors(e);
        form.setFields(fields);
        setError(Object.values(e.fields)[0] ?? e.message);
        // Focus on the first field the server refused, not left on the button.
        const first = fields.find((f) => f.name.length > 0);
        if (first) form.scrollToField(first.name, { focus: true } as never);
      } else setError(String(e));
    } finally {
      setProgress(null);
    }
  };

  if (receipt)
    return (
      <PublicShell>
        <div
          ref={announcement}
          role="status"
          aria-live="polite"
          tabIndex={-1}
          data-testid="receipt-announcement"
          style={{ outline: 'none' }}
        >
          <Suspense fallback={null}>
            <Receipt receipt={receipt} error={error} />
          </Suspense>
        </div>
      </PublicShell>
    );

  return (
    <PublicShell>
      <Alert
        type="info"
        style={{ marginBottom: 12 }}
        message={t('reportWhatWeKeep')}
        description={
          <ul style={{ paddingLeft: 18, margin: 0 }}>
            <li>{t('reportKeep1')}</li>
            <li>{t('reportKeep2')}</li>
            <li>{t('reportKeep3')}</li>
            <li>{t('reportKeep4')}</li>
          </ul>
        }
      />
      <Panel>
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          scrollToFirstError={{ focus: true }}
          initialValues={{ category: 'hazard', anonymous: true }}
          disabled={!!progress}
        >
          {/* No `required` on a radio group or a select: antd would put aria-required on elements that do not allow it. */}
          <Form.Item name="category" label={t('reportCategory')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_KEYS[c]) }))}
            />
          </Form.Item>
          <Form.Item label={t('reportWhere')}>
            <Segmented
              block
              value={where}
              onChange={(v) => setWhere(v as 'enterprise' | 'region')}
              options={[
                { value: 'enterprise', label: t('reportPickEnterprise') },
                { value: 'region', label: t('reportPickRegion') },
              ]}
            />
          </Form.Item>
          {where === 'enterprise' ? (
            <>
              <Form.Item name="enterpriseId" hidden>
                <Input />
              </Form.Item>
              {/* Labelled and marked required; the check is here (a visible field), so focus can go to it. */}
              <Form.Item
                name="enterpriseName"
                label={<RequiredLabel>{t('reportPickEnterprise')}</RequiredLabel>}
                rules={[
                  {
                    validator: () =>
                      form.getFieldValue('enterpriseId') ? Promise.resolve() : Promise.reject(new Error(t('reportEnterpriseRequired'))),
                  },
                ]}
              >
                <AutoComplete
                  placeholder={t('reportEnterpriseSearch')}
                  onSearch={search}
                  onSelect={(_, o) => form.setFieldsValue({ enterpriseId: (o as { id: string }).id })}
                  onChange={() => form.setFieldsValue({ enterpriseId: undefined })}
                  options={found.map((e) => ({ id: e.id, value: e.name, label: `${e.name}${e.regionName ? `（${e.regionName}）` : ''}` }))}
                />
              </Form.Item>
            </>
          ) : (
            <Suspense fallback={null}>
              <Form.Item
                name="regionCode"
                label={<RequiredLabel>{t('reportPickRegion')}</RequiredLabel>}
                rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('reportRegionRequired')))) }]}
              >
                <RegionCascader anonymous placeholder={t('reportRegionPlaceholder')} />
              </Form.Item>
            </Suspense>
          )}
          <Form.Item name="place" label={t('reportPlace')}>
            <Input maxLength={200} placeholder={t('reportPlacePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('reportDescription')}
            rules={[{ required: true, min: 10, message: t('reportDescriptionRule') }]}
          >
            <Input.TextArea rows={5} maxLength={5000} showCount placeholder={t('reportDescriptionPlaceholder')} />
          </Form.Item>
          <Form.Item name="happenedAt" label={t('reportWhen')}>
            <Input maxLength={100} placeholder={t('reportWhenPlaceholder')} />
          </Form.Item>
          <Form.Item label={t('reportFiles')} extra={t('reportFilesHint')}>
            <FilePicker files={files} onChange={setFiles} accept={ACCEPT} max={10} />
            <Checkbox checked={keepLocation} onChange={(e) => setKeepLocation(e.target.checked)} style={{ marginTop: 8 }}>
              {t('reportKeepLocation')}
            </Checkbox>
            <Note style={{ fontSize: 12, marginBottom: 0 }}>{keepLocation ? t('reportKeepLocationOn') : t('reportKeepLocationOff')}</Note>
          </Form.Item>
          <Form.Item name="anonymous" label={t('reportIdentity')}>
            <Radio.Group
              options={[
                { value: true, label: t('reportAnonymous') },
                { value: false, label: t('reportNamed') },
              ]}
            />
          </Form.Item>
          {!anonymous && (
            <>
              <Alert type="warning" style={{ marginBottom: 12 }} message={t('reportNamedNote')} />
              <Form.Item name="name" label={t('reportName')}>
                <Input maxLength={50} autoComplete="off" />
              </Form.Item>
              <Form.Item name="phone" label={t('reportPhone')}>
                <Input maxLength={30} inputMode="tel" autoComplete="off" />
              </Form.Item>
            </>
          )}
          {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
          {progress && (
            <Suspense fallback={null}>
              <Progress percent={100} status="active" showInfo={false} />
            </Suspense>
          )}
          {progress && <Note>{progress}</Note>}
          <Button type="primary" htmlType="submit" block size="large" loading={!!progress}>
            {t('reportSubmit')}
          </Button>
        </Form>
      </Panel>
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        <Link to="/report/follow">{t('reportFollowLink')}</Link>
      </div>
    </PublicShell>
  );
}

// The login form. It knows no router and no session (what follows a login is the caller's), so the
// light entry (public/main.tsx) shows it at /login without the app's shell (README "Web delivery").
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { Panel } from '../../components/Panel.tsx';
import { useI18n } from '../../i18n-provider.tsx';

export function LoginPage({ onLoggedIn }: { onLoggedIn: () => void }) {
  const { t, lang, setLang } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 12 }}>
      <Panel size="default" style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          {t('appName')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          生命重于泰山
        </Typography.Paragraph>
        {error && <Alert type="error" message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form
          layout="vertical"
          onFinish={async (v: { username: string; password: string }) => {
            setBusy(true);
            setError(null);
            try {
              await api('/api/v1/auth/login', { method: 'POST', json: v });
              onLoggedIn();
            } catch (e) {
              setError(e instanceof ApiError ? e.message : t('loginFailed'));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('required') }]}>
            <Input autoComplete="username" id="username" />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('required') }]}>
            <Input.Password autoComplete="current-password" id="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login')}
          </Button>
        </Form>
        <Button type="link" block onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} style={{ marginTop: 8 }}>
          {t('language')}
        </Button>
      </Panel>
    </div>
  );
}

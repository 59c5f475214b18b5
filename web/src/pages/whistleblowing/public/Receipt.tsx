// The receipt, shown once after a report is sent. Its own chunk: antd's Result (with its pictures
// of errors) loads when a report has been sent, not with the form (README "Web delivery").
import { Alert, Result, Typography } from 'antd';
import { useI18n } from '../../../i18n-provider.tsx';
import { Link } from '../../../public/router.tsx';

export function Receipt({ receipt, error }: { receipt: string; error: string | null }) {
  const { t } = useI18n();
  return (
    <Result
      status="success"
      title={t('reportReceived')}
      subTitle={t('reportReceiptOnce')}
      extra={[
        <Typography.Paragraph
          key="r"
          copyable={{ text: receipt }}
          style={{ fontSize: 24, fontFamily: 'monospace', letterSpacing: 1 }}
          data-testid="receipt"
        >
          {receipt}
        </Typography.Paragraph>,
        error && <Alert key="e" type="warning" message={error} />,
        <Link key="f" to="/report/follow">
          {t('reportFollowLink')}
        </Link>,
      ]}
    />
  );
}

// Small pieces the accountability pages share: a form modal that shows the server's field
// messages on its fields, and the 暂定 tag with its source.
import { App, Form, type FormInstance, Modal, Tag, Tooltip } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError, formErrors } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';

/** A modal form: `onSubmit` gets the validated values; a 400's field messages land on the fields. */
export function FormModal<T>(props: {
  open: boolean;
  title: ReactNode;
  form: FormInstance<T>;
  onClose: () => void;
  onSubmit: (values: T) => Promise<unknown>;
  children: ReactNode;
  testId?: string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    const values = await props.form.validateFields();
    setBusy(true);
    try {
      await props.onSubmit(values);
      message.success(t('acSaved'));
      props.onClose();
    } catch (e) {
      if (e instanceof ApiError) {
        props.form.setFields(formErrors(e) as never);
        message.error(e.message);
      } else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      onOk={ok}
      confirmLoading={busy}
      destroyOnHidden
      width={640}
      data-testid={props.testId}
    >
      <Form form={props.form} layout="vertical" preserve={false}>
        {props.children}
      </Form>
    </Modal>
  );
}

export function ProvisionalTag({ source }: { source: string }) {
  const { t } = useI18n();
  return (
    <Tooltip title={`${t('acSource')}：${source}`}>
      <Tag color="orange">{t('acProvisional')}</Tag>
    </Tooltip>
  );
}

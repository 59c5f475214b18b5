// The public-health pages' modal form (events, tasks, the disease list): it sends the validated
// values and puts the server's bilingual field messages under the fields; a message for a field the
// form does not hold (or a refusal without fields) is shown as a toast, so nothing refused is silent.
import { App, Form, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError, formErrors } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';

export function FormDialog<V extends object>(props: {
  title: string;
  testId: string;
  initial?: Partial<V>;
  submit: (v: V) => Promise<unknown>;
  onClose: () => void;
  children: ReactNode;
}) {
  const { message } = App.useApp();
  const { t } = useI18n();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await props.submit(v);
      message.success(t('phEvSaved'));
      props.onClose();
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e, 'top') as never);
        const held = new Set(form.getFieldsError().map((f) => String(f.name[0])));
        const elsewhere = Object.entries(e.fields).find(([name]) => !held.has(name.split('.')[0] as string));
        if (!Object.keys(e.fields).length) message.error(e.message);
        else if (elsewhere) message.error(elsewhere[1]);
      } else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={props.title} onOk={save} confirmLoading={busy} onCancel={props.onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={props.initial} data-testid={props.testId}>
        {props.children}
      </Form>
    </Modal>
  );
}

// Shared bits of the cases pages: enum labels through the messages, status tag, the action bar. Owner: cases.
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api.ts';
import { type MessageKey, useI18n } from '../../i18n.tsx';
import { caseAction, type PhCase } from './cases-api.ts';

export const useCaseLabel = () => {
  const { t } = useI18n();
  return (group: 'St' | 'Cl' | 'Ac' | 'Hi' | 'Id' | 'Sex' | 'Class', v: string) => {
    const k = (group === 'Sex' || group === 'Class' ? `phCa${group}_${v}` : `phCa${group}_${v}`) as MessageKey;
    const s = t(k);
    return s === k && group === 'Hi' ? t(`phCaAc_${v}` as MessageKey) : s;
  };
};

const COLOURS: Record<string, string> = { reported: 'blue', returned: 'orange', reviewed: 'green', merged: 'default', revoked: 'red' };
export function CaseStatusTag({ c }: { c: PhCase }) {
  const { t } = useI18n();
  const label = useCaseLabel();
  return (
    <Space size={4} wrap>
      <Tag color={COLOURS[c.status]}>{label('St', c.status)}</Tag>
      {c.late && <Tag color="red">{t('phCaLate')}</Tag>}
      {c.reviewOverdue && <Tag color="volcano">{t('phCaOverdue')}</Tag>}
    </Space>
  );
}

/** The buttons allowedActions permits (merge is offered on the review desk, with its target). */
export function CaseActions({ c, onDone }: { c: PhCase; onDone?: (c: PhCase) => void }) {
  const { t } = useI18n();
  const label = useCaseLabel();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [cls, setCls] = useState<string>(c.classification);
  const run = async (action: string, extra: Record<string, unknown> = {}) => {
    try {
      const r = await caseAction(c.id, action, { version: c.version, ...extra });
      await qc.invalidateQueries({ queryKey: ['ph-cases'] });
      message.success(t('saved'));
      setOpen(null);
      onDone?.(r);
    } catch (e) {
      if (e instanceof ApiError) message.error(Object.values(e.fields)[0] ?? e.message);
      else throw e;
    }
  };
  const acts = c.allowedActions.filter((a) => a !== 'merge');
  return (
    <Space wrap>
      {acts.map((a) => (
        <Button
          key={a}
          type={a === 'review' || a === 'resubmit' ? 'primary' : 'default'}
          danger={a === 'revoke'}
          data-testid={`ph-case-${a}`}
          onClick={() => (a === 'review' || a === 'resubmit' ? run(a) : setOpen(a))}
        >
          {label('Ac', a)}
        </Button>
      ))}
      {c.allowedActions.includes('resubmit') && (
        <Link to={`/public-health/cases/${c.id}/correct`} data-testid="ph-case-correct">
          <Button>{t('phCaCorrect')}</Button>
        </Link>
      )}
      <Modal
        open={open !== null}
        title={open ? label('Ac', open) : ''}
        onCancel={() => setOpen(null)}
        onOk={() => run(open as string, open === 'reclassify' ? { classification: cls } : { reason })}
      >
        {open === 'reclassify' ? (
          <Select
            style={{ width: '100%' }}
            value={cls}
            onChange={setCls}
            options={['suspected', 'clinical', 'confirmed', 'carrier'].map((v) => ({ value: v, label: label('Cl', v) }))}
          />
        ) : (
          <Input.TextArea placeholder={t('phCaReason')} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
        )}
      </Modal>
    </Space>
  );
}

// LEC or LS inputs from the standard tables only, with the result computed as you choose
// (default thresholds; the server applies the province's when saving).
import { LEC_C, LEC_E, LEC_L, LS_L, LS_S, lec, ls } from '@taishan/domain';
import { Form, Radio, Select, Space, Typography } from 'antd';
import { LevelTag } from '../../components/LevelTag.tsx';
import { pick, useI18n } from '../../i18n.tsx';

const options = (table: Record<number, { zh: string; en: string }>, lang: 'zh' | 'en') =>
  Object.entries(table)
    .map(([v, l]) => ({ value: Number(v), label: `${v} — ${pick(lang, l)}` }))
    .sort((a, b) => b.value - a.value);

export function AssessmentFields({ prefix }: { prefix: string[] }) {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance();
  const method = Form.useWatch([...prefix, 'method'], form) as 'lec' | 'ls' | undefined;
  const inputs = Form.useWatch([...prefix, 'inputs'], form) as Record<string, number> | undefined;
  let result: { score: number; level: ReturnType<typeof lec>['level'] } | null = null;
  try {
    if (method === 'lec' && inputs?.L && inputs.E && inputs.C) {
      const r = lec({ L: inputs.L, E: inputs.E, C: inputs.C });
      result = { score: r.D, level: r.level };
    } else if (method === 'ls' && inputs?.L && inputs.S) {
      const r = ls({ L: inputs.L, S: inputs.S });
      result = { score: r.R, level: r.level };
    }
  } catch {
    result = null;
  }
  return (
    <>
      <Form.Item name={[...prefix, 'method']} label={t('method')} initialValue="lec">
        <Radio.Group
          options={[
            { value: 'lec', label: 'LEC（D = L×E×C）' },
            { value: 'ls', label: 'LS（R = L×S）' },
          ]}
        />
      </Form.Item>
      {method === 'ls' ? (
        <Space wrap>
          <Form.Item name={[...prefix, 'inputs', 'L']} label="L" rules={[{ required: true }]}>
            <Select style={{ width: 220 }} options={options(LS_L, lang)} id="ls-L" />
          </Form.Item>
          <Form.Item name={[...prefix, 'inputs', 'S']} label="S" rules={[{ required: true }]}>
            <Select style={{ width: 220 }} options={options(LS_S, lang)} id="ls-S" />
          </Form.Item>
        </Space>
      ) : (
        <Space wrap>
          <Form.Item name={[...prefix, 'inputs', 'L']} label="L" rules={[{ required: true }]}>
            <Select style={{ width: 240 }} options={options(LEC_L, lang)} id="lec-L" />
          </Form.Item>
          <Form.Item name={[...prefix, 'inputs', 'E']} label="E" rules={[{ required: true }]}>
            <Select style={{ width: 240 }} options={options(LEC_E, lang)} id="lec-E" />
          </Form.Item>
          <Form.Item name={[...prefix, 'inputs', 'C']} label="C" rules={[{ required: true }]}>
            <Select style={{ width: 240 }} options={options(LEC_C, lang)} id="lec-C" />
          </Form.Item>
        </Space>
      )}
      {result && (
        <Typography.Paragraph data-testid="live-result">
          {t('liveResult')}：{method === 'ls' ? 'R' : 'D'} = {result.score} <LevelTag level={result.level} />
        </Typography.Paragraph>
      )}
    </>
  );
}

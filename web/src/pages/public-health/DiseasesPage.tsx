// 法定传染病: each disease with its versions by date (class, managed as class A, in force from–to,
// source); the 2025 law's versions are tagged 暂定. Owner: cases.
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Tag } from 'antd';
import { pick, useI18n } from '../../i18n.tsx';
import { fetchDiseases, type PhDisease } from './cases-api.ts';
import { useCaseLabel } from './cases-ui.tsx';

export function DiseasesPage() {
  const { t, lang } = useI18n();
  const label = useCaseLabel();
  const q = useQuery({ queryKey: ['ph-diseases'], queryFn: fetchDiseases });
  return (
    <Card title={t('phCaMenuDiseases')}>
      <Table<PhDisease>
        rowKey="code"
        loading={q.isLoading}
        dataSource={q.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('phCaDisease'), render: (_, d) => pick(lang, d.name) },
          {
            title: t('phCaClass'),
            render: (_, d) =>
              d.current ? (
                <Space size={4}>
                  {label('Class', d.current.class)}
                  {d.current.managedAsClassA && <Tag color="red">{t('phCaManagedAsA')}</Tag>}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: t('phCaEffective'),
            render: (_, d) => (
              <Space direction="vertical" size={2}>
                {d.versions.map((v) => (
                  <span key={v.id}>
                    {v.effectiveFrom} – {v.effectiveTo ?? ''} {label('Class', v.class)}{' '}
                    {v.managedAsClassA && <Tag color="red">{t('phCaManagedAsA')}</Tag>}
                    {v.provisional && <Tag color="gold">{t('phCaProvisional')}</Tag>} <small>{v.source}</small>
                  </span>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

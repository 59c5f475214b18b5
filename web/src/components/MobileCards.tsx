// Lists on a phone: one card per row showing what tells rows apart (whom it is about, when, its
// status) instead of a table squeezed into 390 px where only the first column shows.
import { Card, Grid, List, type PaginationProps, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export type MobileCard = {
  /** The card's heading: who or what the row is about. */
  title: ReactNode;
  /** Where a tap on the card goes. */
  link?: string;
  /** A secondary line under the heading (a description, a number). */
  subtitle?: ReactNode;
  /** Status and level tags, shown on the heading's line. */
  tags?: ReactNode;
  /** Labelled facts (date, deadline, tier...): label and value on one line each. */
  facts?: { label: string; value: ReactNode }[];
};

/** Whether the screen is narrower than antd's md breakpoint (768 px): a phone. */
export function usePhone(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measure every breakpoint is undefined: a desktop until known otherwise.
  return screens.md === false;
}

export function MobileCards<T>({
  items,
  loading,
  rowKey,
  card,
  pagination,
  testId,
}: {
  items: T[] | undefined;
  loading?: boolean;
  rowKey: (item: T) => string;
  card: (item: T) => MobileCard;
  pagination?: PaginationProps | false;
  testId?: string;
}) {
  return (
    <List<T>
      loading={loading}
      dataSource={items}
      rowKey={rowKey}
      pagination={pagination === false || !pagination ? false : { ...pagination, simple: true, align: 'center' }}
      data-testid={testId}
      split={false}
      renderItem={(item) => {
        const c = card(item);
        const heading = c.link ? <Link to={c.link}>{c.title}</Link> : c.title;
        return (
          <List.Item style={{ padding: '4px 0' }}>
            <Card size="small" style={{ width: '100%' }} data-testid="mobile-card">
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Typography.Text strong style={{ fontSize: 15 }}>
                  {heading}
                </Typography.Text>
                {c.tags && (
                  <Space size={[4, 4]} wrap>
                    {c.tags}
                  </Space>
                )}
                {c.subtitle && <Typography.Text>{c.subtitle}</Typography.Text>}
                {c.facts?.map((f) => (
                  <Typography.Text key={f.label} type="secondary" style={{ fontSize: 13 }}>
                    {f.label}：{f.value}
                  </Typography.Text>
                ))}
              </Space>
            </Card>
          </List.Item>
        );
      }}
    />
  );
}

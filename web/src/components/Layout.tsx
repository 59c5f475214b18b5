// The frame: navigation by the user's abilities (me.abilities), language switch, the user and their jurisdiction, logout.
import {
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  CloudServerOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FireOutlined,
  HeartOutlined,
  HomeOutlined,
  KeyOutlined,
  MedicineBoxOutlined,
  MenuOutlined,
  MessageOutlined,
  NodeIndexOutlined,
  PictureOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Layout as AntLayout, Badge, Button, Drawer, Grid, Menu, Space, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api.ts';
import { pick, useI18n } from '../i18n.tsx';
import { assessmentMenu } from '../pages/accountability/assessment-routes.tsx';
import { accountabilityMenu } from '../pages/accountability/routes.tsx';
import { cmBoardMenu } from '../pages/command/board-routes.tsx';
import { cmDutyMenu } from '../pages/command/duty-routes.tsx';
import { blacklistMenu } from '../pages/credit/blacklist-routes.tsx';
import { creditMenu } from '../pages/credit/routes.tsx';
import { dispatchMenu } from '../pages/emergency/dispatch-routes.tsx';
import { drillsMenu } from '../pages/emergency/drills-routes.tsx';
import { emergencyPlansMenu } from '../pages/emergency/plans-routes.tsx';
import { suppliesMenu } from '../pages/emergency/supplies-routes.tsx';
import { teamsMenu } from '../pages/emergency/teams-routes.tsx';
import { peopleMenu } from '../pages/people/routes.tsx';
import { phCasesMenu } from '../pages/public-health/cases-routes.tsx';
import { phEventsMenu } from '../pages/public-health/events-routes.tsx';
import { phLevelsMenu } from '../pages/public-health/levels-routes.tsx';
import { may, useSession } from '../session.tsx';

type MenuLeaf = { key: string; icon: ReactNode; label: string };
const group = (key: string, icon: ReactNode, label: string, children: MenuLeaf[]) =>
  children.length ? [{ key, icon, label, children }] : [];

export function Layout() {
  const { t, lang, setLang } = useI18n();
  const { me, refresh } = useSession();
  const nav = useNavigate();
  const loc = useLocation();
  const screens = Grid.useBreakpoint();
  const [drawer, setDrawer] = useState(false);
  const inbox = useQuery({
    queryKey: ['inbox'],
    queryFn: () => api<{ unread: number }>('/api/v1/notifications?unread=true'),
    refetchInterval: 60_000,
    enabled: !!me,
  });
  const own = me?.scope.enterpriseId;
  const adminMenu = [
    ...(may(me, 'admin.users') ? [{ key: '/admin/users', icon: <TeamOutlined />, label: t('users') }] : []),
    ...(may(me, 'admin.departments') ? [{ key: '/admin/departments', icon: <ApartmentOutlined />, label: t('departments') }] : []),
    ...(may(me, 'admin.audit') ? [{ key: '/admin/audit', icon: <AuditOutlined />, label: t('audit') }] : []),
    ...(may(me, 'settings.edit') ? [{ key: '/admin/settings', icon: <SettingOutlined />, label: t('settingsTitle') }] : []),
    // Anyone logged in may read the calendar; the menu offers it to those who keep it or the settings.
    ...(may(me, 'calendar.edit') || may(me, 'settings.edit')
      ? [{ key: '/admin/calendar', icon: <CalendarOutlined />, label: t('calendarTitle') }]
      : []),
  ];
  const items = [
    { key: '/', icon: <HomeOutlined />, label: t('workbench') },
    { key: '/enterprises', icon: <BankOutlined />, label: t('enterprises') },
    {
      key: 'hazard',
      icon: <AlertOutlined />,
      label: t('hazards'),
      children: [
        { key: '/hazards', icon: <AlertOutlined />, label: t('hazardList') },
        { key: '/inspections', icon: <CheckSquareOutlined />, label: t('inspections') },
        { key: '/inspection-schedules', icon: <ScheduleOutlined />, label: t('schedules') },
        { key: '/checklists', icon: <UnorderedListOutlined />, label: t('checklists') },
        ...(own ? [] : [{ key: '/hazard-dashboard', icon: <BarChartOutlined />, label: t('dashboard') }]),
      ],
    },
    {
      key: 'risk',
      icon: <WarningOutlined />,
      label: t('riskControl'),
      children: [
        { key: '/risks', icon: <WarningOutlined />, label: t('riskRegister') },
        ...(own ? [{ key: `/enterprises/${own}/risk-map`, icon: <PictureOutlined />, label: t('riskMap') }] : []),
        { key: '/installations', icon: <FireOutlined />, label: t('installations') },
        { key: '/risk-reports', icon: <FileTextOutlined />, label: t('riskReports') },
        ...(own ? [] : [{ key: '/risk-distribution', icon: <BarChartOutlined />, label: t('distribution') }]),
      ],
    },
    {
      key: 'monitoring',
      icon: <DashboardOutlined />,
      label: t('monitoring'),
      children: [
        { key: '/monitoring', icon: <DashboardOutlined />, label: t('wall') },
        { key: '/sensors', icon: <ApiOutlined />, label: t('sensors') },
        ...(may(me, 'monitoring.manageGateways') ? [{ key: '/monitoring/gateways', icon: <KeyOutlined />, label: t('gateways') }] : []),
        ...(may(me, 'monitoring.ingest') ? [{ key: '/monitoring/ingest', icon: <CloudServerOutlined />, label: t('ingest') }] : []),
      ],
    },
    ...(may(me, 'enforcement.view')
      ? [
          {
            key: 'enforcement',
            icon: <SafetyCertificateOutlined />,
            label: t('enforcement'),
            children: [
              { key: '/enforcement/plan', icon: <ScheduleOutlined />, label: t('enfMenuPlan') },
              { key: '/enforcement/draws', icon: <NodeIndexOutlined />, label: t('enfMenuDraws') },
              { key: '/enforcement/inspections', icon: <FileSearchOutlined />, label: t('enfMenuInspections') },
              { key: '/enforcement/cases', icon: <AuditOutlined />, label: t('enfMenuCases') },
              { key: '/enforcement/stats', icon: <BarChartOutlined />, label: t('enfMenuStats') },
            ],
          },
        ]
      : []),
    ...(may(me, 'accidents.view')
      ? [
          {
            key: 'accidents',
            icon: <FireOutlined />,
            label: t('accMenu'),
            children: [
              { key: '/accidents', icon: <AlertOutlined />, label: t('accMenuList') },
              ...(may(me, 'accidents.report') ? [{ key: '/accidents/new', icon: <FileTextOutlined />, label: t('accMenuReport') }] : []),
              // An enterprise acknowledges its lessons there; a regulator sees who has not.
              ...(own || may(me, 'accidents.stats')
                ? [{ key: '/accidents/lessons', icon: <MessageOutlined />, label: t('accMenuLessons') }]
                : []),
              ...(may(me, 'accidents.stats') ? [{ key: '/accidents/stats', icon: <BarChartOutlined />, label: t('accMenuStats') }] : []),
            ],
          },
        ]
      : []),
    // Issue 26: each part gives its entries; a group shows when it has any.
    ...group('credit', <SafetyCertificateOutlined />, t('crMenuGroup'), [...creditMenu(me, t), ...blacklistMenu(me, t)]),
    ...group('accountability', <AuditOutlined />, t('acMenuGroup'), [...accountabilityMenu(me, t), ...assessmentMenu(me, t)]),
    ...group('people', <TeamOutlined />, t('ppMenuGroup'), peopleMenu(me, t)),
    // Issue 27: 应急准备, each part's entries.
    ...group('emergency', <MedicineBoxOutlined />, t('emMenuGroup'), [
      ...emergencyPlansMenu(me, t),
      ...drillsMenu(me, t),
      ...suppliesMenu(me, t),
      ...dispatchMenu(me, t),
      ...teamsMenu(me, t),
    ]),
    // Issue 28: 公共卫生 and 指挥中心.
    ...group('publicHealth', <HeartOutlined />, t('phMenuGroup'), [...phCasesMenu(me, t), ...phEventsMenu(me, t), ...phLevelsMenu(me, t)]),
    ...group('command', <AimOutlined />, t('cmMenuGroup'), [...cmBoardMenu(me, t), ...cmDutyMenu(me, t)]),
    ...(may(me, 'whistleblowing.handle')
      ? [
          {
            key: 'reports',
            icon: <MessageOutlined />,
            label: t('reportHandling'),
            children: [
              { key: '/reports', icon: <MessageOutlined />, label: t('reportInbox') },
              { key: '/report-stats', icon: <BarChartOutlined />, label: t('reportStats') },
              { key: '/report-reward-rules', icon: <FileTextOutlined />, label: t('rewardRules') },
            ],
          },
        ]
      : []),
    ...(adminMenu.length ? [{ key: 'admin', icon: <TeamOutlined />, label: t('admin'), children: adminMenu }] : []),
  ];
  const leaves = items.flatMap((i) => ('children' in i && i.children ? i.children : [i]));
  // The workbench ('/') is selected on itself only, not as the prefix of every path.
  const selected = [...leaves]
    .sort((a, b) => b.key.length - a.key.length)
    .find((i) => (i.key === '/' ? loc.pathname === '/' : loc.pathname.startsWith(i.key)))?.key;
  // The group holding the current page starts open, so where one is stays visible.
  const openGroup = items.find((i) => 'children' in i && i.children?.some((c) => c.key === selected))?.key;
  // Desktop: a sider menu, which has room for every capability's group (a horizontal menu in the
  // header hid the admin's last groups under "···" at 1366 px). Phone: the same menu in a drawer.
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      defaultOpenKeys={openGroup ? [openGroup] : []}
      items={items}
      onClick={(e) => {
        setDrawer(false);
        nav(e.key);
      }}
      style={{ borderInlineEnd: 0 }}
      data-testid="main-nav"
    />
  );
  return (
    <AntLayout style={{ minHeight: '100vh' }}>
      <AntLayout.Header
        className="no-print"
        style={{ display: 'flex', alignItems: 'center', gap: 16, padding: screens.md ? '0 24px' : '0 12px' }}
      >
        {!screens.md && <Button icon={<MenuOutlined />} onClick={() => setDrawer(true)} aria-label="menu" />}
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
          {screens.md ? t('appName') : t('appShort')}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <Space>
          {me && screens.md && (
            <span style={{ color: '#fff' }} data-testid="whoami">
              {me.displayName} <Tag color="blue">{pick(lang, me.roleLabel)}</Tag>
            </span>
          )}
          <Badge count={inbox.data?.unread ?? 0} size="small">
            <Button size="small" icon={<BellOutlined />} onClick={() => nav('/inbox')} aria-label={t('inbox')} data-testid="inbox" />
          </Badge>
          <Button size="small" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('language')}
          </Button>
          <Button
            size="small"
            onClick={async () => {
              await api('/api/v1/auth/logout', { method: 'POST' }).catch(() => {});
              refresh();
              nav('/login');
            }}
          >
            {t('logout')}
          </Button>
        </Space>
      </AntLayout.Header>
      <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" width={240} title={me?.displayName}>
        {!screens.md && menu}
      </Drawer>
      <AntLayout hasSider={!!screens.md}>
        {screens.md && (
          <AntLayout.Sider className="no-print" width={208} theme="light" breakpoint="lg" collapsible>
            {menu}
          </AntLayout.Sider>
        )}
        <AntLayout.Content style={{ padding: screens.md ? 24 : 8, minWidth: 0 }}>
          <Outlet />
        </AntLayout.Content>
      </AntLayout>
    </AntLayout>
  );
}

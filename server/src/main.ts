#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
// taishan CLI: serve | migrate | seed-demo | import-enterprises FILE | verify-audit
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { NATIONAL_SCOPE } from '@taishan/domain';
import cliProgress from 'cli-progress';
import { buildApp } from './app.ts';
import { verifyAudit } from './audit/chain.ts';
import { hashPassword } from './auth/passwords.ts';
import { shareAlarmEvents } from './cluster/alarm-bus.ts';
import { EMBEDDED_BROKER_LOCK, instanceName, SETUP_LOCK } from './cluster/instance.ts';
import { startJobs } from './cluster/jobs.ts';
import { type Config, loadConfig, pgliteDir } from './config.ts';
import type { Db } from './db/db.ts';
import { migrate } from './db/migrate.ts';
import { seedDemoAccidents } from './demo/accidents.ts';
import { seedDemoAccountability } from './demo/accountability.ts';
import { seedDemoAssessment } from './demo/assessment.ts';
import { seedDemoBlacklist } from './demo/blacklist.ts';
import { seedDemoCmBoard } from './demo/command-board.ts';
import { seedDemoCmDuty } from './demo/command-duty.ts';
import { seedDemoCredit } from './demo/credit.ts';
import { seedDemoDispatch } from './demo/emergency-dispatch.ts';
import { seedDemoDrills } from './demo/emergency-drills.ts';
import { seedDemoEmergencyPlans } from './demo/emergency-plans.ts';
import { seedDemoSupplies } from './demo/emergency-supplies.ts';
import { seedDemoTeams } from './demo/emergency-teams.ts';
import { seedDemoEnforcement } from './demo/enforcement.ts';
import { seedDemoLife } from './demo/life.ts';
import { seedDemoSensors } from './demo/monitoring.ts';
import { seedDemoPeople } from './demo/people.ts';
import { seedDemoPhCases } from './demo/public-health-cases.ts';
import { seedDemoPhEvents } from './demo/public-health-events.ts';
import { seedDemoPhLevels } from './demo/public-health-levels.ts';
import { seedDemoReports } from './demo/reports.ts';
import { DEMO_PASSWORD, seedDemo } from './demo/seed.ts';
import { runCmBoardJobs } from './modules/command/board-sync.ts';
import { expireBlacklistEntries } from './modules/credit/blacklist-jobs.ts';
import { recomputeAllCredit } from './modules/credit/level-store.ts';
import { deemOverdueFilings } from './modules/emergency/plans-jobs.ts';
import { importRows } from './modules/enterprises/import.ts';
import { readTable } from './modules/enterprises/tabular.ts';
import { escalateOverdue } from './modules/hazards/escalation.ts';
import { planScheduledInspections } from './modules/hazards/schedules.ts';
import { DEFAULT_ESCALATE_MINUTES, escalateAlarms } from './modules/monitoring/alarms.ts';
import { connectExternalBroker, type MqttIngest, type MqttStatus, startEmbeddedBroker } from './modules/monitoring/broker.ts';
import { simulateSensors } from './modules/monitoring/simulate-cli.ts';
import { SensorSimulator } from './modules/monitoring/simulator.ts';
import { seedDiseaseReference } from './modules/public-health/diseases-service.ts';
import { runPhEventsJobs } from './modules/public-health/events-jobs.ts';
import { runPhLevelsJobs } from './modules/public-health/levels-jobs.ts';
import { DEFAULT_REPORT_RETENTION_DAYS, escalateOverdueReports, purgeExpiredReports } from './modules/whistleblowing/jobs.ts';
import { type Keyring, loadKeyring, reportKeyFile, saveKeyFile } from './modules/whistleblowing/keyring.ts';
import { keysInUse, resealReports } from './modules/whistleblowing/rotate.ts';
import { openPlatformDb } from './platform.ts';
import { localFileStore } from './storage/files.ts';

const USAGE = `用法 Usage: taishan <command>
  serve [--no-demo]            启动平台 start the platform (demo data by default)
  migrate                      执行数据库迁移 apply migrations
  seed-demo                    写入演示数据 load demo data
  import-enterprises FILE      导入企业名录 (.xlsx/.csv) import the enterprise directory
  verify-audit                 校验审计哈希链 verify the audit chain
  rotate-report-key [--retire-old]  轮换举报加密密钥并重新加密 rotate the report key, re-seal everything
  simulate-sensors [--installations N] [--sensors-per M] [--rate R] [--batch B] [--mqtt URL] [--url URL]
                   [--user U] [--password P] [--seconds S]   模拟监测数据 publish simulated readings
Environment: PORT (3000), DATA_DIR (./data), DATABASE_URL (PostgreSQL; default embedded PGlite),
  TAISHAN_ADMIN_PASSWORD (first admin password with --no-demo),
  TAISHAN_REPORT_KEYS (report keys as JSON; default the file DATA_DIR/keys/report-keys.json),
  REPORT_RETENTION_DAYS (365: untrue or unaccepted reports are deleted after this many days),
  MQTT_URL (an external broker, e.g. mqtt://127.0.0.1:1883; default: embedded broker on MQTT_PORT 1883),
  MQTT_CLIENT_ID (taishan-ingest: the persistent sessions the broker keeps for us), MQTT_SUBSCRIBERS (1; more share the subscription: faster, not crash-safe on Mosquitto),
  MQTT_SHARE_GROUP (several processes share the subscription $share/<group>/…), TAISHAN_INSTANCE (this process's name in logs and job rows; host-pid),
  READINGS_RETENTION_DAYS (30: readings, their minute aggregates and refused readings older than this go), ALARM_ESCALATE_MINUTES (10),
  COOKIE_SECURE (auto: Secure cookies when the request came over HTTPS; true, false), TRUST_PROXY (false; true or the proxies' addresses),
  RATE_LIMIT_LOGIN (30), RATE_LIMIT_PUBLIC (60): per source bucket and minute, SOURCE_BUCKET_KEY (key of the source buckets' hash)`;

const filesDir = (c: Config) => join(c.dataDir, 'files');

const open = (c: Config) => openPlatformDb({ databaseUrl: c.databaseUrl, dataDir: c.databaseUrl ? undefined : pgliteDir(c) });

async function serve(config: Config, demo: boolean) {
  const started = Date.now();
  const instance = instanceName();
  const db = await open(config);
  // Seeding, the first admin and the report key file: one process at a time (README "Scaling out").
  const { keyring, targets } = await db.withLock(SETUP_LOCK, async () => {
    if (demo) {
      const accounts = await seedDemo(db);
      await seedDemoLife(db, localFileStore(filesDir(config)));
      await seedDemoEnforcement(db);
      await seedDemoAccidents(db);
      // Issue 26, in dependency order: people and officials, then what reads accidents and cases.
      await seedDemoPeople(db);
      await seedDemoAccountability(db);
      await seedDemoAssessment(db);
      await seedDemoCredit(db);
      await seedDemoBlacklist(db);
      // Issue 27: supplies before their dispatch, plans before their drills.
      await seedDemoTeams(db);
      await seedDemoSupplies(db);
      await seedDemoDispatch(db);
      await seedDemoEmergencyPlans(db);
      await seedDemoDrills(db);
      console.log('\n演示账号 Demo accounts (密码 password: %s)', DEMO_PASSWORD);
      console.table(accounts);
    } else {
      await ensureFirstAdmin(db);
    }
    const keyring = loadKeyring(reportKeyFile(filesDir(config)));
    // The list of notifiable diseases is reference data every installation needs (issue 28).
    await seedDiseaseReference(db);
    if (demo) {
      const receipt = await seedDemoReports(db, keyring);
      if (receipt) console.log('演示举报回执码 Demo report receipt (/report/follow): %s', receipt);
      // Issue 28, with the key that seals persons and callers: cases before their events and levels;
      // the board gathers every open item (public reports included), duty last.
      await seedDemoPhCases(db, keyring);
      await seedDemoPhEvents(db, keyring);
      await seedDemoPhLevels(db);
      await seedDemoCmBoard(db, keyring);
      await seedDemoCmDuty(db);
    }
    return { keyring, targets: demo ? await seedDemoSensors(db) : [] };
  });
  const app = await buildApp({
    db,
    logger: process.env.LOG !== '0',
    webDist: config.webDist,
    filesDir: filesDir(config),
    keyring,
    instance,
    cookieSecure: config.cookieSecure,
    trustProxy: config.trustProxy,
    limits: config.limits,
    sourceBucketKey: config.sourceBucketKey,
  });
  const files = localFileStore(filesDir(config));
  const retentionDays = Number(process.env.REPORT_RETENTION_DAYS ?? DEFAULT_REPORT_RETENTION_DAYS);
  const logError = (msg: string, err?: unknown) => app.log.error({ err }, msg);
  // Alarm changes made by the other processes on this database reach this one's SSE clients.
  await shareAlarmEvents(db, app.telemetry, instance, logError);
  await app.listen({ port: config.port, host: config.host });
  const shareGroup = process.env.MQTT_SHARE_GROUP || undefined;
  const clientId = process.env.MQTT_CLIENT_ID || 'taishan-ingest';
  const mqttIngest = process.env.MQTT_URL
    ? await connectExternalBroker(
        app.telemetry,
        process.env.MQTT_URL,
        // Sharing the subscription, each process keeps a session of its own.
        shareGroup ? `${clientId}-${instance}` : clientId,
        Number(process.env.MQTT_SUBSCRIBERS ?? 1),
        undefined,
        undefined,
        shareGroup,
      )
    : // One embedded broker per database: the process holding the lock runs it, the others refuse.
      (await db.holdLock(EMBEDDED_BROKER_LOCK))
      ? await startEmbeddedBroker(app.telemetry, app.gateways, {
          port: Number(process.env.MQTT_PORT ?? 1883),
          host: config.host,
          log: (m) => console.log(m),
        })
      : refuseEmbeddedBroker();
  app.mqtt = mqttIngest;
  // MQTT_URL may carry a password: the banner names the broker from its status, which drops it.
  const mqttLabel = (s: MqttStatus) => (s.kind === 'external' ? s.broker : s.port === null ? 'HTTP only' : `mqtt://localhost:${s.port}`);
  // Every 5 s this process writes its finished minutes' aggregates; every 6 hours it makes the
  // reading partitions ahead (and learns the window they cover).
  const readingDays = Number(process.env.READINGS_RETENTION_DAYS ?? 30);
  const minutesTimer = setInterval(() => {
    app.telemetry.closeMinutes().catch((err) => logError('minute aggregates failed', err));
  }, 5000);
  const partitionTimer = setInterval(
    () => app.telemetry.ensurePartitions().catch((err) => logError('partition upkeep failed', err)),
    6 * 3600_000,
  );
  for (const t of [minutesTimer, partitionTimer]) t.unref();
  // The scheduled jobs run once per due time across all processes on this database (cluster/jobs.ts):
  // silent sensors go offline (5 s); unacknowledged alarms escalate (1 min); overdue hazards are
  // marked and escalated, recurring self-inspections that have fallen due are planned, overdue
  // reports escalate and expired untrue reports are deleted (10 min); expired reading partitions
  // and dead letters go (6 h). Each is due at once on a new database.
  const escalateMinutes = Number(process.env.ALARM_ESCALATE_MINUTES ?? DEFAULT_ESCALATE_MINUTES);
  const jobs = await startJobs(
    db,
    [
      { name: 'alarms.offline', everySeconds: 5, run: () => app.telemetry.checkOffline() },
      { name: 'alarms.escalate', everySeconds: 60, run: () => escalateAlarms(db, escalateMinutes) },
      { name: 'hazards.escalate', everySeconds: 600, run: () => escalateOverdue(db) },
      { name: 'inspections.plan', everySeconds: 600, run: () => planScheduledInspections(db) },
      { name: 'reports.escalate', everySeconds: 600, run: () => escalateOverdueReports(db) },
      { name: 'reports.retention', everySeconds: 600, run: () => purgeExpiredReports(db, files, retentionDays) },
      { name: 'telemetry.retention', everySeconds: 6 * 3600, run: () => app.telemetry.expireOlderThan(readingDays) },
      { name: 'blacklist.expire', everySeconds: 3600, run: () => expireBlacklistEntries(db) },
      // Credit levels move as events leave their window and a new year begins (issue 26).
      { name: 'credit.recompute', everySeconds: 86400, run: () => recomputeAllCredit(db, '每日重新计算') },
      // Plan filings left unanswered for 5 working days are deemed filed (issue 27).
      { name: 'emergencyPlans.deemFiled', everySeconds: 3600, run: () => deemOverdueFilings(db) },
      // Case clusters become signals, risk levels are proposed, and the command board gathers the
      // platform's open items and escalates overdue steps (issue 28).
      { name: 'phEvents.detect', everySeconds: 600, run: () => runPhEventsJobs(db) },
      { name: 'phLevels.propose', everySeconds: 3600, run: () => runPhLevelsJobs(db) },
      { name: 'cmBoard.sync', everySeconds: 60, run: () => runCmBoardJobs(db) },
    ],
    instance,
    logError,
  );
  // The demo's installations are fed by an in-process simulator (SIMULATE=0 turns it off).
  if (demo && process.env.SIMULATE !== '0') {
    const sim = new SensorSimulator(targets, 0.003);
    const feed = setInterval(() => {
      for (const b of sim.step(Date.now())) app.telemetry.ingest(b.creditCode, b.payload, 'http').catch(() => undefined);
    }, 2000);
    feed.unref();
  }
  console.log(
    `泰山 Taishan ready on http://localhost:${config.port}  (instance: ${instance}, database: ${db.kind}, MQTT: ${mqttLabel(mqttIngest.status())}, ${Date.now() - started} ms)`,
  );
  const stop = async () => {
    await jobs.stop().catch(() => undefined);
    await mqttIngest.close().catch(() => undefined);
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

export const EMBEDDED_BROKER_REFUSED =
  '嵌入式 MQTT 代理已由连接同一数据库的另一进程运行，本进程不启动它，仅接收 HTTP 数据；多进程部署请使用外部代理（MQTT_URL 与 MQTT_SHARE_GROUP） ' +
  'The embedded MQTT broker already runs in another process on this database: this one does not start it and takes readings over HTTP only; ' +
  'with several processes use an external broker (MQTT_URL with MQTT_SHARE_GROUP)';

/** Another process on this database runs the embedded broker: say so, and take readings over HTTP only. */
function refuseEmbeddedBroker(): MqttIngest {
  console.error(EMBEDDED_BROKER_REFUSED);
  return {
    kind: 'embedded',
    port: null,
    status: () => ({ kind: 'embedded', port: null, clients: 0 }),
    close: async () => {},
  };
}

/** A real deployment: no demo users; the first admin from TAISHAN_ADMIN_PASSWORD or a generated one, printed once. */
async function ensureFirstAdmin(db: Db) {
  const [r] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'platformAdmin'");
  if (r?.n) return;
  const given = process.env.TAISHAN_ADMIN_PASSWORD;
  if (given !== undefined && given.length < 8) throw new Error('TAISHAN_ADMIN_PASSWORD needs at least 8 characters');
  const password = given ?? randomBytes(12).toString('base64url');
  await db.query("INSERT INTO users (username, display_name, password_hash, role) VALUES ('admin', '平台管理员', $1, 'platformAdmin')", [
    await hashPassword(password),
  ]);
  console.log(
    given
      ? '已创建管理员 admin（密码取自 TAISHAN_ADMIN_PASSWORD）'
      : `已创建管理员 admin，初始密码 initial password: ${password}  (只显示这一次 shown once)`,
  );
}

async function importEnterprises(config: Config, file: string) {
  const db = await open(config);
  const [admin] = await db.query<{ id: string; username: string }>(
    "SELECT id, username FROM users WHERE role = 'platformAdmin' ORDER BY created_at LIMIT 1",
  );
  if (!admin) throw new Error('no platform admin yet: start the platform once first');
  const rows = await readTable(readFileSync(file), basename(file));
  const bar = new cliProgress.SingleBar(
    { format: '导入 importing [{bar}] {percentage}% | {value}/{total} 行 rows | ETA {eta}s' },
    cliProgress.Presets.shades_classic,
  );
  bar.start(rows.length, 0);
  const summary = await importRows(
    db,
    { id: admin.id, username: admin.username, role: 'platformAdmin', scope: NATIONAL_SCOPE },
    rows,
    (done) => bar.update(done),
  );
  bar.stop();
  for (const r of summary.rows.filter((x) => x.status !== 'imported')) {
    console.log(
      `第 ${r.line} 行 line ${r.line}  ${r.status === 'warning' ? '警告 warning' : '拒绝 rejected'}  ${r.creditCode ?? ''} ${r.name ?? ''}: ${r.reasons.map((x) => `${x.field}: ${x.zh} / ${x.en}`).join('; ')}`,
    );
  }
  console.log(
    `共 ${summary.total} 行：导入 ${summary.imported}，警告 ${summary.warning}，拒绝 ${summary.rejected}  (total ${summary.total}, imported ${summary.imported}, warning ${summary.warning}, rejected ${summary.rejected})`,
  );
  await db.close();
  return summary.rejected === 0 ? 0 : 2;
}

/**
 * A new current report key; every sealed value re-sealed with it. Stop the server first: a
 * running server keeps sealing with the key it loaded. Old keys stay in the key file (so a
 * crash part-way loses nothing) unless --retire-old is given and no value still uses them.
 */
async function rotateReportKey(config: Config, retireOld: boolean) {
  const path = reportKeyFile(filesDir(config));
  const fromEnv = Boolean(process.env.TAISHAN_REPORT_KEYS);
  let keys = loadKeyring(path).rotated();
  const publish = (k: Keyring) => {
    if (fromEnv) console.log(`新的 TAISHAN_REPORT_KEYS（请更新环境变量 set this in the environment）:\n${JSON.stringify(k.file)}`);
    else saveKeyFile(path, k.file);
  };
  // The new key is saved before anything is sealed with it.
  publish(keys);
  const db = await open(config);
  const files = localFileStore(filesDir(config));
  const done = await resealReports(db, files, keys);
  console.log(`已轮换至密钥 now sealing with key ${keys.currentId}; 重新加密 re-sealed ${done.values} values in ${done.reports} reports`);
  if (retireOld) {
    const used = await keysInUse(db, files);
    keys = keys.keeping(used);
    publish(keys);
    console.log(`保留密钥 keys kept: ${Object.keys(keys.file.keys).join(', ')}`);
  }
  await db.close();
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'no-demo': { type: 'boolean' },
      help: { type: 'boolean' },
      'retire-old': { type: 'boolean' },
      installations: { type: 'string' },
      'sensors-per': { type: 'string' },
      rate: { type: 'string' },
      batch: { type: 'string' },
      mqtt: { type: 'string' },
      url: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      seconds: { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serve(config, !values['no-demo']);
      return -1; // keeps running
    case 'migrate': {
      const db = await open(config);
      console.log('迁移已完成 migrations applied:', (await migrate(db)).join(', ') || '(none pending)');
      await db.close();
      return 0;
    }
    case 'seed-demo': {
      const db = await open(config);
      console.table(await seedDemo(db));
      await db.close();
      return 0;
    }
    case 'import-enterprises':
      if (!rest[0]) break;
      return importEnterprises(config, rest[0]);
    case 'simulate-sensors':
      return simulateSensors({
        installations: Number(values.installations ?? 3),
        sensorsPer: Number(values['sensors-per'] ?? 4),
        rate: Number(values.rate ?? 1),
        batch: Number(values.batch ?? 100),
        mqttUrl: values.mqtt ?? process.env.MQTT_URL ?? `mqtt://localhost:${process.env.MQTT_PORT ?? 1883}`,
        apiUrl: values.url ?? `http://localhost:${config.port}`,
        username: values.user ?? 'admin',
        password: values.password ?? DEMO_PASSWORD,
        seconds: values.seconds ? Number(values.seconds) : null,
      });
    case 'rotate-report-key':
      return rotateReportKey(config, Boolean(values['retire-old']));
    case 'verify-audit': {
      const db = await open(config);
      const r = await verifyAudit(db);
      await db.close();
      if (r.ok) console.log(`审计链完整 audit chain intact: ${r.checked} events`);
      else
        console.log(
          `审计链被破坏 audit chain BROKEN at event #${r.firstBroken?.seq} (${r.firstBroken?.reason}); ${r.checked} events verified before it`,
        );
      return r.ok ? 0 : 1;
    }
  }
  console.log(USAGE);
  return values.help ? 0 : 64;
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}

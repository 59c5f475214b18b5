-- The command centre's base table (指挥中心, issue 28; owner: board). One row per open signal of the
-- platform, whatever its source (accident, major hazard, alarm, public report, health event, supply
-- request, 12345 call): the loop 收集 → 分析 → 研判 → 推送 → 核查 → 反馈 wraps the source object and
-- never changes the source's own state. Rules are domain/src/command/board-*.ts.
CREATE TABLE command_signals (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source_type    text NOT NULL CHECK (source_type IN ('accident', 'majorHazard', 'alarm', 'publicReport', 'healthEvent', 'supplyRequest', 'hotline')),
  source_id      text NOT NULL,
  domain         text NOT NULL CHECK (domain IN ('safety', 'health')),
  region_code    text COLLATE "C" NOT NULL REFERENCES regions (code),
  title          text NOT NULL,
  severity       text NOT NULL DEFAULT 'normal' CHECK (severity IN ('low', 'normal', 'high', 'critical')),
  lat            double precision,
  lng            double precision,
  occurred_at    timestamptz NOT NULL,
  stage          text NOT NULL DEFAULT 'collected' CHECK (stage IN ('collected', 'analysed', 'judged', 'pushed', 'verified', 'closed')),
  stage_since    timestamptz NOT NULL DEFAULT now(),
  stage_due_at   timestamptz NOT NULL,
  escalated_at   timestamptz,
  -- Where a push goes: a government region (its 工作台) or a unit (an enterprise's 工作台).
  pushed_region_code   text COLLATE "C" REFERENCES regions (code),
  pushed_enterprise_id uuid REFERENCES enterprises (id),
  pushed_by      uuid REFERENCES users (id),
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source_type, source_id),
  CHECK ((lat IS NULL) = (lng IS NULL))
);
CREATE INDEX command_signals_open_idx ON command_signals (region_code, stage_due_at) WHERE stage <> 'closed';
CREATE INDEX command_signals_pushed_idx ON command_signals (pushed_enterprise_id) WHERE stage = 'pushed';

-- Each step of the loop: who, when, what.
CREATE TABLE command_signal_steps (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  signal_id   uuid NOT NULL REFERENCES command_signals (id),
  action      text NOT NULL,
  from_stage  text NOT NULL,
  to_stage    text NOT NULL,
  actor_id    uuid REFERENCES users (id),
  note        text,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX command_signal_steps_signal_idx ON command_signal_steps (signal_id, at);

GRANT SELECT, INSERT, UPDATE ON command_signals TO taishan_app;
GRANT SELECT, INSERT ON command_signal_steps TO taishan_app;

-- Government users see their jurisdiction; a unit sees only what was pushed to it.
ALTER TABLE command_signals ENABLE ROW LEVEL SECURITY;
CREATE POLICY command_signals_read ON command_signals FOR SELECT TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR pushed_enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))));
CREATE POLICY command_signals_insert ON command_signals FOR INSERT TO taishan_app
  WITH CHECK (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
CREATE POLICY command_signals_update ON command_signals FOR UPDATE TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR pushed_enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))));

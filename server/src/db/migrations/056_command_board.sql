-- The command board (指挥中心看板, issue 28; owner: board). The loop's extra facts on command_signals
-- (the push's target deadline, the unit's feedback, the escalation's target, the source's link) and
-- the 12345 hotline calls with the caller sealed like a whistleblower's contact.
ALTER TABLE command_signals
  ADD COLUMN feedback_at        timestamptz,
  ADD COLUMN feedback_by        uuid REFERENCES users (id),
  ADD COLUMN push_deadline      timestamptz,
  ADD COLUMN escalated_to       text COLLATE "C" REFERENCES regions (code),
  ADD COLUMN source_closed_at   timestamptz;
CREATE INDEX command_signals_board_idx ON command_signals (region_code, occurred_at DESC);
CREATE INDEX command_signals_escalated_idx ON command_signals (escalated_to) WHERE escalated_to IS NOT NULL AND stage <> 'closed';
CREATE INDEX command_signals_pushed_region_idx ON command_signals (pushed_region_code) WHERE stage = 'pushed';

-- A signal pushed to a unit outside the board's county is readable by the unit (enterprise users).
DROP POLICY command_signals_read ON command_signals;
CREATE POLICY command_signals_read ON command_signals FOR SELECT TO taishan_app
  USING (
    ((SELECT current_setting('taishan.enterprise_id', true)) = ''
      AND ((region_code >= (SELECT current_setting('taishan.region_prefix', true))
            AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~'))
        OR (escalated_to >= (SELECT current_setting('taishan.region_prefix', true))
            AND escalated_to < (SELECT current_setting('taishan.region_prefix', true) || '~'))
        OR (pushed_region_code >= (SELECT current_setting('taishan.region_prefix', true))
            AND pushed_region_code < (SELECT current_setting('taishan.region_prefix', true) || '~'))))
    OR pushed_enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true)));
DROP POLICY command_signals_update ON command_signals;
CREATE POLICY command_signals_update ON command_signals FOR UPDATE TO taishan_app
  USING (
    ((SELECT current_setting('taishan.enterprise_id', true)) = ''
      AND ((region_code >= (SELECT current_setting('taishan.region_prefix', true))
            AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~'))
        OR (pushed_region_code >= (SELECT current_setting('taishan.region_prefix', true))
            AND pushed_region_code < (SELECT current_setting('taishan.region_prefix', true) || '~'))))
    OR pushed_enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true)));

ALTER TABLE command_signal_steps ADD COLUMN target text;
ALTER TABLE command_signal_steps ENABLE ROW LEVEL SECURITY;
CREATE POLICY command_signal_steps_read ON command_signal_steps FOR SELECT TO taishan_app
  USING (EXISTS (SELECT 1 FROM command_signals s WHERE s.id = signal_id));
CREATE POLICY command_signal_steps_insert ON command_signal_steps FOR INSERT TO taishan_app
  WITH CHECK (EXISTS (SELECT 1 FROM command_signals s WHERE s.id = signal_id));

-- 12345 calls taken by the duty staff: the caller's name and phone sealed (aad = the call's id).
CREATE TABLE command_hotline_calls (
  id              uuid PRIMARY KEY,
  region_code     text COLLATE "C" NOT NULL REFERENCES regions (code),
  sealed_caller   text NOT NULL,
  content         text NOT NULL,
  place           text,
  category        text NOT NULL DEFAULT 'safety' CHECK (category IN ('safety', 'health')),
  received_at     timestamptz NOT NULL,
  taken_by        uuid NOT NULL REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX command_hotline_calls_region_idx ON command_hotline_calls (region_code, received_at DESC);
GRANT SELECT, INSERT ON command_hotline_calls TO taishan_app;
ALTER TABLE command_hotline_calls ENABLE ROW LEVEL SECURITY;
CREATE POLICY command_hotline_calls_read ON command_hotline_calls FOR SELECT TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~'));
CREATE POLICY command_hotline_calls_insert ON command_hotline_calls FOR INSERT TO taishan_app
  WITH CHECK (region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true)) = '');

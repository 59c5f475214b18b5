-- The second wall for the child tables of issue 28 (review fix): the history and merges of a
-- 传染病报告卡, the duty log's entries and the duty-officer links were granted to taishan_app
-- without row-level security. Every read went through a scope-checked parent, so nothing leaked,
-- but a query that forgot its parent would have. Each row is now visible, and may be written,
-- exactly when its parent row is (the parent's own policy decides). Owners: cases, duty.

ALTER TABLE ph_case_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY ph_case_history_parent ON ph_case_history FOR ALL TO taishan_app
  USING (EXISTS (SELECT 1 FROM ph_cases c WHERE c.id = case_id))
  WITH CHECK (EXISTS (SELECT 1 FROM ph_cases c WHERE c.id = case_id));

ALTER TABLE ph_case_merges ENABLE ROW LEVEL SECURITY;
CREATE POLICY ph_case_merges_parent ON ph_case_merges FOR ALL TO taishan_app
  USING (EXISTS (SELECT 1 FROM ph_cases c WHERE c.id = merged_id))
  WITH CHECK (EXISTS (SELECT 1 FROM ph_cases c WHERE c.id = merged_id));

ALTER TABLE command_duty_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY command_duty_entries_parent ON command_duty_entries FOR ALL TO taishan_app
  USING (EXISTS (SELECT 1 FROM command_duty_logs l WHERE l.id = log_id))
  WITH CHECK (EXISTS (SELECT 1 FROM command_duty_logs l WHERE l.id = log_id));

ALTER TABLE command_duty_officers ENABLE ROW LEVEL SECURITY;
CREATE POLICY command_duty_officers_parent ON command_duty_officers FOR ALL TO taishan_app
  USING (EXISTS (SELECT 1 FROM emergency_duty_shifts s WHERE s.id = shift_id))
  WITH CHECK (EXISTS (SELECT 1 FROM emergency_duty_shifts s WHERE s.id = shift_id));

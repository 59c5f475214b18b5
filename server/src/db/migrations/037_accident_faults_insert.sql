-- A late report by the unit itself records its 迟报 fault in the unit's own scope. The faults'
-- policy of 035 hid faults from enterprise accounts with a USING clause, which PostgreSQL also
-- applies to INSERT: the unit's late report was refused (and lost) at the very moment the law
-- cares most. Reading stays hidden from enterprise accounts; writing needs only a visible accident.
DROP POLICY accident_faults_scope ON accident_faults;
CREATE POLICY accident_faults_read ON accident_faults FOR SELECT TO taishan_app
  USING ((SELECT current_setting('taishan.enterprise_id', true) = '') AND EXISTS (SELECT 1 FROM accidents a WHERE a.id = accident_id));
CREATE POLICY accident_faults_write ON accident_faults FOR INSERT TO taishan_app
  WITH CHECK (EXISTS (SELECT 1 FROM accidents a WHERE a.id = accident_id));

-- A higher level that took the investigation over (提级调查, Art. 20) keeps it whatever the grade
-- does afterwards; before, a regrade up and back down handed it back to the county.
ALTER TABLE accidents ADD COLUMN taken_over_by text CHECK (taken_over_by IN ('city', 'province', 'national'));

-- The penalty cases the investigation's responsibility findings open (the unit under 安全生产法
-- Art. 114, persons under Art. 95), each linked to its accident.
ALTER TABLE enforcement_cases ADD COLUMN accident_id uuid REFERENCES accidents (id);
CREATE INDEX enforcement_cases_accident_idx ON enforcement_cases (accident_id) WHERE accident_id IS NOT NULL;

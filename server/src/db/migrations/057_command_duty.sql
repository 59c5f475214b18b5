-- 值班与简报 (issue 28; owner: duty). The roster of issue 27 holds names and phones, not users: a
-- link table says which platform user stands a government shift (the duty officer of the day).
-- The duty log of a jurisdiction per Beijing day (open → handedOver) with its entries, and the
-- generated daily briefings (PDF kept as generated). Also the reference checklist
-- 疫情防控重点场所检查表 (data for the existing inspection loop; findings become hazards).
CREATE TABLE command_duty_officers (
  shift_id   uuid PRIMARY KEY REFERENCES emergency_duty_shifts (id) ON DELETE CASCADE,
  user_id    uuid NOT NULL REFERENCES users (id),
  linked_by  uuid REFERENCES users (id),
  linked_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX command_duty_officers_user_idx ON command_duty_officers (user_id);

CREATE TABLE command_duty_logs (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code     text COLLATE "C" NOT NULL REFERENCES regions (code),
  day             date NOT NULL,
  state           text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'handedOver')),
  handover_note   text,
  handed_over_at  timestamptz,
  handed_over_by  uuid REFERENCES users (id),
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, day)
);

CREATE TABLE command_duty_entries (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  log_id      uuid NOT NULL REFERENCES command_duty_logs (id),
  at          timestamptz NOT NULL DEFAULT now(),
  kind        text NOT NULL CHECK (kind IN ('call', 'signal', 'handover', 'note', 'instruction')),
  text        text NOT NULL,
  author_id   uuid REFERENCES users (id),
  author_name text NOT NULL
);
CREATE INDEX command_duty_entries_log_idx ON command_duty_entries (log_id, at);

CREATE TABLE command_briefings (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code   text COLLATE "C" NOT NULL REFERENCES regions (code),
  day           date NOT NULL,
  number        text NOT NULL,
  counts        jsonb NOT NULL DEFAULT '{}',
  pdf           bytea NOT NULL,
  generated_by  uuid REFERENCES users (id),
  generated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX command_briefings_region_idx ON command_briefings (region_code, day);

GRANT SELECT, INSERT, DELETE ON command_duty_officers TO taishan_app;
GRANT SELECT, INSERT, UPDATE ON command_duty_logs TO taishan_app;
GRANT SELECT, INSERT ON command_duty_entries, command_briefings TO taishan_app;

ALTER TABLE command_duty_logs ENABLE ROW LEVEL SECURITY;
CREATE POLICY command_duty_logs_rw ON command_duty_logs FOR ALL TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
         AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
         AND (SELECT current_setting('taishan.enterprise_id', true) = ''))
  WITH CHECK (region_code >= (SELECT current_setting('taishan.region_prefix', true))
         AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
         AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
ALTER TABLE command_briefings ENABLE ROW LEVEL SECURITY;
CREATE POLICY command_briefings_rw ON command_briefings FOR ALL TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
         AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
         AND (SELECT current_setting('taishan.enterprise_id', true) = ''))
  WITH CHECK (region_code >= (SELECT current_setting('taishan.region_prefix', true))
         AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
         AND (SELECT current_setting('taishan.enterprise_id', true) = ''));

-- 疫情防控重点场所检查表 (reference data; division 84 卫生: hospitals, CDCs, isolation points).
INSERT INTO checklist_templates (code, version, name, industries, tiers, source, items, builtin)
SELECT 'ph-critical-places', 1, '疫情防控重点场所检查表（医院、疾控中心、隔离点）', '{84}', '{self,patrol,county,city}',
  '《中华人民共和国传染病防治法》《医院感染管理办法》《医疗废物管理条例》《医疗机构传染病预检分诊管理办法》',
  '[
   {"code":"P1","text":"设置发热门诊（诊室）及预检分诊点，标识清楚，流程符合要求","legalBasis":"《医疗机构传染病预检分诊管理办法》第五条、第六条","majorCriterion":false},
   {"code":"P2","text":"预检分诊登记完整，对发热等可疑传染病患者按规定引导至发热门诊","legalBasis":"《医疗机构传染病预检分诊管理办法》第七条","majorCriterion":false},
   {"code":"P3","text":"传染病疫情发现后按规定时限网络直报，报告卡填写完整","legalBasis":"《中华人民共和国传染病防治法》第三十条","majorCriterion":true},
   {"code":"P4","text":"隔离点清洁区、潜在污染区、污染区划分明确，通道分设，无交叉","legalBasis":"《医院隔离技术规范》（WS/T 311）","majorCriterion":true},
   {"code":"P5","text":"隔离人员单人单间，不串门，生活垃圾按医疗废物处理","legalBasis":"《中华人民共和国传染病防治法》第三十九条","majorCriterion":false},
   {"code":"P6","text":"医疗废物分类收集、专用包装、暂存不超过 48 小时，交接登记完整","legalBasis":"《医疗废物管理条例》第十二条、第十七条","majorCriterion":true},
   {"code":"P7","text":"环境物体表面及空气消毒按规定频次进行，消毒记录完整","legalBasis":"《医疗机构消毒技术规范》（WS/T 367）","majorCriterion":false},
   {"code":"P8","text":"工作人员按岗位风险配备并正确使用个人防护用品，穿脱区域设置合理","legalBasis":"《医院感染管理办法》第十三条","majorCriterion":false},
   {"code":"P9","text":"工作人员接受感染防控培训并考核，健康监测记录完整","legalBasis":"《医院感染管理办法》第二十五条","majorCriterion":false},
   {"code":"P10","text":"防护物资、消毒用品储备满足需要，有出入库记录","legalBasis":"《中华人民共和国传染病防治法》第五十一条","majorCriterion":false},
   {"code":"P11","text":"冷链物品及环境按规定开展检测和预防性消毒，台账完整","legalBasis":"《中华人民共和国传染病防治法》第五十一条；冷链食品新冠病毒防控技术指南","majorCriterion":false},
   {"code":"P12","text":"污水处理设施运行正常，按规定消毒并有监测记录","legalBasis":"《医疗机构水污染物排放标准》（GB 18466）","majorCriterion":false},
   {"code":"P13","text":"制定疫情应急预案并开展演练，应急联络畅通","legalBasis":"《突发公共卫生事件应急条例》第十条","majorCriterion":false}
  ]'::jsonb, true
WHERE NOT EXISTS (SELECT 1 FROM checklist_templates WHERE code = 'ph-critical-places');

-- People (人员, issue 26): an enterprise's 主要负责人, 安全管理人员, 特种作业人员 and other staff; the
-- 合格证 and 特种作业操作证 they hold; training hours attended; closed training courses (强制性封闭
-- 培训) a regulator orders after serious violations or accidents, with attendance; the publicity
-- log (安全宣传"五进"). The date rules (review windows, re-test, minimum hours) live in
-- domain/src/people; these tables are the record they read. Every row carries its enterprise's
-- region and industry so the scope policies need no join.

CREATE TABLE people (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id   uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  region_code     text COLLATE "C" NOT NULL,
  industry_code   text COLLATE "C" NOT NULL DEFAULT '',
  name            text NOT NULL,
  id_number       text NOT NULL,
  position        text NOT NULL CHECK (position IN ('principal', 'safetyManager', 'specialWorker', 'other')),
  hired_on        date,
  in_trade_since  date,
  off_job_since   date,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enterprise_id, id_number)
);
CREATE INDEX people_region_idx ON people (region_code, enterprise_id);

-- kind qualification: the 合格证 with the valid-to it carries; special: the 特种作业操作证, valid to
-- issue + 6 years (stored so lists sort and filter on it), its category and the last review passed.
CREATE TABLE person_certificates (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id       uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  enterprise_id   uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  region_code     text COLLATE "C" NOT NULL,
  industry_code   text COLLATE "C" NOT NULL DEFAULT '',
  kind            text NOT NULL CHECK (kind IN ('qualification', 'special')),
  number          text NOT NULL,
  issued_on       date NOT NULL,
  valid_to        date NOT NULL,
  category        text,
  item            text,
  reviewed_on     date,
  extended_review boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, number),
  CHECK (kind <> 'special' OR category IS NOT NULL)
);
CREATE INDEX person_certificates_person_idx ON person_certificates (person_id);
CREATE INDEX person_certificates_region_idx ON person_certificates (region_code, valid_to);

CREATE TABLE person_training (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id       uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  enterprise_id   uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  region_code     text COLLATE "C" NOT NULL,
  industry_code   text COLLATE "C" NOT NULL DEFAULT '',
  course          text NOT NULL,
  provider        text,
  attended_on     date NOT NULL,
  hours           numeric(5, 1) NOT NULL CHECK (hours > 0),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_training_person_idx ON person_training (person_id, attended_on);

-- A course ordered for one enterprise's people, following a case or an accident.
CREATE TABLE closed_courses (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id   uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  region_code     text COLLATE "C" NOT NULL,
  industry_code   text COLLATE "C" NOT NULL DEFAULT '',
  title           text NOT NULL,
  starts_on       date NOT NULL,
  ends_on         date NOT NULL CHECK (ends_on >= starts_on),
  place           text NOT NULL,
  reason          text NOT NULL CHECK (reason IN ('violation', 'accident')),
  case_id         uuid REFERENCES enforcement_cases (id),
  accident_id     uuid REFERENCES accidents (id),
  ordered_by      uuid REFERENCES users (id),
  ordered_by_name text,
  ordered_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (case_id IS NOT NULL OR accident_id IS NOT NULL)
);
CREATE INDEX closed_courses_region_idx ON closed_courses (region_code, starts_on);

CREATE TABLE closed_course_attendees (
  course_id       uuid NOT NULL REFERENCES closed_courses (id) ON DELETE CASCADE,
  person_id       uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  enterprise_id   uuid NOT NULL,
  region_code     text COLLATE "C" NOT NULL,
  industry_code   text COLLATE "C" NOT NULL DEFAULT '',
  status          text NOT NULL DEFAULT 'ordered' CHECK (status IN ('ordered', 'attended', 'absent', 'completed')),
  note            text,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (course_id, person_id)
);
CREATE INDEX closed_course_attendees_pending_idx ON closed_course_attendees (region_code) WHERE status = 'ordered';

-- 安全宣传"五进": an event in a venue of the five, where and by whom, and how many it reached.
CREATE TABLE publicity_events (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code     text COLLATE "C" NOT NULL REFERENCES regions (code),
  title           text NOT NULL,
  venue           text NOT NULL CHECK (venue IN ('enterprise', 'rural', 'community', 'school', 'family')),
  held_on         date NOT NULL,
  place           text NOT NULL,
  organiser       text NOT NULL,
  reach           integer NOT NULL CHECK (reach >= 0),
  recorded_by     uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX publicity_events_region_idx ON publicity_events (region_code, held_on);

GRANT SELECT, INSERT, UPDATE ON people, closed_course_attendees TO taishan_app;
GRANT SELECT, INSERT ON person_certificates, person_training, closed_courses, publicity_events TO taishan_app;
-- A certificate changes only by the review it passes (复审).
GRANT UPDATE (reviewed_on) ON person_certificates TO taishan_app;

-- Scope: the region prefix, the enterprise of an enterprise account, a department's industries.
-- SELECT and INSERT are separate policies (a USING-only policy also governs INSERT; see 037).
CREATE FUNCTION people_in_scope(region text, enterprise uuid, industry text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT region >= current_setting('taishan.region_prefix', true)
     AND region < current_setting('taishan.region_prefix', true) || '~'
     AND (current_setting('taishan.enterprise_id', true) = '' OR enterprise::text = current_setting('taishan.enterprise_id', true))
     AND (current_setting('taishan.industries', true) = '*'
          OR left(industry, 2) = ANY (string_to_array(current_setting('taishan.industries', true), ',')))
$$;
GRANT EXECUTE ON FUNCTION people_in_scope(text, uuid, text) TO taishan_app;

ALTER TABLE people ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_certificates ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_training ENABLE ROW LEVEL SECURITY;
ALTER TABLE closed_courses ENABLE ROW LEVEL SECURITY;
ALTER TABLE closed_course_attendees ENABLE ROW LEVEL SECURITY;
ALTER TABLE publicity_events ENABLE ROW LEVEL SECURITY;

CREATE POLICY people_read ON people FOR SELECT TO taishan_app USING (people_in_scope(region_code, enterprise_id, industry_code));
CREATE POLICY people_insert ON people FOR INSERT TO taishan_app WITH CHECK (people_in_scope(region_code, enterprise_id, industry_code));
CREATE POLICY people_update ON people FOR UPDATE TO taishan_app
  USING (people_in_scope(region_code, enterprise_id, industry_code)) WITH CHECK (people_in_scope(region_code, enterprise_id, industry_code));
CREATE POLICY person_certificates_read ON person_certificates FOR SELECT TO taishan_app USING (people_in_scope(region_code, enterprise_id, industry_code));
CREATE POLICY person_certificates_insert ON person_certificates FOR INSERT TO taishan_app WITH CHECK (people_in_scope(region_code, enterprise_id, industry_code));
CREATE POLICY person_certificates_update ON person_certificates FOR UPDATE TO taishan_app
  USING (people_in_scope(region_code, enterprise_id, industry_code)) WITH CHECK (people_in_scope(region_code, enterprise_id, industry_code));
CREATE POLICY person_training_read ON person_training FOR SELECT TO taishan_app USING (people_in_scope(region_code, enterprise_id, industry_code));
CREATE POLICY person_training_insert ON person_training FOR INSERT TO taishan_app WITH CHECK (people_in_scope(region_code, enterprise_id, industry_code));
CREATE POLICY closed_courses_read ON closed_courses FOR SELECT TO taishan_app USING (people_in_scope(region_code, enterprise_id, industry_code));
CREATE POLICY closed_courses_insert ON closed_courses FOR INSERT TO taishan_app
  WITH CHECK (current_setting('taishan.enterprise_id', true) = '' AND people_in_scope(region_code, enterprise_id, industry_code));
CREATE POLICY closed_course_attendees_read ON closed_course_attendees FOR SELECT TO taishan_app USING (people_in_scope(region_code, enterprise_id, industry_code));
CREATE POLICY closed_course_attendees_insert ON closed_course_attendees FOR INSERT TO taishan_app
  WITH CHECK (current_setting('taishan.enterprise_id', true) = '' AND people_in_scope(region_code, enterprise_id, industry_code));
CREATE POLICY closed_course_attendees_update ON closed_course_attendees FOR UPDATE TO taishan_app
  USING (current_setting('taishan.enterprise_id', true) = '' AND people_in_scope(region_code, enterprise_id, industry_code))
  WITH CHECK (current_setting('taishan.enterprise_id', true) = '' AND people_in_scope(region_code, enterprise_id, industry_code));
-- Publicity is the regulators' log: no enterprise account reads or writes it.
CREATE POLICY publicity_events_read ON publicity_events FOR SELECT TO taishan_app
  USING (current_setting('taishan.enterprise_id', true) = ''
         AND region_code >= current_setting('taishan.region_prefix', true)
         AND region_code < current_setting('taishan.region_prefix', true) || '~');
CREATE POLICY publicity_events_insert ON publicity_events FOR INSERT TO taishan_app
  WITH CHECK (current_setting('taishan.enterprise_id', true) = ''
              AND region_code >= current_setting('taishan.region_prefix', true)
              AND region_code < current_setting('taishan.region_prefix', true) || '~');

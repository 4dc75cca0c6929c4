-- The plan model of plan-package.md, stored relationally: a Participant's strategies with their
-- goals, objectives, indicators, action plans, activities, cost lines, risks, contingency plan,
-- recommendations and monitoring history.
--
-- Conventions:
-- - Every element has a surrogate key (`id`) and keeps the author's id as `code`: the human-facing
--   id that packages, addresses (`DL/AP-2021-2022`) and people use.
-- - Every table below `strategies` (but the two leaves of the monitoring history) carries
--   `strategy_id`, so that a strategy is read back with one query per table, and every foreign key
--   inside a strategy includes it: a reference to another strategy's element cannot be written.
-- - The hierarchy cascades: deleting a strategy removes everything under it. References across it
--   (an activity's objective, a report's activity, a lead institution) are NO ACTION, so deleting
--   something still referred to is refused; they are checked at commit (DEFERRABLE INITIALLY
--   DEFERRED) because the cascades reach the referring rows in no set order, and an immediate
--   check would refuse to delete a whole strategy or Participant.
-- - Institutions are referenced through `strategy_institutions`, the list a strategy's package
--   names: a lead, partner, funder, owner, monitoring body or reporting institution is always one
--   the strategy lists, and one of its own Participant.
-- - `position` keeps the author's order of elements within their parent. The unique keys
--   (strategy_id, parent, position) serve the cascades, the exports and the order at once.
-- - Money is held in integer minor units (`bigint`, cents), never as floating point.
-- - NULL means "not given"; an empty text or list is kept as given, so that a package comes back
--   as it went in.

-- Composite foreign keys need these pairs to be unique (they are: `id` alone is).
ALTER TABLE institutions ADD CONSTRAINT institutions_id_participant_key UNIQUE (id, participant_id);

CREATE TABLE strategies (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  participant_id bigint NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  code text NOT NULL CHECK (length(code) > 0),
  title text NOT NULL,
  period_start integer NOT NULL,
  period_end integer NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'consultation', 'adopted', 'expired', 'superseded')),
  adopted_by text,
  adopted_on date,
  situation_analysis text,
  -- In the author's order; the list of values is closed (plan-package.md, Principle).
  principles text[] NOT NULL DEFAULT '{}' CHECK (principles <@ ARRAY[
    'government_ownership', 'civil_society_participation', 'gender_specific',
    'human_rights_victim_centred', 'interdisciplinary_cross_sectoral',
    'international_cooperation', 'non_discrimination', 'non_punishment',
    'rights_of_the_child', 'rule_of_law', 'sustainability']::text[]),
  estimated_total_cost bigint CHECK (estimated_total_cost >= 0),
  -- The package had a monitoring section (possibly with no round yet): it is exported again.
  has_monitoring_history boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (period_start <= period_end),
  UNIQUE (participant_id, code),
  UNIQUE (id, participant_id)
);

-- The institutions a strategy's package lists, in its order: a link to the Participant's register.
-- Every reference to an institution below goes through this list, so it names a listed one.
CREATE TABLE strategy_institutions (
  strategy_id bigint NOT NULL,
  participant_id bigint NOT NULL,
  institution_id bigint NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  PRIMARY KEY (strategy_id, institution_id),
  UNIQUE (strategy_id, position),
  FOREIGN KEY (strategy_id, participant_id) REFERENCES strategies (id, participant_id) ON DELETE CASCADE,
  FOREIGN KEY (institution_id, participant_id) REFERENCES institutions (id, participant_id)
    DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX strategy_institutions_institution_idx ON strategy_institutions (institution_id);

-- Monitoring arrangements (plan-package.md, MonitoringArrangements): a row when the strategy has them.
CREATE TABLE monitoring_arrangements (
  strategy_id bigint PRIMARY KEY REFERENCES strategies (id) ON DELETE CASCADE,
  body_institution_id bigint,
  reporting_frequency text CHECK (reporting_frequency IN ('monthly', 'quarterly', 'semi_annual', 'annual')),
  reports_to text,
  FOREIGN KEY (strategy_id, body_institution_id) REFERENCES strategy_institutions (strategy_id, institution_id)
    DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE planned_evaluations (
  strategy_id bigint NOT NULL REFERENCES monitoring_arrangements (strategy_id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 0),
  type text NOT NULL CHECK (type IN ('mid_term', 'final', 'impact_analysis', 'thematic')),
  year integer NOT NULL,
  PRIMARY KEY (strategy_id, position)
);

-- The contingency plan: a row when the strategy has one, with its scenarios and minimum services.
CREATE TABLE contingency_plans (
  strategy_id bigint PRIMARY KEY REFERENCES strategies (id) ON DELETE CASCADE,
  reserve_funds bigint CHECK (reserve_funds >= 0)
);

CREATE TABLE contingency_scenarios (
  strategy_id bigint NOT NULL REFERENCES contingency_plans (strategy_id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 0),
  type text NOT NULL CHECK (type IN ('pandemic', 'migrant_influx', 'natural_disaster', 'economic_crisis', 'other')),
  description text NOT NULL,
  PRIMARY KEY (strategy_id, position)
);

CREATE TABLE minimum_services (
  strategy_id bigint NOT NULL REFERENCES contingency_plans (strategy_id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 0),
  description text NOT NULL,
  PRIMARY KEY (strategy_id, position)
);

CREATE TABLE goals (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  strategy_id bigint NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 0),
  code text NOT NULL CHECK (length(code) > 0),
  area text NOT NULL CHECK (area IN (
    'supporting_framework', 'prevention', 'protection', 'prosecution', 'partnership', 'children', 'other')),
  label text,
  title text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (strategy_id, position),
  UNIQUE (strategy_id, code),
  UNIQUE (strategy_id, id)
);

CREATE TABLE objectives (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  strategy_id bigint NOT NULL,
  goal_id bigint NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  code text NOT NULL CHECK (length(code) > 0),
  title text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (strategy_id, goal_id, position),
  UNIQUE (strategy_id, code),
  UNIQUE (strategy_id, id),
  FOREIGN KEY (strategy_id, goal_id) REFERENCES goals (strategy_id, id) ON DELETE CASCADE
);

-- Recommendations received (GRETA, US TIP, evaluations, …) that the package's activities answer.
CREATE TABLE recommendations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  strategy_id bigint NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 0),
  code text NOT NULL CHECK (length(code) > 0),
  source text NOT NULL CHECK (source IN (
    'greta', 'committee_of_parties', 'us_tip', 'ec_report', 'evaluation', 'national_rapporteur',
    'civil_society', 'other')),
  reference text,
  year integer NOT NULL,
  text text NOT NULL,
  strength text CHECK (strength IN ('urges', 'considers', 'invites')),
  UNIQUE (strategy_id, position),
  UNIQUE (strategy_id, code),
  UNIQUE (strategy_id, id)
);

CREATE TABLE risks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  strategy_id bigint NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 0),
  code text NOT NULL CHECK (length(code) > 0),
  description text NOT NULL,
  category text NOT NULL CHECK (category IN (
    'political', 'financial', 'human_resources', 'institutional', 'crisis', 'legal', 'other')),
  likelihood smallint NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
  impact smallint NOT NULL CHECK (impact BETWEEN 1 AND 5),
  mitigation text,
  owner_institution_id bigint,
  UNIQUE (strategy_id, position),
  UNIQUE (strategy_id, code),
  FOREIGN KEY (strategy_id, owner_institution_id) REFERENCES strategy_institutions (strategy_id, institution_id)
    DEFERRABLE INITIALLY DEFERRED
);

-- Action plan ids are unique per Participant across all its strategies (they are addressed as
-- `PARTICIPANT/ID`), hence the Participant on the row.
CREATE TABLE action_plans (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  strategy_id bigint NOT NULL,
  participant_id bigint NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  code text NOT NULL CHECK (length(code) > 0),
  title text NOT NULL,
  start_date date NOT NULL,
  end_date date NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'consultation', 'adopted', 'expired', 'superseded')),
  adopted_on date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (start_date <= end_date),
  UNIQUE (strategy_id, position),
  UNIQUE (participant_id, code),
  UNIQUE (strategy_id, id),
  FOREIGN KEY (strategy_id, participant_id) REFERENCES strategies (id, participant_id) ON DELETE CASCADE
);

CREATE TABLE activities (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  strategy_id bigint NOT NULL,
  action_plan_id bigint NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  code text NOT NULL CHECK (length(code) > 0),
  objective_id bigint NOT NULL,
  title text NOT NULL,
  lead_institution_id bigint,
  start_date date,
  end_date date,
  level text CHECK (level IN ('national', 'entity', 'regional', 'local')),
  -- NULL when the package gave no tags, '{}' when it gave an empty list.
  tags text[] CHECK (tags <@ ARRAY[
    'children', 'capacity_building', 'awareness', 'identification', 'referral', 'assistance',
    'reintegration', 'investigation', 'legislation', 'research', 'data_collection', 'coordination',
    'labour_exploitation', 'online', 'migration']::text[]),
  version integer NOT NULL DEFAULT 1,
  CHECK (start_date <= end_date),
  UNIQUE (strategy_id, action_plan_id, position),
  UNIQUE (strategy_id, code),
  UNIQUE (strategy_id, id),
  FOREIGN KEY (strategy_id, action_plan_id) REFERENCES action_plans (strategy_id, id) ON DELETE CASCADE,
  FOREIGN KEY (strategy_id, objective_id) REFERENCES objectives (strategy_id, id)
    DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (strategy_id, lead_institution_id) REFERENCES strategy_institutions (strategy_id, institution_id)
    DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX activities_objective_idx ON activities (strategy_id, objective_id);
CREATE INDEX activities_lead_idx ON activities (strategy_id, lead_institution_id);

CREATE TABLE activity_partners (
  strategy_id bigint NOT NULL,
  activity_id bigint NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  institution_id bigint NOT NULL,
  PRIMARY KEY (strategy_id, activity_id, position),
  FOREIGN KEY (strategy_id, activity_id) REFERENCES activities (strategy_id, id) ON DELETE CASCADE,
  FOREIGN KEY (strategy_id, institution_id) REFERENCES strategy_institutions (strategy_id, institution_id)
    DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX activity_partners_institution_idx ON activity_partners (strategy_id, institution_id);

-- The recommendations an activity answers, in the author's order.
CREATE TABLE activity_recommendations (
  strategy_id bigint NOT NULL,
  activity_id bigint NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  recommendation_id bigint NOT NULL,
  PRIMARY KEY (strategy_id, activity_id, position),
  FOREIGN KEY (strategy_id, activity_id) REFERENCES activities (strategy_id, id) ON DELETE CASCADE,
  FOREIGN KEY (strategy_id, recommendation_id) REFERENCES recommendations (strategy_id, id)
    DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX activity_recommendations_recommendation_idx ON activity_recommendations (strategy_id, recommendation_id);

CREATE TABLE cost_lines (
  strategy_id bigint NOT NULL,
  activity_id bigint NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  year integer NOT NULL,
  amount bigint NOT NULL CHECK (amount >= 0),
  source text NOT NULL CHECK (source IN ('state_budget', 'local_budget', 'donor', 'other')),
  funder_institution_id bigint,
  status text NOT NULL CHECK (status IN ('secured', 'pledged', 'unfunded')),
  PRIMARY KEY (strategy_id, activity_id, position),
  FOREIGN KEY (strategy_id, activity_id) REFERENCES activities (strategy_id, id) ON DELETE CASCADE,
  FOREIGN KEY (strategy_id, funder_institution_id) REFERENCES strategy_institutions (strategy_id, institution_id)
    DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX cost_lines_funder_idx ON cost_lines (strategy_id, funder_institution_id);

-- Indicators of an objective (outcome, impact) or of an activity (output, process): exactly one owner.
CREATE TABLE indicators (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  strategy_id bigint NOT NULL,
  objective_id bigint,
  activity_id bigint,
  position integer NOT NULL CHECK (position >= 0),
  code text NOT NULL CHECK (length(code) > 0),
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('impact', 'outcome', 'output', 'process')),
  measure text NOT NULL CHECK (measure IN ('number', 'percentage', 'yes_no', 'qualitative')),
  unit text,
  -- Qualitative indicators: the ordered labels, worst first; values are 0-based indexes into it.
  scale text[],
  baseline_value double precision,
  baseline_year integer,
  baseline_source text,
  target_value double precision,
  target_year integer,
  means_of_verification text,
  disaggregation text[] CHECK (disaggregation <@
    ARRAY['sex', 'age_group', 'exploitation', 'nationality', 'level']::text[]),
  version integer NOT NULL DEFAULT 1,
  CHECK (num_nonnulls(objective_id, activity_id) = 1),
  CHECK ((baseline_value IS NULL) = (baseline_year IS NULL)),
  CHECK (baseline_source IS NULL OR baseline_value IS NOT NULL),
  CHECK ((target_value IS NULL) = (target_year IS NULL)),
  UNIQUE (strategy_id, objective_id, position),
  UNIQUE (strategy_id, activity_id, position),
  UNIQUE (strategy_id, code),
  UNIQUE (strategy_id, id),
  FOREIGN KEY (strategy_id, objective_id) REFERENCES objectives (strategy_id, id) ON DELETE CASCADE,
  FOREIGN KEY (strategy_id, activity_id) REFERENCES activities (strategy_id, id) ON DELETE CASCADE
);

CREATE TABLE indicator_milestones (
  strategy_id bigint NOT NULL,
  indicator_id bigint NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  value double precision NOT NULL,
  year integer NOT NULL,
  PRIMARY KEY (strategy_id, indicator_id, position),
  FOREIGN KEY (strategy_id, indicator_id) REFERENCES indicators (strategy_id, id) ON DELETE CASCADE
);

-- Monitoring history: rounds, the institutions' reports in them, and what each report says.
CREATE TABLE monitoring_rounds (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  strategy_id bigint NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 0),
  code text NOT NULL CHECK (length(code) > 0),
  period_start date NOT NULL,
  period_end date NOT NULL,
  deadline date NOT NULL,
  CHECK (period_start <= period_end),
  UNIQUE (strategy_id, position),
  UNIQUE (strategy_id, code),
  UNIQUE (strategy_id, id)
);

CREATE TABLE monitoring_reports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  strategy_id bigint NOT NULL,
  round_id bigint NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  institution_id bigint NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
  submitted_on date,
  UNIQUE (strategy_id, round_id, position),
  UNIQUE (strategy_id, id),
  FOREIGN KEY (strategy_id, round_id) REFERENCES monitoring_rounds (strategy_id, id) ON DELETE CASCADE,
  FOREIGN KEY (strategy_id, institution_id) REFERENCES strategy_institutions (strategy_id, institution_id)
    DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX monitoring_reports_institution_idx ON monitoring_reports (strategy_id, institution_id);

-- A report's entry on one activity: its status, the money spent, narrative and obstacles.
CREATE TABLE report_activities (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  strategy_id bigint NOT NULL,
  report_id bigint NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  activity_id bigint NOT NULL,
  status text NOT NULL CHECK (status IN ('not_started', 'ongoing', 'completed', 'delayed', 'cancelled')),
  narrative text,
  obstacles text,
  UNIQUE (strategy_id, report_id, position),
  FOREIGN KEY (strategy_id, report_id) REFERENCES monitoring_reports (strategy_id, id) ON DELETE CASCADE,
  FOREIGN KEY (strategy_id, activity_id) REFERENCES activities (strategy_id, id)
    DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX report_activities_activity_idx ON report_activities (strategy_id, activity_id);

-- The money an entry reports spent, by source. Like breakdowns below, the most numerous rows of a
-- strategy: they hang from their entry alone (no strategy_id), which keeps their keys small.
CREATE TABLE report_spending (
  report_activity_id bigint NOT NULL REFERENCES report_activities (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 0),
  source text NOT NULL CHECK (source IN ('state_budget', 'local_budget', 'donor', 'other')),
  amount bigint NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (report_activity_id, position)
);

CREATE TABLE indicator_values (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  strategy_id bigint NOT NULL,
  report_id bigint NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  indicator_id bigint NOT NULL,
  value double precision NOT NULL,
  UNIQUE (strategy_id, report_id, position),
  FOREIGN KEY (strategy_id, report_id) REFERENCES monitoring_reports (strategy_id, id) ON DELETE CASCADE,
  FOREIGN KEY (strategy_id, indicator_id) REFERENCES indicators (strategy_id, id)
    DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX indicator_values_indicator_idx ON indicator_values (strategy_id, indicator_id);

CREATE TABLE indicator_value_breakdowns (
  indicator_value_id bigint NOT NULL REFERENCES indicator_values (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 0),
  dimension text NOT NULL,
  category text NOT NULL,
  value double precision NOT NULL,
  PRIMARY KEY (indicator_value_id, position)
);

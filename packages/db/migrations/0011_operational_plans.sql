-- Annual operational plans: for one year of an action plan, the activities due that year, those
-- carried over from earlier years because they were not done (with the reason), the year's costs
-- and what is planned for the latest recommendations. An operational plan is not a second action
-- plan: institutions keep reporting on the action plan's activities, and its progress is read from
-- those reports. It is drafted, then adopted, and read-only once adopted.

CREATE TABLE operational_plans (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  participant_id bigint NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  -- The action plan's code (unique within the Participant).
  plan_code text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 9999),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'adopted')),
  version integer NOT NULL DEFAULT 1,
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  adopted_by bigint REFERENCES users (id) ON DELETE SET NULL,
  adopted_at timestamptz,
  UNIQUE (participant_id, plan_code, year)
);

-- The action plan's activities the operational plan includes, in the order shown.
CREATE TABLE operational_plan_activities (
  operational_plan_id bigint NOT NULL REFERENCES operational_plans (id) ON DELETE CASCADE,
  position integer NOT NULL,
  activity_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('due', 'carried_over')),
  -- Why a carried-over activity was not done; prefilled from the last counted report.
  reason text,
  reported_status text CHECK (reported_status IN ('not_started', 'ongoing', 'completed', 'delayed', 'cancelled')),
  reported_round text,
  PRIMARY KEY (operational_plan_id, activity_code)
);

-- The year's cost lines of the included activities, in integer minor units.
CREATE TABLE operational_plan_costs (
  operational_plan_id bigint NOT NULL REFERENCES operational_plans (id) ON DELETE CASCADE,
  position integer NOT NULL,
  activity_code text NOT NULL,
  amount bigint NOT NULL CHECK (amount >= 0),
  source text NOT NULL CHECK (source IN ('state_budget', 'local_budget', 'donor', 'other')),
  funder text,
  status text NOT NULL CHECK (status IN ('secured', 'pledged', 'unfunded')),
  PRIMARY KEY (operational_plan_id, position)
);

-- What is planned for each of the latest recommendations.
CREATE TABLE operational_plan_recommendations (
  operational_plan_id bigint NOT NULL REFERENCES operational_plans (id) ON DELETE CASCADE,
  position integer NOT NULL,
  recommendation_code text NOT NULL,
  action text NOT NULL DEFAULT '',
  PRIMARY KEY (operational_plan_id, recommendation_code)
);

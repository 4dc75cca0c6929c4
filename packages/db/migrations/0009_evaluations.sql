-- Evaluations of a strategy and its action plans (mid-term, final, impact analysis, thematic) with
-- the six OECD-DAC criteria, and the independent reports of a national rapporteur. Each record keeps
-- its terms of reference as edited, the questions and rating of each criterion, its findings and
-- conclusions. The recommendations it makes enter the strategy's register (table `recommendations`,
-- source `evaluation` or `national_rapporteur`) and are linked to it here, each with the management
-- response of the coordination office and the follow-up of the action it promises.

CREATE TABLE evaluations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  participant_id bigint NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  strategy_id bigint NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('evaluation', 'independent_report')),
  -- The type of an evaluation (plan-package.md EvaluationType); none for an independent report.
  type text CHECK (type IN ('mid_term', 'final', 'impact_analysis', 'thematic')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  -- The year of the planned evaluation it carries out, if any.
  year integer CHECK (year BETWEEN 1900 AND 2200),
  period_start date,
  period_end date,
  evaluator_kind text CHECK (evaluator_kind IN ('internal', 'independent', 'joint')),
  evaluator_name text,
  -- Who wrote the record and in which role: a rapporteur's records are theirs alone to change.
  author_user_id bigint REFERENCES users (id) ON DELETE SET NULL,
  author_role text NOT NULL CHECK (author_role IN ('coordinator', 'rapporteur')),
  -- The terms of reference as last edited: purpose, scope, methods, timeline, deliverables, independence.
  terms jsonb NOT NULL,
  -- Per criterion: its evaluation questions, its rating on the scale (1–4) and the justification.
  criteria jsonb NOT NULL,
  text text NOT NULL DEFAULT '',
  findings text NOT NULL DEFAULT '',
  conclusions text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'evaluation' OR type IS NULL),
  CHECK (period_start IS NULL OR period_end IS NULL OR period_start <= period_end)
);
CREATE INDEX evaluations_strategy ON evaluations (strategy_id, id);
COMMENT ON TABLE evaluations IS 'Evaluations of a strategy and the independent reports of a rapporteur';

CREATE TABLE evaluation_recommendations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  evaluation_id bigint NOT NULL REFERENCES evaluations (id) ON DELETE CASCADE,
  -- The recommendation in the strategy's register; gone from the register, gone from here.
  recommendation_id bigint NOT NULL UNIQUE REFERENCES recommendations (id) ON DELETE CASCADE,
  -- The management response: whether the office agrees, and what it will do, who, by when.
  response text CHECK (response IN ('agree', 'partly_agree', 'disagree')),
  action text NOT NULL DEFAULT '',
  responsible text,
  due_date date,
  action_status text NOT NULL DEFAULT 'planned' CHECK (action_status IN ('planned', 'in_progress', 'done')),
  responded_by bigint REFERENCES users (id) ON DELETE SET NULL,
  responded_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX evaluation_recommendations_evaluation ON evaluation_recommendations (evaluation_id);
COMMENT ON TABLE evaluation_recommendations IS 'The recommendations of an evaluation in the register, with their management responses';

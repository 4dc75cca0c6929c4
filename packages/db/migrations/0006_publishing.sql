-- Documents generated from the record, and what a Participant publishes.
--
-- - A document run is one generation of a document (an implementation report, the plan, its
--   review or financial plan) in one language and format, done in the background: its progress,
--   its result and who asked for it when are kept, so that the history of what was generated stays.
-- - The introduction and conclusions a coordinator writes for an implementation report are kept per
--   action plan and scope (a round, a year or the whole plan), versioned like plan elements.
-- - A publication makes one item (a strategy, an action plan, an implementation report or an
--   indicator set) readable signed out at /public/{participant}; withdrawing it keeps the record.
-- - Small counts of victims below a Participant's threshold are shown as "< threshold" in public.

CREATE TABLE document_runs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  participant_id bigint NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  strategy_id bigint REFERENCES strategies (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('implementation_report', 'plan', 'plan_review', 'financial_plan')),
  -- The action plan's code, when the document is about one.
  plan_code text,
  -- A round's code, a year (`2022`) or `whole`, for an implementation report.
  scope text,
  language text NOT NULL,
  format text NOT NULL CHECK (format IN ('docx', 'pdf')),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  error text,
  file_name text,
  media_type text,
  size_bytes integer,
  content bytea,
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX document_runs_participant_idx ON document_runs (participant_id, created_at DESC);

CREATE TABLE document_texts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  strategy_id bigint NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
  plan_code text NOT NULL,
  scope text NOT NULL,
  introduction text NOT NULL DEFAULT '',
  conclusions text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  updated_by bigint REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (strategy_id, plan_code, scope)
);

CREATE TABLE publications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  participant_id bigint NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('strategy', 'action_plan', 'implementation_report', 'indicator_set')),
  strategy_id bigint REFERENCES strategies (id) ON DELETE CASCADE,
  plan_code text,
  -- An implementation report is published as one generated document (its PDF).
  document_run_id bigint REFERENCES document_runs (id) ON DELETE CASCADE,
  title text NOT NULL DEFAULT '',
  published_by bigint REFERENCES users (id) ON DELETE SET NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz
);
CREATE INDEX publications_participant_idx ON publications (participant_id) WHERE withdrawn_at IS NULL;

ALTER TABLE participant_settings
  ADD COLUMN small_count_threshold integer NOT NULL DEFAULT 5 CHECK (small_count_threshold BETWEEN 0 AND 100);

-- The Participant's logo on the cover and in the header of its documents and public pages.
CREATE TABLE participant_logos (
  participant_id bigint PRIMARY KEY REFERENCES participants (id) ON DELETE CASCADE,
  media_type text NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg', 'image/svg+xml')),
  content bytea NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

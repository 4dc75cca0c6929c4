-- Monitoring rounds: each Participant's reporting calendar, the review of reports, and the
-- coordinator's comments on a returned report.
--
-- - A round's deadline defaults to a number of working days after its period ends
--   (`participant_settings.deadline_working_days`, Serbia's "fifth working day of the following
--   month" by default); weekends and the Participant's holidays are not working days.
-- - A report carries a `version`, raised by each change of it, so that a review made on a report
--   that changed in the meantime is refused (optimistic concurrency, as for plan elements).
-- - Rounds, reports and their entries are under a strategy: their writes raise
--   `strategies.revision` by the triggers of 0003, which cover every monitoring table.
--   Comments are not part of the plan package and do not raise it.

CREATE TABLE participant_settings (
  participant_id bigint PRIMARY KEY REFERENCES participants (id) ON DELETE CASCADE,
  deadline_working_days integer NOT NULL DEFAULT 5 CHECK (deadline_working_days BETWEEN 0 AND 60)
);

CREATE TABLE participant_holidays (
  participant_id bigint NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  day date NOT NULL,
  name text NOT NULL DEFAULT '',
  PRIMARY KEY (participant_id, day)
);

ALTER TABLE monitoring_reports
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at timestamptz,
  ADD COLUMN reviewed_at timestamptz,
  ADD COLUMN reviewed_by bigint REFERENCES users (id) ON DELETE SET NULL;

CREATE TABLE report_comments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  strategy_id bigint NOT NULL,
  report_id bigint NOT NULL,
  -- The activity or indicator code the comment is about; NULL: the report as a whole.
  target_code text,
  text text NOT NULL CHECK (length(text) > 0),
  author bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (strategy_id, report_id) REFERENCES monitoring_reports (strategy_id, id) ON DELETE CASCADE
);
CREATE INDEX report_comments_report_idx ON report_comments (report_id);
CREATE INDEX monitoring_reports_round_idx ON monitoring_reports (round_id);

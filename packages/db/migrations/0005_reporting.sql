-- Reporting: what focal points send (on the web or in Excel) with its evidence, and the reminders.
--
-- - A report remembers when and by whom it was submitted, and the digest of the last Excel
--   template applied to it, so that uploading the same file again changes nothing.
-- - Evidence (links and files) belongs to a report, about one activity or indicator or the whole;
--   it is not part of the plan package and does not raise the strategy's revision.
-- - Notifications are what Ariadne tells a user inside the application (reminders above all);
--   `reminders_sent` keeps the daily job from reminding an institution of a report twice a day.

ALTER TABLE monitoring_reports
  ADD COLUMN submitted_at timestamptz,
  ADD COLUMN submitted_by bigint REFERENCES users (id) ON DELETE SET NULL,
  ADD COLUMN template_digest text;

CREATE TABLE report_evidence (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  strategy_id bigint NOT NULL,
  report_id bigint NOT NULL,
  -- The activity or indicator code the evidence is about; NULL: the report as a whole.
  target_code text,
  kind text NOT NULL CHECK (kind IN ('link', 'file')),
  label text NOT NULL DEFAULT '',
  url text,
  file_name text,
  media_type text,
  size_bytes integer CHECK (size_bytes BETWEEN 0 AND 10485760),
  content bytea,
  sha256 text,
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'link' AND url IS NOT NULL AND content IS NULL)
      OR (kind = 'file' AND content IS NOT NULL AND file_name IS NOT NULL AND media_type IS NOT NULL AND size_bytes IS NOT NULL)),
  FOREIGN KEY (strategy_id, report_id) REFERENCES monitoring_reports (strategy_id, id) ON DELETE CASCADE
);
CREATE INDEX report_evidence_report_idx ON report_evidence (report_id);

ALTER TABLE participant_settings
  ADD COLUMN reminders_automatic boolean NOT NULL DEFAULT false,
  ADD COLUMN reminder_days_before integer NOT NULL DEFAULT 5 CHECK (reminder_days_before BETWEEN 0 AND 60);

CREATE TABLE notifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  participant_id bigint REFERENCES participants (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (length(kind) > 0),
  -- What the text is made of (plan, round, institution, deadline …), translated when shown.
  payload jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

CREATE TABLE reminders_sent (
  report_id bigint NOT NULL REFERENCES monitoring_reports (id) ON DELETE CASCADE,
  sent_on date NOT NULL,
  -- 'due' (the deadline is near) or 'overdue'.
  kind text NOT NULL CHECK (kind IN ('due', 'overdue')),
  channel text NOT NULL CHECK (channel IN ('email', 'in_app')),
  automatic boolean NOT NULL DEFAULT false,
  PRIMARY KEY (report_id, sent_on, kind)
);

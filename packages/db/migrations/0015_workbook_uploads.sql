-- Workbooks uploaded for an Excel import, read into plain values, kept for the few minutes of the
-- import (choosing the sheet, mapping the columns, correcting cells). In the database rather than
-- in one server's memory, so that any of several servers can take the next step. Only the SHA-256
-- of the token the browser holds is stored.
CREATE TABLE workbook_uploads (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  participant text NOT NULL,
  plan text NOT NULL,
  file_name text,
  sheets jsonb NOT NULL,
  cells integer NOT NULL CHECK (cells >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX workbook_uploads_user_idx ON workbook_uploads (user_id, expires_at);
CREATE INDEX workbook_uploads_expiry_idx ON workbook_uploads (expires_at);

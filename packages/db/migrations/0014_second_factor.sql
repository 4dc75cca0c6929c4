-- Two-step sign-in: a one-time code from an authenticator app (TOTP, RFC 6238) after the password.
-- The secret waits in `totp_pending_secret` until the first code confirms it; `totp_last_step`
-- keeps the time step of the last code accepted, so that a code is never accepted twice.
ALTER TABLE users ADD COLUMN totp_secret text;
ALTER TABLE users ADD COLUMN totp_pending_secret text;
ALTER TABLE users ADD COLUMN totp_enabled_at timestamptz;
ALTER TABLE users ADD COLUMN totp_last_step bigint;

-- Recovery codes for a lost phone, each usable once; only their SHA-256 is kept.
CREATE TABLE recovery_codes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, code_hash)
);

-- Participants, their institutions, accounts with roles, sessions and the audit trail.

CREATE TABLE participants (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{1,16}$'),
  name text NOT NULL CHECK (length(name) > 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  locale text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE institutions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  participant_id bigint NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  code text NOT NULL CHECK (length(code) > 0),
  name text NOT NULL CHECK (length(name) > 0),
  type text NOT NULL CHECK (type IN (
    'coordination_body', 'government', 'law_enforcement', 'prosecution', 'judiciary',
    'social_services', 'labour_inspection', 'health', 'education', 'local_government',
    'ngo', 'international_organisation', 'donor', 'independent_body', 'academia', 'other')),
  level text NOT NULL CHECK (level IN ('national', 'entity', 'regional', 'local')),
  area text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (participant_id, code)
);

CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL CHECK (email = lower(email) AND position('@' IN email) > 1),
  display_name text NOT NULL,
  password_hash text NOT NULL,
  language text NOT NULL DEFAULT 'en',
  disabled_at timestamptz,
  failed_sign_ins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_sign_in_at timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  -- Set for one-time passwords handed out by a coordinator: the user chooses their own at first sign-in.
  must_change_password boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (email);

-- A role held in one Participant; a focal point reports for exactly one institution.
CREATE TABLE memberships (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  participant_id bigint NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN (
    'coordinator', 'editor', 'focal_point', 'observer', 'donor', 'rapporteur', 'regional')),
  institution_id bigint REFERENCES institutions (id) ON DELETE RESTRICT,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'focal_point') = (institution_id IS NOT NULL)),
  UNIQUE (user_id, participant_id, role)
);
CREATE INDEX memberships_participant_idx ON memberships (participant_id);

-- Server-side sessions: the cookie holds a random token, the table only its SHA-256.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Who changed what, when: written in the same transaction as the change.
CREATE TABLE audit_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id bigint REFERENCES users (id) ON DELETE SET NULL,
  actor text,
  participant_id bigint REFERENCES participants (id) ON DELETE CASCADE,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL,
  before jsonb,
  after jsonb
);
CREATE INDEX audit_entries_participant_idx ON audit_entries (participant_id, id DESC);

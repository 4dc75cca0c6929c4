-- Consultations on a draft strategy or action plan: the coordinator opens the document to invited
-- institutions and people until a closing date; invitees comment on any element of it (or on the
-- whole) and reply to each other; the coordinator resolves each comment as accepted, partly
-- accepted or not accepted with a reason, linked to the change it led to. The resolution log can
-- be published on the public portal.

CREATE TABLE consultations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  participant_id bigint NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  strategy_id bigint NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
  -- `strategy`, or the code of one of the strategy's action plans.
  document text NOT NULL CHECK (length(document) BETWEEN 1 AND 64),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  -- Comments are taken up to and including this day.
  closes_on date NOT NULL,
  opened_by bigint REFERENCES users (id) ON DELETE SET NULL,
  opened_at timestamptz NOT NULL DEFAULT now(),
  -- Closed by the coordinator before or after the closing date; NULL: open until the closing date.
  closed_by bigint REFERENCES users (id) ON DELETE SET NULL,
  closed_at timestamptz,
  -- The resolution log is readable signed out while published.
  published_by bigint REFERENCES users (id) ON DELETE SET NULL,
  published_at timestamptz
);
CREATE INDEX consultations_strategy_idx ON consultations (strategy_id);

-- Who is invited: a person (a user) or an institution, whose members may then comment.
CREATE TABLE consultation_invitees (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  consultation_id bigint NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
  user_id bigint REFERENCES users (id) ON DELETE CASCADE,
  institution_id bigint REFERENCES institutions (id) ON DELETE CASCADE,
  invited_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((user_id IS NULL) <> (institution_id IS NULL))
);
CREATE UNIQUE INDEX consultation_invitees_user_key ON consultation_invitees (consultation_id, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX consultation_invitees_institution_key ON consultation_invitees (consultation_id, institution_id)
  WHERE institution_id IS NOT NULL;

CREATE TABLE consultation_comments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  consultation_id bigint NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
  -- A reply names the comment it answers; replies are not resolved.
  parent_id bigint REFERENCES consultation_comments (id) ON DELETE CASCADE,
  -- The element's code; NULL: the document as a whole. `part` = 'costs': the activity's costs.
  element_code text,
  part text CHECK (part IN ('costs')),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
  author_id bigint REFERENCES users (id) ON DELETE SET NULL,
  -- The author's name and institution as they were when writing, kept for the published log.
  author_name text NOT NULL,
  author_institution text,
  created_at timestamptz NOT NULL DEFAULT now(),
  decision text CHECK (decision IN ('accepted', 'partly_accepted', 'not_accepted')),
  reason text,
  -- The change the comment led to: the element changed, and/or the version or amendment of the document.
  change_element text,
  change_version_id bigint REFERENCES document_versions (id) ON DELETE SET NULL,
  change_amendment_id bigint REFERENCES amendments (id) ON DELETE SET NULL,
  resolved_by bigint REFERENCES users (id) ON DELETE SET NULL,
  resolved_at timestamptz,
  CHECK ((decision IS NULL) = (resolved_at IS NULL)),
  CHECK (parent_id IS NULL OR decision IS NULL)
);
CREATE INDEX consultation_comments_consultation_idx ON consultation_comments (consultation_id);

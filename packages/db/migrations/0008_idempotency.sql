-- Requests made safe to retry. A client that sends an `Idempotency-Key` header with a report's
-- submission or a plan package's import has it done once: the key is stored with the user, the
-- route and a digest of what was asked, together with the answer given, in the same transaction as
-- the change itself (so that a crash leaves neither). The same key again with the same request gets
-- the stored answer and changes nothing; with another request it is refused. Keys are kept 24 hours.

CREATE TABLE idempotency_keys (
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  -- The method and route pattern, e.g. `POST /api/plan-packages`.
  route text NOT NULL,
  -- SHA-256 of the route's parameters, query and body, in hex.
  request_digest text NOT NULL,
  response_status integer NOT NULL,
  response_body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
COMMENT ON TABLE idempotency_keys IS 'The answers of requests sent with an Idempotency-Key header, kept 24 hours';

-- Editing plans element by element, and the versions of adopted documents.
--
-- - Every element that is edited on its own carries a `version`, raised by each update: an editor
--   sends the version it saw, and a different one means someone else changed it (optimistic
--   concurrency). Goals, objectives, indicators, action plans, activities and strategies have one
--   since 0002; risks and recommendations get theirs here.
-- - `strategies.revision` is raised by every write to anything a strategy's package holds: the
--   strategy row, every table under it, and the register rows its package shows (institutions,
--   the Participant). Triggers keep it, whoever writes (the server, the command line, another
--   server on the same database), so a copy of a package held in memory is current exactly when
--   its revision is the stored one.
-- - A document (the strategy itself, or one of its action plans) is frozen once adopted. Its
--   adoption and each adopted amendment record a version of it in `document_versions`, with a
--   snapshot of the strategy's package at that moment (without the monitoring history) for the
--   history and for withdrawing an amendment. `amendments` are the changes made to an adopted
--   document: at most one open per document. A strategy replaced by an import is deleted with its
--   versions and amendments (the cascades): its history starts again with the new package. A
--   document imported as adopted gets its first version when its first amendment is opened.

ALTER TABLE risks ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE recommendations ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE strategies ADD COLUMN revision bigint NOT NULL DEFAULT 1;

CREATE TABLE document_versions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  strategy_id bigint NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
  -- NULL: a version of the strategy itself.
  action_plan_id bigint REFERENCES action_plans (id) ON DELETE CASCADE,
  number integer NOT NULL CHECK (number >= 1),
  kind text NOT NULL CHECK (kind IN ('adoption', 'amendment')),
  reason text,
  adopted_on date NOT NULL,
  adopted_by text,
  snapshot jsonb NOT NULL,
  recorded_by_user_id bigint REFERENCES users (id) ON DELETE SET NULL,
  recorded_by text,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX document_versions_strategy_number_key ON document_versions (strategy_id, number) WHERE action_plan_id IS NULL;
CREATE UNIQUE INDEX document_versions_plan_number_key ON document_versions (action_plan_id, number) WHERE action_plan_id IS NOT NULL;

CREATE TABLE amendments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  strategy_id bigint NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
  -- NULL: an amendment of the strategy itself.
  action_plan_id bigint REFERENCES action_plans (id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (length(reason) > 0),
  status text NOT NULL CHECK (status IN ('open', 'adopted', 'withdrawn')),
  opened_by_user_id bigint REFERENCES users (id) ON DELETE SET NULL,
  opened_by text,
  opened_at timestamptz NOT NULL DEFAULT now(),
  closed_by_user_id bigint REFERENCES users (id) ON DELETE SET NULL,
  closed_by text,
  closed_at timestamptz,
  -- The version an adopted amendment became.
  version_id bigint REFERENCES document_versions (id) ON DELETE SET NULL,
  CHECK ((status = 'open') = (closed_at IS NULL))
);
CREATE UNIQUE INDEX amendments_open_strategy_key ON amendments (strategy_id) WHERE status = 'open' AND action_plan_id IS NULL;
CREATE UNIQUE INDEX amendments_open_plan_key ON amendments (action_plan_id) WHERE status = 'open';

-- The revision: a strategy row's own update raises it unless the statement sets it itself.
CREATE FUNCTION strategy_revision_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.revision IS NOT DISTINCT FROM OLD.revision THEN
    NEW.revision := OLD.revision + 1;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER strategies_revision BEFORE UPDATE ON strategies
  FOR EACH ROW EXECUTE FUNCTION strategy_revision_on_update();

-- Writes to the tables under a strategy raise its revision once per statement, whatever the
-- number of rows (an import writes thousands in a few statements). `TG_ARGV[0]` says how a changed
-- row names its strategy: by `strategy_id`, or through its parent for the two leaves of the
-- monitoring history, which have no `strategy_id`.
CREATE FUNCTION strategy_revision_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_ARGV[0] = 'report_activity' THEN
    UPDATE strategies SET revision = revision + 1
    WHERE id IN (SELECT ra.strategy_id FROM report_activities ra WHERE ra.id IN (SELECT report_activity_id FROM changed_rows));
  ELSIF TG_ARGV[0] = 'indicator_value' THEN
    UPDATE strategies SET revision = revision + 1
    WHERE id IN (SELECT iv.strategy_id FROM indicator_values iv WHERE iv.id IN (SELECT indicator_value_id FROM changed_rows));
  ELSIF TG_ARGV[0] = 'institution' THEN
    UPDATE strategies SET revision = revision + 1
    WHERE id IN (SELECT si.strategy_id FROM strategy_institutions si WHERE si.institution_id IN (SELECT id FROM changed_rows));
  ELSIF TG_ARGV[0] = 'participant' THEN
    UPDATE strategies SET revision = revision + 1 WHERE participant_id IN (SELECT id FROM changed_rows);
  ELSE
    UPDATE strategies SET revision = revision + 1 WHERE id IN (SELECT strategy_id FROM changed_rows);
  END IF;
  RETURN NULL;
END;
$$;

-- One trigger per table and kind of write: a trigger with a transition table serves one event.
DO $$
DECLARE
  target record;
  event text;
BEGIN
  FOR target IN
    SELECT * FROM (VALUES
      ('strategy_institutions', 'strategy'), ('monitoring_arrangements', 'strategy'), ('planned_evaluations', 'strategy'),
      ('contingency_plans', 'strategy'), ('contingency_scenarios', 'strategy'), ('minimum_services', 'strategy'),
      ('goals', 'strategy'), ('objectives', 'strategy'), ('recommendations', 'strategy'), ('risks', 'strategy'),
      ('action_plans', 'strategy'), ('activities', 'strategy'), ('activity_partners', 'strategy'),
      ('activity_recommendations', 'strategy'), ('cost_lines', 'strategy'), ('indicators', 'strategy'),
      ('indicator_milestones', 'strategy'), ('monitoring_rounds', 'strategy'), ('monitoring_reports', 'strategy'),
      ('report_activities', 'strategy'), ('indicator_values', 'strategy'), ('document_versions', 'strategy'),
      ('amendments', 'strategy'), ('report_spending', 'report_activity'), ('indicator_value_breakdowns', 'indicator_value')
    ) AS t (name, via)
  LOOP
    FOREACH event IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
      EXECUTE format(
        'CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION strategy_revision_on_change(%L)',
        target.name || '_revision_' || event, upper(event), target.name, CASE WHEN event = 'delete' THEN 'OLD' ELSE 'NEW' END, target.via);
    END LOOP;
  END LOOP;
END;
$$;

-- The register rows a package shows: renaming an institution or a Participant changes the
-- packages of the strategies that show them (a new institution changes none until listed).
CREATE TRIGGER institutions_revision_update AFTER UPDATE ON institutions
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION strategy_revision_on_change('institution');
CREATE TRIGGER participants_revision_update AFTER UPDATE ON participants
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION strategy_revision_on_change('participant');

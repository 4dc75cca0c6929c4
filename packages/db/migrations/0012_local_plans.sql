-- Local plans (seed §3, §5.2): the action plan of a canton, county or municipality, coordinated by
-- its own body and implementing activities of the national plan. A local plan is an action plan of
-- the national strategy marked as local here, so that rounds, reports and the measures cover it as
-- they cover any action plan.

-- The role of the local coordinator, and the action plan a membership may be limited to: a local
-- coordinator holds the coordinator's rights on that plan only.
ALTER TABLE memberships DROP CONSTRAINT memberships_role_check;
ALTER TABLE memberships ADD CONSTRAINT memberships_role_check CHECK (role IN (
  'coordinator', 'editor', 'focal_point', 'observer', 'donor', 'rapporteur', 'regional', 'local_coordinator'));
ALTER TABLE memberships ADD COLUMN action_plan_id bigint REFERENCES action_plans (id) ON DELETE CASCADE;
ALTER TABLE memberships ADD CONSTRAINT memberships_plan_scope_check
  CHECK ((role = 'local_coordinator') = (action_plan_id IS NOT NULL));
CREATE INDEX memberships_action_plan_idx ON memberships (action_plan_id);

-- An action plan marked as local, with the body that coordinates it (an institution of level
-- entity, regional or local; its area is the local plan's area).
CREATE TABLE local_plans (
  action_plan_id bigint PRIMARY KEY REFERENCES action_plans (id) ON DELETE CASCADE,
  participant_id bigint NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  body_institution_id bigint NOT NULL REFERENCES institutions (id) ON DELETE RESTRICT,
  level text NOT NULL CHECK (level IN ('entity', 'regional', 'local')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX local_plans_participant_idx ON local_plans (participant_id);

-- Which national activity each activity of a local plan implements (at most one).
CREATE TABLE local_activity_links (
  activity_id bigint PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
  national_activity_id bigint NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  CHECK (activity_id <> national_activity_id)
);
CREATE INDEX local_activity_links_national_idx ON local_activity_links (national_activity_id);

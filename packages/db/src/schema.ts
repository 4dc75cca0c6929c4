import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A column the database fills in (identity keys, defaults) that can still be given. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
/** Timestamps come back as `Date` and may be written as `Date` or ISO strings. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** JSON values written and read by the audit trail. */
export type Json = ColumnType<unknown, string | null, string | null>;

export interface ParticipantTable {
  id: Generated<number>;
  code: string;
  name: string;
  currency: string;
  locale: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InstitutionTable {
  id: Generated<number>;
  participant_id: number;
  code: string;
  name: string;
  type: string;
  level: string;
  area: string | null;
  version: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string;
  language: Defaulted<string>;
  disabled_at: NullableTimestamp;
  failed_sign_ins: Defaulted<number>;
  locked_until: NullableTimestamp;
  last_sign_in_at: NullableTimestamp;
  password_changed_at: Timestamp;
  must_change_password: Defaulted<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The confirmed secret of two-step sign-in (base32), when it is on. */
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  /** A secret being set up, until its first code confirms it. */
  totp_pending_secret: ColumnType<string | null, string | null | undefined, string | null>;
  totp_enabled_at: NullableTimestamp;
  /** The time step of the last code accepted: no code is accepted twice. */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface WorkbookUploadTable {
  token_hash: string;
  user_id: number;
  participant: string;
  plan: string;
  file_name: string | null;
  sheets: Json;
  cells: number;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface RecoveryCodeTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface MembershipTable {
  id: Generated<number>;
  user_id: number;
  participant_id: number;
  role: string;
  institution_id: number | null;
  /** The action plan a local coordinator's rights are limited to (migration 0012). */
  action_plan_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
}

export interface SessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditEntryTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: number | null;
  actor: string | null;
  participant_id: number | null;
  action: string;
  entity: string;
  entity_id: string;
  before: Json;
  after: Json;
}

/** A calendar date, read and written as ISO `YYYY-MM-DD` text (never as a `Date` shifted by the time zone). */
type IsoDate = string;

// The plan model (migration 0002). Money columns are integer minor units; `position` is the order
// of an element within its parent; `code` is the author's id of the element.

export interface StrategyTable {
  id: Generated<number>;
  participant_id: number;
  code: string;
  title: string;
  period_start: number;
  period_end: number;
  status: string;
  adopted_by: string | null;
  adopted_on: IsoDate | null;
  situation_analysis: string | null;
  principles: string[];
  estimated_total_cost: number | null;
  has_monitoring_history: boolean;
  version: Defaulted<number>;
  /** Raised by every write to anything the strategy's package holds (migration 0003's triggers). */
  revision: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StrategyInstitutionTable {
  strategy_id: number;
  participant_id: number;
  institution_id: number;
  position: number;
}

export interface MonitoringArrangementsTable {
  strategy_id: number;
  body_institution_id: number | null;
  reporting_frequency: string | null;
  reports_to: string | null;
}

export interface PlannedEvaluationTable {
  strategy_id: number;
  position: number;
  type: string;
  year: number;
}

export interface ContingencyPlanTable {
  strategy_id: number;
  reserve_funds: number | null;
}

export interface ContingencyScenarioTable {
  strategy_id: number;
  position: number;
  type: string;
  description: string;
}

export interface MinimumServiceTable {
  strategy_id: number;
  position: number;
  description: string;
}

export interface GoalTable {
  id: Generated<number>;
  strategy_id: number;
  position: number;
  code: string;
  area: string;
  label: string | null;
  title: string;
  version: Defaulted<number>;
}

export interface ObjectiveTable {
  id: Generated<number>;
  strategy_id: number;
  goal_id: number;
  position: number;
  code: string;
  title: string;
  version: Defaulted<number>;
}

export interface RecommendationTable {
  id: Generated<number>;
  strategy_id: number;
  position: number;
  code: string;
  source: string;
  reference: string | null;
  year: number;
  text: string;
  strength: string | null;
  version: Defaulted<number>;
}

export interface RiskTable {
  id: Generated<number>;
  strategy_id: number;
  position: number;
  code: string;
  description: string;
  category: string;
  likelihood: number;
  impact: number;
  mitigation: string | null;
  owner_institution_id: number | null;
  version: Defaulted<number>;
}

export interface ActionPlanTable {
  id: Generated<number>;
  strategy_id: number;
  participant_id: number;
  position: number;
  code: string;
  title: string;
  start_date: IsoDate;
  end_date: IsoDate;
  status: string;
  adopted_on: IsoDate | null;
  version: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ActivityTable {
  id: Generated<number>;
  strategy_id: number;
  action_plan_id: number;
  position: number;
  code: string;
  objective_id: number;
  title: string;
  lead_institution_id: number | null;
  start_date: IsoDate | null;
  end_date: IsoDate | null;
  level: string | null;
  tags: string[] | null;
  version: Defaulted<number>;
}

export interface ActivityPartnerTable {
  strategy_id: number;
  activity_id: number;
  position: number;
  institution_id: number;
}

export interface ActivityRecommendationTable {
  strategy_id: number;
  activity_id: number;
  position: number;
  recommendation_id: number;
}

export interface CostLineTable {
  strategy_id: number;
  activity_id: number;
  position: number;
  year: number;
  amount: number;
  source: string;
  funder_institution_id: number | null;
  status: string;
}

export interface IndicatorTable {
  id: Generated<number>;
  strategy_id: number;
  objective_id: number | null;
  activity_id: number | null;
  position: number;
  code: string;
  name: string;
  level: string;
  measure: string;
  unit: string | null;
  scale: string[] | null;
  baseline_value: number | null;
  baseline_year: number | null;
  baseline_source: string | null;
  target_value: number | null;
  target_year: number | null;
  means_of_verification: string | null;
  disaggregation: string[] | null;
  version: Defaulted<number>;
}

export interface IndicatorMilestoneTable {
  strategy_id: number;
  indicator_id: number;
  position: number;
  value: number;
  year: number;
}

export interface MonitoringRoundTable {
  id: Generated<number>;
  strategy_id: number;
  position: number;
  code: string;
  period_start: IsoDate;
  period_end: IsoDate;
  deadline: IsoDate;
}

export interface MonitoringReportTable {
  id: Generated<number>;
  strategy_id: number;
  round_id: number;
  position: number;
  institution_id: number;
  status: string;
  submitted_on: IsoDate | null;
  // Since 0004: the report's version, raised by each change, and its review.
  version: Defaulted<number>;
  updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reviewed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reviewed_by: ColumnType<number | null, number | null | undefined, number | null>;
  // Since 0005: the submission, and the digest of the last Excel template applied.
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  submitted_by: ColumnType<number | null, number | null | undefined, number | null>;
  template_digest: ColumnType<string | null, string | null | undefined, string | null>;
}

// Monitoring (migration 0004): the reporting calendar of a Participant and the review comments.
export interface ParticipantSettingsTable {
  participant_id: number;
  deadline_working_days: Defaulted<number>;
  // Since 0005: reminders.
  reminders_automatic: Defaulted<boolean>;
  reminder_days_before: Defaulted<number>;
  // Since 0006: counts of victims below it are shown as "< threshold" in public.
  small_count_threshold: Defaulted<number>;
}

// Publishing (migration 0006): documents generated in the background, the coordinator's texts of
// a report, publications, a Participant's logo.
export interface DocumentRunTable {
  id: Generated<number>;
  participant_id: number;
  strategy_id: number | null;
  kind: 'implementation_report' | 'plan' | 'plan_review' | 'financial_plan';
  plan_code: string | null;
  scope: string | null;
  language: string;
  format: 'docx' | 'pdf';
  status: Defaulted<'queued' | 'running' | 'done' | 'failed'>;
  progress: Defaulted<number>;
  error: string | null;
  file_name: string | null;
  media_type: string | null;
  size_bytes: number | null;
  content: Uint8Array | null;
  created_by: number | null;
  created_at: Timestamp;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Since 0007: the language-neutral content the document was made from, written as JSON text. */
  snapshot: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface DocumentTextTable {
  id: Generated<number>;
  strategy_id: number;
  plan_code: string;
  scope: string;
  introduction: Defaulted<string>;
  conclusions: Defaulted<string>;
  version: Defaulted<number>;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface PublicationTable {
  id: Generated<number>;
  participant_id: number;
  kind: 'strategy' | 'action_plan' | 'implementation_report' | 'indicator_set';
  strategy_id: number | null;
  plan_code: string | null;
  document_run_id: number | null;
  title: Defaulted<string>;
  published_by: number | null;
  published_at: Timestamp;
  withdrawn_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ParticipantLogoTable {
  participant_id: number;
  media_type: 'image/png' | 'image/jpeg' | 'image/svg+xml';
  content: Uint8Array;
  updated_at: Timestamp;
}

// Reporting (migration 0005): evidence of reports, notifications inside Ariadne, reminders sent.
export interface ReportEvidenceTable {
  id: Generated<number>;
  strategy_id: number;
  report_id: number;
  target_code: string | null;
  kind: 'link' | 'file';
  label: Defaulted<string>;
  url: string | null;
  file_name: string | null;
  media_type: string | null;
  size_bytes: number | null;
  content: Uint8Array | null;
  sha256: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  participant_id: number | null;
  kind: string;
  payload: ColumnType<unknown, string | undefined, string>;
  created_at: Timestamp;
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ReminderSentTable {
  report_id: number;
  sent_on: IsoDate;
  kind: 'due' | 'overdue';
  channel: 'email' | 'in_app';
  automatic: Defaulted<boolean>;
}

export interface ParticipantHolidayTable {
  participant_id: number;
  day: IsoDate;
  name: Defaulted<string>;
}

export interface ReportCommentTable {
  id: Generated<number>;
  strategy_id: number;
  report_id: number;
  target_code: string | null;
  text: string;
  author: number | null;
  created_at: Timestamp;
}

export interface ReportActivityTable {
  id: Generated<number>;
  strategy_id: number;
  report_id: number;
  position: number;
  activity_id: number;
  status: string;
  narrative: string | null;
  obstacles: string | null;
}

export interface ReportSpendingTable {
  report_activity_id: number;
  position: number;
  source: string;
  amount: number;
}

export interface IndicatorValueTable {
  id: Generated<number>;
  strategy_id: number;
  report_id: number;
  position: number;
  indicator_id: number;
  value: number;
}

export interface IndicatorValueBreakdownTable {
  indicator_value_id: number;
  position: number;
  dimension: string;
  category: string;
  value: number;
}

// The versions of adopted documents and their amendments (migration 0003). A NULL action plan
// means the strategy itself.

export interface DocumentVersionTable {
  id: Generated<number>;
  strategy_id: number;
  action_plan_id: number | null;
  number: number;
  kind: string;
  reason: string | null;
  adopted_on: IsoDate;
  adopted_by: string | null;
  /** The strategy's package (without monitoring) when the version was recorded. */
  snapshot: Json;
  recorded_by_user_id: number | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface AmendmentTable {
  id: Generated<number>;
  strategy_id: number;
  action_plan_id: number | null;
  reason: string;
  status: string;
  opened_by_user_id: number | null;
  opened_by: string | null;
  opened_at: Timestamp;
  closed_by_user_id: number | null;
  closed_by: string | null;
  closed_at: NullableTimestamp;
  version_id: number | null;
}

// Annual operational plans (migration 0011): an action plan's year with its activities (due or
// carried over), the year's cost lines in minor units and the planned answers to recommendations.

export interface OperationalPlanTable {
  id: Generated<number>;
  participant_id: number;
  plan_code: string;
  year: number;
  status: Defaulted<'draft' | 'adopted'>;
  version: Defaulted<number>;
  created_by: number | null;
  created_at: Timestamp;
  updated_by: number | null;
  updated_at: Timestamp;
  adopted_by: number | null;
  adopted_at: NullableTimestamp;
}

export interface OperationalPlanActivityTable {
  operational_plan_id: number;
  position: number;
  activity_code: string;
  kind: 'due' | 'carried_over';
  reason: string | null;
  reported_status: 'not_started' | 'ongoing' | 'completed' | 'delayed' | 'cancelled' | null;
  reported_round: string | null;
}

export interface OperationalPlanCostTable {
  operational_plan_id: number;
  position: number;
  activity_code: string;
  amount: number;
  source: 'state_budget' | 'local_budget' | 'donor' | 'other';
  funder: string | null;
  status: 'secured' | 'pledged' | 'unfunded';
}

export interface OperationalPlanRecommendationTable {
  operational_plan_id: number;
  position: number;
  recommendation_code: string;
  action: Defaulted<string>;
}

// The answers of requests sent with an Idempotency-Key header (migration 0008), kept 24 hours.

export interface IdempotencyKeyTable {
  user_id: number;
  key: string;
  /** The method and route pattern, e.g. `POST /api/plan-packages`. */
  route: string;
  /** SHA-256 (hex) of the route's parameters, query and body. */
  request_digest: string;
  response_status: number;
  response_body: Json;
  created_at: Timestamp;
}

// Consultations on a draft document (migration 0010): invitees, comments and their resolutions.

export interface ConsultationTable {
  id: Generated<number>;
  participant_id: number;
  strategy_id: number;
  document: string;
  title: string;
  closes_on: IsoDate;
  opened_by: number | null;
  opened_at: Timestamp;
  closed_by: ColumnType<number | null, number | null | undefined, number | null>;
  closed_at: NullableTimestamp;
  published_by: ColumnType<number | null, number | null | undefined, number | null>;
  published_at: NullableTimestamp;
}

export interface ConsultationInviteeTable {
  id: Generated<number>;
  consultation_id: number;
  user_id: number | null;
  institution_id: number | null;
  invited_at: Timestamp;
}

export interface ConsultationCommentTable {
  id: Generated<number>;
  consultation_id: number;
  parent_id: number | null;
  element_code: string | null;
  part: 'costs' | null;
  text: string;
  author_id: number | null;
  author_name: string;
  author_institution: string | null;
  created_at: Timestamp;
  decision: ColumnType<string | null, string | null | undefined, string | null>;
  reason: ColumnType<string | null, string | null | undefined, string | null>;
  change_element: ColumnType<string | null, string | null | undefined, string | null>;
  change_version_id: ColumnType<number | null, number | null | undefined, number | null>;
  change_amendment_id: ColumnType<number | null, number | null | undefined, number | null>;
  resolved_by: ColumnType<number | null, number | null | undefined, number | null>;
  resolved_at: NullableTimestamp;
}

// Evaluations and independent reports (migration 0009).

export interface EvaluationTable {
  id: Generated<number>;
  participant_id: number;
  strategy_id: number;
  kind: string;
  type: string | null;
  title: string;
  year: number | null;
  period_start: IsoDate | null;
  period_end: IsoDate | null;
  evaluator_kind: string | null;
  evaluator_name: string | null;
  author_user_id: number | null;
  author_role: string;
  terms: Json;
  criteria: Json;
  text: Defaulted<string>;
  findings: Defaulted<string>;
  conclusions: Defaulted<string>;
  version: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EvaluationRecommendationTable {
  id: Generated<number>;
  evaluation_id: number;
  recommendation_id: number;
  response: string | null;
  action: Defaulted<string>;
  responsible: string | null;
  due_date: IsoDate | null;
  action_status: Defaulted<string>;
  responded_by: number | null;
  responded_at: NullableTimestamp;
  version: Defaulted<number>;
}

/** The tables of Ariadne's database, as Kysely sees them. */
export interface Schema {
  participants: ParticipantTable;
  institutions: InstitutionTable;
  users: UserTable;
  memberships: MembershipTable;
  local_plans: LocalPlanTable;
  local_activity_links: LocalActivityLinkTable;
  sessions: SessionTable;
  recovery_codes: RecoveryCodeTable;
  workbook_uploads: WorkbookUploadTable;
  audit_entries: AuditEntryTable;
  strategies: StrategyTable;
  strategy_institutions: StrategyInstitutionTable;
  monitoring_arrangements: MonitoringArrangementsTable;
  planned_evaluations: PlannedEvaluationTable;
  contingency_plans: ContingencyPlanTable;
  contingency_scenarios: ContingencyScenarioTable;
  minimum_services: MinimumServiceTable;
  goals: GoalTable;
  objectives: ObjectiveTable;
  recommendations: RecommendationTable;
  risks: RiskTable;
  action_plans: ActionPlanTable;
  activities: ActivityTable;
  activity_partners: ActivityPartnerTable;
  activity_recommendations: ActivityRecommendationTable;
  cost_lines: CostLineTable;
  indicators: IndicatorTable;
  indicator_milestones: IndicatorMilestoneTable;
  monitoring_rounds: MonitoringRoundTable;
  monitoring_reports: MonitoringReportTable;
  report_activities: ReportActivityTable;
  report_spending: ReportSpendingTable;
  indicator_values: IndicatorValueTable;
  indicator_value_breakdowns: IndicatorValueBreakdownTable;
  document_versions: DocumentVersionTable;
  amendments: AmendmentTable;
  participant_settings: ParticipantSettingsTable;
  participant_holidays: ParticipantHolidayTable;
  report_comments: ReportCommentTable;
  report_evidence: ReportEvidenceTable;
  notifications: NotificationTable;
  reminders_sent: ReminderSentTable;
  document_runs: DocumentRunTable;
  document_texts: DocumentTextTable;
  publications: PublicationTable;
  participant_logos: ParticipantLogoTable;
  idempotency_keys: IdempotencyKeyTable;
  operational_plans: OperationalPlanTable;
  operational_plan_activities: OperationalPlanActivityTable;
  operational_plan_costs: OperationalPlanCostTable;
  operational_plan_recommendations: OperationalPlanRecommendationTable;
  evaluations: EvaluationTable;
  evaluation_recommendations: EvaluationRecommendationTable;
  consultations: ConsultationTable;
  consultation_invitees: ConsultationInviteeTable;
  consultation_comments: ConsultationCommentTable;
}

// Local plans (migration 0012): an action plan marked as local with its coordination body, and the
// national activity each of its activities implements.

export interface LocalPlanTable {
  action_plan_id: number;
  participant_id: number;
  body_institution_id: number;
  level: 'entity' | 'regional' | 'local';
  created_at: Timestamp;
}

export interface LocalActivityLinkTable {
  activity_id: number;
  national_activity_id: number;
}

export type ParticipantRow = Selectable<ParticipantTable>;
export type InstitutionRow = Selectable<InstitutionTable>;
export type NewInstitution = Insertable<InstitutionTable>;
export type UserRow = Selectable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditEntryRow = Selectable<AuditEntryTable>;
export type StrategyRow = Selectable<StrategyTable>;
export type ActionPlanRow = Selectable<ActionPlanTable>;

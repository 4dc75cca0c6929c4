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
}

export interface MembershipTable {
  id: Generated<number>;
  user_id: number;
  participant_id: number;
  role: string;
  institution_id: number | null;
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

/** The tables of Ariadne's database, as Kysely sees them. */
export interface Schema {
  participants: ParticipantTable;
  institutions: InstitutionTable;
  users: UserTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  audit_entries: AuditEntryTable;
}

export type ParticipantRow = Selectable<ParticipantTable>;
export type InstitutionRow = Selectable<InstitutionTable>;
export type NewInstitution = Insertable<InstitutionTable>;
export type UserRow = Selectable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditEntryRow = Selectable<AuditEntryTable>;

import { ACTIONS, INSTITUTION_TYPES, LANGUAGES, LEVELS, ROLES } from '@ariadne/domain';
import { z } from 'zod';

/** Schemas shared by several routes; each route file keeps its own beside it. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable error code, e.g. `FORBIDDEN`'),
      message: z.string().describe('What went wrong, in the language of the request'),
      issues: z
        .array(z.object({ path: z.string().describe('The field, e.g. `email`'), message: z.string() }))
        .optional()
        .describe('One entry per field that is wrong'),
      current: z
        .object({
          code: z.string(),
          kind: z.string().describe('`strategy`, `action_plan`, `goal`, …, or `institution`'),
          version: z.number().int(),
          data: z.unknown(),
        })
        .optional()
        .describe('With `EDIT_CONFLICT` only: the element as it is stored now, to show beside the edit that conflicted'),
    }),
  })
  .meta({ id: 'Error' });

export const ParticipantParams = z.object({
  participant: z.string().min(1).max(16).describe('Participant code, e.g. `DL`'),
});

export const RoleSchema = z.enum(ROLES).describe('A role held in a Participant');
export const ActionSchema = z.enum(ACTIONS);
export const LanguageSchema = z.enum(LANGUAGES).describe('An interface language');
export const InstitutionTypeSchema = z.enum(INSTITUTION_TYPES);
export const LevelSchema = z.enum(LEVELS);

export const InstitutionRefSchema = z.object({ code: z.string(), name: z.string() });

export const UserSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    displayName: z.string(),
    language: z.string(),
    mustChangePassword: z.boolean().describe('The password was handed out by a coordinator and must be changed now'),
  })
  .meta({ id: 'User' });

export const SessionSchema = z
  .object({
    user: UserSchema,
    memberships: z.array(
      z.object({
        participant: z.object({ code: z.string(), name: z.string(), currency: z.string() }),
        role: RoleSchema,
        institution: InstitutionRefSchema.nullable(),
        plan: z.string().nullable().describe('The action plan a local coordinator coordinates'),
      }),
    ),
    abilities: z.record(z.string(), z.array(ActionSchema)).describe('What the user may do, per Participant code'),
    planAbilities: z
      .record(z.string(), z.record(z.string(), z.array(ActionSchema)))
      .describe('What the user may do only within one action plan, per Participant code and plan code (a local coordinator)'),
    csrfToken: z.string().describe('Send back in the `X-CSRF-Token` header of every state-changing request'),
  })
  .meta({ id: 'Session' });

/** The error answers every route can give, for the OpenAPI document. */
export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
} as const;

/**
 * The roles a user can hold in a Participant (PRODUCT.md, "Who uses it"). A local coordinator
 * coordinates one local plan (a canton's, county's or municipality's): their membership names it.
 */
export const ROLES = ['coordinator', 'editor', 'focal_point', 'observer', 'donor', 'rapporteur', 'regional', 'local_coordinator'] as const;

export type Role = (typeof ROLES)[number];

/** Tells whether a string names one of Ariadne's roles. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The roles a user can hold in a Participant (PRODUCT.md, "Who uses it"). */
export const ROLES = ['coordinator', 'editor', 'focal_point', 'observer', 'donor', 'rapporteur', 'regional'] as const;

export type Role = (typeof ROLES)[number];

/** Tells whether a string names one of Ariadne's roles. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

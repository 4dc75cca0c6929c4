import { i18n } from './i18n.ts';

function labelOr(key: string, fallback: string): string {
  // A value the catalogue does not know yet (a new type on the server) is shown as sent, not as a key.
  return i18n.exists(key) ? i18n.t(key) : fallback;
}

/** The translated name of a role. */
export function roleLabel(role: string): string {
  return labelOr(`roles.${role}`, role);
}

/** The translated name of an institution type. */
export function institutionTypeLabel(type: string): string {
  return labelOr(`institutionTypes.${type}`, type);
}

/** The translated name of a level of government. */
export function levelLabel(level: string): string {
  return labelOr(`levels.${level}`, level);
}

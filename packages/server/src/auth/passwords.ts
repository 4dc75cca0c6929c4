import { hash, verify } from '@node-rs/argon2';
import type { FieldIssue } from '@ariadne/domain';
import { dictionary } from '@zxcvbn-ts/language-common';

/** Passwords are at least this long; length is the only composition rule (NIST SP 800-63B). */
export const MINIMUM_PASSWORD_LENGTH = 12;
export const MAXIMUM_PASSWORD_LENGTH = 256;

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2_OPTIONS = { algorithm: 2 /* argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let commonPasswords: Set<string> | undefined;
function isCommon(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

/** Hashes a password with argon2id. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Tells whether a password matches a stored hash; a malformed hash never matches. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the e-mail is unknown so that timing does not tell. */
export const DECOY_HASH = await hashPassword('decoy password that is never anyone’s');

/**
 * Checks a new password: long enough, not on the list of common passwords shipped with the
 * application, and not the account's own e-mail address or the product's name.
 */
export function passwordIssues(password: string, context: { email: string }, path = 'newPassword'): FieldIssue[] {
  if (password.length < MINIMUM_PASSWORD_LENGTH) {
    return [{ path, key: 'too_short', params: { minimum: MINIMUM_PASSWORD_LENGTH } }];
  }
  if (password.length > MAXIMUM_PASSWORD_LENGTH) {
    return [{ path, key: 'too_long', params: { maximum: MAXIMUM_PASSWORD_LENGTH } }];
  }
  if (isCommon(password) || /^(.)\1+$/.test(password)) return [{ path, key: 'password_common' }];
  const lowered = password.toLowerCase();
  const local = context.email.toLowerCase().split('@')[0] ?? '';
  if (lowered.includes(context.email.toLowerCase()) || (local.length >= 4 && lowered.includes(local)) || lowered.includes('ariadne')) {
    return [{ path, key: 'password_personal' }];
  }
  return [];
}

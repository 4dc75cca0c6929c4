import { describe, expect, it } from 'vitest';
import { hashPassword, MINIMUM_PASSWORD_LENGTH, passwordIssues, verifyPassword } from './passwords.ts';

const context = { email: 'jelena.ilic@hotline.example' };

describe('password rules', () => {
  it('ask for length only, with no composition rules', () => {
    expect(passwordIssues('short', context)).toEqual([
      { path: 'newPassword', key: 'too_short', params: { minimum: MINIMUM_PASSWORD_LENGTH } },
    ]);
    expect(passwordIssues('all lower case words here', context)).toEqual([]);
    expect(passwordIssues('x'.repeat(257), context)[0]?.key).toBe('too_long');
  });

  it('refuse passwords from the shipped list of common ones, and repeated characters', () => {
    expect(passwordIssues('qwerty123456', context)[0]?.key).toBe('password_common');
    expect(passwordIssues('QWERTY123456', context)[0]?.key).toBe('password_common');
    expect(passwordIssues('aaaaaaaaaaaaaa', context)[0]?.key).toBe('password_common');
  });

  it('refuse passwords built on the account’s e-mail or the product name', () => {
    expect(passwordIssues('Jelena.Ilic2026!', context)[0]?.key).toBe('password_personal');
    expect(passwordIssues('my ariadne password', context)[0]?.key).toBe('password_personal');
  });

  it('hash with argon2id and verify', async () => {
    const stored = await hashPassword('night calls answered 24');
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored, 'night calls answered 24')).toBe(true);
    expect(await verifyPassword(stored, 'night calls answered 25')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });
});

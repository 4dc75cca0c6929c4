import { AppError } from '@ariadne/domain';
import { describe, expect, it } from 'vitest';
import { cliLanguage, describeFailure } from './output.ts';

describe('command-line messages', () => {
  it('take the language from ARIADNE_LANGUAGE or the system locale', () => {
    expect(cliLanguage({ ARIADNE_LANGUAGE: 'sq' })).toBe('sq');
    expect(cliLanguage({ LANG: 'sr_RS.UTF-8' })).toBe('sr-Latn');
    expect(cliLanguage({ LANG: 'mk_MK.UTF-8' })).toBe('mk');
    expect(cliLanguage({ LANG: 'C.UTF-8' })).toBe('en');
    expect(cliLanguage({})).toBe('en');
  });

  it('say what was wrong and where, in one line', () => {
    const error = new AppError('VALIDATION_FAILED', {
      issues: [
        { path: 'email', key: 'invalid_email' },
        { path: '--role', key: 'required' },
      ],
    });
    expect(describeFailure(error, 'en')).toBe(
      'Some of the information is not valid. Please check the marked fields. email: Enter a valid e-mail address.; --role: This field is required.',
    );
    expect(describeFailure(new Error('connect ECONNREFUSED 127.0.0.1:5432'), 'en')).toBe('connect ECONNREFUSED 127.0.0.1:5432');
  });
});

import { AppError } from '@ariadne/domain';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, toAppError } from '../http/errors.ts';

// The failures of a database that cannot be reached, as the clients report them, become one
// answer people can act on: 503 DATABASE_UNAVAILABLE, try again.

const coded = (code: string, message = 'failed'): Error => Object.assign(new Error(message), { code });

describe('a database that cannot be reached', () => {
  it('is told from what the clients report', () => {
    const down = [
      coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      coded('57P01', 'terminating connection due to administrator command'),
      coded('57P03', 'the database system is starting up'),
      coded('08006', 'connection failure'),
      coded('53300', 'sorry, too many clients already'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('the query failed', { cause: coded('ECONNRESET') }),
    ];
    for (const error of down) {
      expect(isDatabaseUnavailable(error), error.message).toBe(true);
      const mapped = toAppError(error);
      expect(mapped.code).toBe('DATABASE_UNAVAILABLE');
      expect(mapped.status).toBe(503);
    }
    expect(toAppError(new AppError('INTERNAL', { cause: coded('57P01') })).code).toBe('DATABASE_UNAVAILABLE');
  });

  it('is not confused with other failures of the database', () => {
    for (const error of [coded('23505', 'duplicate key value'), coded('40001', 'could not serialize access'), new Error('boom')]) {
      expect(isDatabaseUnavailable(error)).toBe(false);
      expect(toAppError(error).code).toBe('INTERNAL');
    }
    expect(toAppError(new AppError('NOT_FOUND')).code).toBe('NOT_FOUND');
  });

  it('a request body that is not JSON is refused with an issue at its root', () => {
    const error = Object.assign(new SyntaxError('Unexpected token } in JSON at position 3'), { statusCode: 400 });
    const mapped = toAppError(error);
    expect(mapped.code).toBe('VALIDATION_FAILED');
    expect(mapped.issues).toEqual([{ path: '$', key: 'body_not_json', params: { detail: 'Unexpected token } in JSON at position 3' } }]);
  });
});

import { AppError } from '@ariadne/domain';
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { fieldIssueFromZod } from '@ariadne/domain';

/**
 * Validates bodies, parameters and query strings with their zod schemas, and turns every problem
 * into a field issue of the error model. The input is reported to the issue mapper so that a
 * missing field reads "required" rather than "wrong type"; it is never echoed back.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return {
      error: new AppError('VALIDATION_FAILED', {
        issues: result.error.issues.flatMap((issue) => fieldIssueFromZod(issue)),
        detail: 'request does not match its schema',
      }),
    };
  };

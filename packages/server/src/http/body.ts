import { AppError } from '@ariadne/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Takes request bodies of a content type as the file they are (a workbook, an attachment), read
 * in the plugin that registers it with a limit of its own: a larger body is refused, as soon as its
 * declared or counted size passes the limit, with PAYLOAD_TOO_LARGE naming the limit in megabytes
 * under the issue key given.
 */
export function acceptFileBodies(
  app: FastifyInstance,
  contentType: string,
  limit: { bytes: number; issueKey: string; what: string },
): void {
  const tooLarge = () =>
    new AppError('PAYLOAD_TOO_LARGE', {
      issues: [{ path: 'file', key: limit.issueKey, params: { megabytes: limit.bytes / 1024 / 1024 } }],
      detail: `${limit.what} over the size limit`,
    });
  app.addContentTypeParser(contentType, async (request: FastifyRequest, payload: NodeJS.ReadableStream) => {
    if (Number(request.headers['content-length'] ?? 0) > limit.bytes) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > limit.bytes) throw tooLarge();
      chunks.push(bytes);
    }
    return Buffer.concat(chunks);
  });
}

import { isLanguage, negotiateLanguage, type Language } from '@ariadne/domain';
import type { FastifyRequest } from 'fastify';

/**
 * The language to answer in: the one the client asks for in Accept-Language (the web application
 * sends its current language), else the signed-in user's saved language, else English.
 */
export function requestLanguage(request: FastifyRequest): Language {
  const header = request.headers['accept-language'];
  if (typeof header === 'string' && header.trim() !== '') return negotiateLanguage(header);
  const saved = request.actorUser?.language;
  if (saved && isLanguage(saved)) return saved;
  return 'en';
}

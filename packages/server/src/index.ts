export { buildServer, WEB_DIST, type ServerOptions } from './app.ts';
export { startServer, type StartOptions } from './serve.ts';
export * from './commands.ts';

export { buildServer, WEB_DIST, type ServerOptions } from './app.ts';
export { createUser, type CreateUserOptions, type CreatedUser } from './commands/createUser.ts';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemo } from './commands/loadDemo.ts';
export { startServer, type StartOptions } from './serve.ts';

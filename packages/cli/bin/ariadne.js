#!/usr/bin/env node
// Runs the command line from its TypeScript sources.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');

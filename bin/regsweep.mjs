#!/usr/bin/env node
// regsweep's command line. The package ships TypeScript sources; tsx's loader runs them (and sweep files).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');

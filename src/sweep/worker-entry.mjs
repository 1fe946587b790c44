// Entry point of a trial worker thread: register the TypeScript loader in this thread, then run the worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');

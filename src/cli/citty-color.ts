// citty prints --help and usage errors in colour unless NO_COLOR=1, which it reads once, when it is loaded.
// Importing this module before citty tells it what useColor decided (a terminal, NO_COLOR, FORCE_COLOR):
// a module's imports are evaluated in the order they are written.
import { useColor } from './color.ts';

if (!useColor()) process.env.NO_COLOR = '1';

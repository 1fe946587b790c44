/**
 * `import(specifier)`: how regsweep loads an ES module at run time (vega for charts, the TypeScript
 * loader for sweep files). The command line's CommonJS build (scripts/build.mjs) replaces this module:
 * bin/regsweep.mjs compiles that build with V8's code cache through node:vm, and in Node 20 an import()
 * in code restored from a code cache fails ("A dynamic import callback was not specified"), so the build
 * calls an import() of bin/regsweep.mjs's own instead.
 *
 * @example
 * const { compile } = await importModule<typeof import('vega-lite')>('vega-lite');
 */
export function importModule<T>(specifier: string): Promise<T> {
  return import(specifier) as Promise<T>;
}

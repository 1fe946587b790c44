/**
 * Minimal typing for the `jstat` package (it ships none). Only the function that
 * `distributions.ts` calls is declared; everything else in jstat stays untyped on purpose,
 * so a new call has to be added here deliberately.
 *
 * The package is a CommonJS/UMD bundle: under Node ESM its `module.exports` (the `jStat`
 * object) arrives as the default export.
 *
 * @example
 * import jStat from 'jstat';
 * jStat.normal.cdf(1.959964, 0, 1); // ≈ 0.975
 */
declare module 'jstat' {
  interface JStatNormal {
    /** P(X ≤ x) for X ~ Normal(mean, std²). */
    cdf(x: number, mean: number, std: number): number;
  }

  interface JStat {
    readonly normal: JStatNormal;
  }

  const jStat: JStat;
  export default jStat;
}

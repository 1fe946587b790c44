/**
 * Minimal typing for the `jstat` package (it ships none). Only the functions that
 * `distributions.ts` calls are declared; everything else in jstat stays untyped on purpose,
 * so a new call has to be added here deliberately.
 *
 * The package is a CommonJS/UMD bundle: under Node ESM its `module.exports` (the `jStat`
 * object) arrives as the default export.
 *
 * @example
 * import jStat from 'jstat';
 * jStat.studentt.inv(0.975, 9); // ≈ 2.262157
 */
declare module 'jstat' {
  interface JStatStudentT {
    /** P(T ≤ x) for Student's t with `dof` degrees of freedom. */
    cdf(x: number, dof: number): number;
    /** Quantile: the x with P(T ≤ x) = p. */
    inv(p: number, dof: number): number;
  }

  interface JStatNormal {
    /** P(X ≤ x) for X ~ Normal(mean, std²). */
    cdf(x: number, mean: number, std: number): number;
  }

  interface JStat {
    readonly studentt: JStatStudentT;
    readonly normal: JStatNormal;
  }

  const jStat: JStat;
  export default jStat;
}

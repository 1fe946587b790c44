export { didYouMean } from '../text/did-you-mean.ts';

/**
 * A sweep definition that cannot be run: the message names the file and the field path, one problem a line.
 * The CLI prints it as is and exits with code 2.
 */
export class SweepConfigError extends Error {
  override name = 'SweepConfigError';
  constructor(readonly file: string, readonly problems: string[], options?: { cause?: unknown }) {
    super(problems.map((p) => `${file}: ${p}`).join('\n'), options);
  }
}

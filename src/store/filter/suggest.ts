// The filter language suggests names with regsweep's one "did you mean" rule.
export { editDistance, suggest } from '../../text/did-you-mean.ts';

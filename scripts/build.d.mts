// Types of scripts/build.mjs for the TypeScript callers (test/cli/build.test.ts, bench/cli.ts).
export declare const root: string;
export declare const outdir: string;
export declare function buildInputs(): string[];
export declare function inputHash(): string;

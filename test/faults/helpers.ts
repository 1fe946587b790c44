import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** Start `regsweep <args>` as a real child process (`env` added to this process's); collect its output. */
export function startCli(args: string[], env: Record<string, string> = {}): { child: ChildProcess; output: () => string; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, ['bin/regsweep.mjs', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => out, exit };
}

/** Run `regsweep <args>` to its end (`env` added to this process's); its exit code and its two outputs apart. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['bin/regsweep.mjs', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Read trial statuses straight from the file (read-only), as an outside observer would. */
export function statuses(db: string): Record<string, number> {
  let h: Database.Database;
  try {
    h = new Database(db, { readonly: true, fileMustExist: true });
  } catch {
    return {}; // not created yet
  }
  try {
    const rows = h.prepare('select status, count(*) as n from trials group by status').all() as Array<{ status: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } catch {
    return {};
  } finally {
    h.close();
  }
}

/** Poll until `cond` holds (or fail after `ms`). */
export async function waitFor(cond: () => boolean, ms = 30_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function sql<T>(db: string, query: string): T[] {
  const h = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return h.prepare(query).all() as T[];
  } finally {
    h.close();
  }
}

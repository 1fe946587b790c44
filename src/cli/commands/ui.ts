import { spawn } from 'node:child_process';
import { defineCommand } from 'citty';
import { openStore, storeLabel } from '../../store/open-store.ts';
import { startUi } from '../../ui/server/index.ts';
import { handled, UsageError } from '../errors.ts';
import { dbArgs, dbPath, intOption } from '../options.ts';

export default defineCommand({
  meta: { name: 'ui', description: 'Serve a live dashboard of the sweeps in the browser (read-only)' },
  args: {
    ...dbArgs,
    port: { type: 'string', valueHint: 'n', description: 'port to listen on (default 8321; 0 = any free port)' },
    host: { type: 'string', valueHint: 'address', description: 'address to bind (default 127.0.0.1); any other than loopback requires the printed token' },
    open: { type: 'boolean', description: 'open the dashboard in the default browser' },
  },
  run: handled(async ({ args }) => {
    const port = intOption('port', args.port, 0) ?? 8321;
    if (port > 65535) throw new UsageError(`--port must be at most 65535, got ${port}`);
    const path = dbPath(args);
    // Read-only: a missing database is `no database at PATH`, exit code 2; nothing is created or migrated.
    const store = await openStore(path, { mustExist: true, migrate: false });
    let ui;
    try {
      ui = await startUi(store, { host: args.host, port });
    } catch (error) {
      await store.close();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new UsageError(`port ${port} is in use; pass --port with another (or 0 for any free port)`, { cause: error });
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`cannot bind ${args.host}: not an address of this machine`, { cause: error });
      throw error;
    }
    console.log(`regsweep ui: ${storeLabel(path)} at ${ui.url}`);
    if (ui.token) console.log(`the dashboard is reachable from other machines: every request needs the token above (?token=${ui.token})`);
    console.log('read-only; Ctrl-C to stop');
    if (args.open) openBrowser(ui.url);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await ui.close();
    await store.close();
    return 0;
  }),
});

/** The platform's "open this URL" command, detached; a failure only prints. */
function openBrowser(url: string): void {
  const [cmd, ...args] = process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '', url] : ['xdg-open', url];
  const child = spawn(cmd!, args, { stdio: 'ignore', detached: true });
  child.on('error', () => console.error(`regsweep ui: could not open a browser (${cmd}); open ${url} yourself`));
  child.unref();
}

import { defineCommand } from 'citty';
import { migrateToLatest, openSqlite, sqliteDialect } from '../../store/index.ts';
import { dbArgs, dbPath, handled } from '../shared.ts';

const migrate = defineCommand({
  meta: { name: 'migrate', description: 'Create the database or bring its schema up to date (opening it does this too).' },
  args: { ...dbArgs },
  run: handled(async ({ args }) => {
    const db = await openSqlite(dbPath(args), { migrate: false });
    try {
      const report = await migrateToLatest(db, { dialect: sqliteDialect, label: dbPath(args) });
      console.log(report.applied.length > 0
        ? `${dbPath(args)}: applied ${report.applied.join(', ')}; schema is now ${report.schemaVersion}`
        : `${dbPath(args)}: schema is up to date (${report.schemaVersion})`);
    } finally {
      await db.destroy();
    }
  }),
});

export default defineCommand({
  meta: { name: 'db', description: 'Database maintenance.' },
  subCommands: { migrate },
});

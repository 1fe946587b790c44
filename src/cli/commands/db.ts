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
      console.log(JSON.stringify(report));
    } finally {
      await db.destroy();
    }
  }),
});

export default defineCommand({
  meta: { name: 'db', description: 'Database maintenance.' },
  subCommands: { migrate },
});

import type { Migration } from 'kysely';
import * as initial from './0001-initial.ts';
import * as queuedTrials from './0002-queued-trials.ts';
import * as trialsSweepId from './0003-trials-sweep-id.ts';
import * as trialChanges from './0004-trial-changes.ts';
import * as configurationNumber from './0005-configuration-number.ts';

/**
 * Every schema migration, by name, imported statically so they load under any loader or bundler.
 * Names sort in the order they run; add new ones at the end with the next number.
 *
 * @example
 * const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-queued-trials': queuedTrials,
  '0003-trials-sweep-id': trialsSweepId,
  '0004-trial-changes': trialChanges,
  '0005-configuration-number': configurationNumber,
};

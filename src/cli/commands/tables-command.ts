import { Command } from 'commander';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { openCliSwarm } from '../open-cli-swarm.ts';

/** `swarm tables`: lists the store's tables. */
export function tablesCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('tables')
    .description('list the tables in the store')
    .option('--json', 'print the list as JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const swarm = openCliSwarm(io, command);
      try {
        const tables = await swarm.tables();
        if (flags.json) {
          io.stdout.write(`${JSON.stringify(tables)}\n`);
        } else if (tables.length === 0) {
          io.stdout.write(`No tables in ${swarm.dir}. Create one with: swarm create --tasks FILE\n`);
        } else {
          for (const table of tables) {
            const created = new Date(table.createdAt).toISOString().replace('T', ' ').slice(0, 19);
            io.stdout.write(`${table.id}\t${table.count} rows\t${table.passes} passes\t${created}\t${table.columns.join(', ')}\n`);
          }
        }
        setExitCode(exitCodes.ok);
      } finally {
        swarm.close();
      }
    });
}

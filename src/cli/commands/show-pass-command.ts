import { Command } from 'commander';
import { formatCost, formatCount, formatDuration } from '../../format/format-numbers.ts';
import { plural } from '../../format/plural.ts';
import type { PassReport } from '../../store/operations/pass-report.ts';
import { NotFoundError } from '../../errors/not-found-error.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { openExistingStore } from '../open-cli-store.ts';

/** `swarm show-pass`: one pass in full. */
export function showPassCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('show-pass')
    .description('show one pass: model, instruction, status, rows done and failed, calls, retries, tokens, cost, time')
    .argument('<pass>', 'pass id (see swarm passes TABLE)')
    .option('--json', 'print it as JSON')
    .addHelpText('after', '\nExample:\n  swarm show-pass pass-1a2b3c4d5e6f\n')
    .action(async (passId: string, flags: { json?: boolean }, command: Command) => {
      const store = openExistingStore(io, command);
      if (store === undefined) throw new NotFoundError('pass', passId, 'The store has no passes yet');
      try {
        const pass = store.passes.report(passId);
        io.stdout.write(flags.json ? `${JSON.stringify(pass)}\n` : describePass(pass));
        setExitCode(exitCodes.ok);
      } finally {
        store.close();
      }
    });
}

function describePass(pass: PassReport): string {
  const time = (at: number) => new Date(at).toISOString().replace('T', ' ').slice(0, 19);
  const calls = [
    plural(pass.calls, 'call'),
    ...(pass.retries > 0 ? [plural(pass.retries, 'retry', 'retries')] : []),
    ...(pass.rateLimited > 0 ? [`${pass.rateLimited} refused for the rate limit`] : []),
    ...(pass.cachedCalls > 0 ? [`${pass.cachedCalls} answered from the cache`] : []),
  ];
  const lines = [
    `Pass ${pass.id} on table ${pass.tableId}`,
    `  model        ${pass.model}`,
    `  status       ${pass.status}${pass.stopReason === undefined ? '' : `: ${pass.stopReason}`}`,
    `  rows         ${pass.rows.done} done, ${pass.rows.failed} failed, ${pass.rows.unanswered} without an answer from this pass`,
    `  calls        ${calls.join(', ')}`,
    `  tokens       ${formatCount(pass.inputTokens)} input + ${formatCount(pass.outputTokens)} output`,
    `  cost         ${formatCost(pass.cost)}`,
    `  time         ${formatDuration(pass.runSeconds)} over ${plural(pass.runs, 'run')}; created ${time(pass.createdAt)} UTC, last run ${time(pass.updatedAt)} UTC`,
    '  instruction',
    ...pass.instruction.split('\n').map((line) => `    ${line}`),
    ...(pass.context === undefined ? [] : ['  context', ...pass.context.split('\n').map((line) => `    ${line}`)]),
  ];
  if (pass.rows.failed > 0) lines.push(`See the failures with: swarm failures ${pass.tableId} --pass ${pass.id}`);
  return `${lines.join('\n')}\n`;
}

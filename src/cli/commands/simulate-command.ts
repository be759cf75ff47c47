import { Command, InvalidArgumentError, Option } from 'commander';
import type { FailAllMode, FaultSettings } from '../../simulator/fault-settings.ts';
import type { LimitDisclosure } from '../../simulator/limits/limit-disclosure.ts';
import { limitNames } from '../../simulator/limits/limit-name.ts';
import type { LimitShape } from '../../simulator/limits/limit-shape.ts';
import type { SimulatorLimits } from '../../simulator/simulator-limits.ts';
import type { CliIo } from '../cli-io.ts';
import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import { exitCodes } from '../exit-codes.ts';
import { parseNonNegative } from '../parse-numbers.ts';

// Flags named as the simulator's own settings (`--hang-rate` is `hangRate`), passed on as they are.
type SimulateFlags = SimulatorLimits &
  FaultSettings & {
    port: number;
    seed: number;
    firstTokenMs?: number;
    firstTokenP90Ms?: number;
    tokensPerSecond?: number;
    slowFraction?: number;
    slowFactor?: number;
    limitShape: LimitShape;
    limitHeaders: boolean;
    limitDisclosure: LimitDisclosure;
  };

const limitFlags = [...limitNames, 'maxInFlight'] as const satisfies ReadonlyArray<keyof SimulatorLimits>;
const faultFlags = [
  'serverErrorRate',
  'overloadedRate',
  'rateLimitRate',
  'rateLimitRetryAfterMs',
  'hangRate',
  'dropRate',
  'malformedRate',
  'truncatedRate',
  'midStreamErrorRate',
  'slowFirstTokenRate',
  'slowFirstTokenMs',
  'failAll',
] as const satisfies ReadonlyArray<keyof FaultSettings>;

/** `swarm simulate`: serves the OpenAI, Anthropic and Gemini wire formats on loopback, with limits and faults. */
export function simulateCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  const number = (name: string, description: string) => new Option(`--${name} <n>`, description).argParser(parseNonNegative);
  const rate = (name: string, description: string) => new Option(`--${name} <p>`, `${description} (0-1)`).argParser(parseRate);
  return new Command('simulate')
    .description('run a local provider simulator (OpenAI, Anthropic, Gemini wire formats) with exact rate limits and injected faults')
    .addOption(new Option('--port <n>', 'port to listen on (0: any free port)').default(0).argParser(parsePort))
    .addOption(new Option('--seed <n>', 'seed for latency and fault draws').default(0).argParser(parseNonNegative))
    .addOption(number('requests-per-minute', 'requests per minute per key and model'))
    .addOption(number('tokens-per-minute', 'input + output tokens per minute'))
    .addOption(number('input-tokens-per-minute', 'input tokens per minute'))
    .addOption(number('output-tokens-per-minute', 'output tokens per minute'))
    .addOption(number('tokens-per-day', 'tokens per day'))
    .addOption(number('requests-per-day', 'requests per day'))
    .addOption(number('max-in-flight', 'most requests in flight per key and model'))
    .addOption(number('first-token-ms', 'time to first token (the median, with --first-token-p90-ms)'))
    .addOption(number('first-token-p90-ms', 'draw the time to first token from a log-normal distribution with this 90th percentile'))
    .addOption(number('tokens-per-second', 'output speed after the first token'))
    .addOption(rate('slow-fraction', 'share of calls that are slow'))
    .addOption(number('slow-factor', 'how much slower the slow calls are'))
    .addOption(rate('server-error-rate', 'share of calls answered 500/502/503'))
    .addOption(rate('overloaded-rate', 'share answered overloaded (Anthropic 529, OpenAI 503)'))
    .addOption(rate('rate-limit-rate', 'share answered 429 even under the limits'))
    .addOption(number('rate-limit-retry-after-ms', 'the wait those 429s ask for (default 1000)'))
    .addOption(rate('hang-rate', 'share accepted and never answered'))
    .addOption(rate('drop-rate', 'share whose connection is dropped mid-response'))
    .addOption(rate('malformed-rate', 'share answered with broken JSON'))
    .addOption(rate('truncated-rate', 'share answered with JSON cut in half'))
    .addOption(rate('mid-stream-error-rate', 'share of streams that fail midway'))
    .addOption(rate('slow-first-token-rate', 'share of calls whose first token comes late'))
    .addOption(number('slow-first-token-ms', 'how late (default 30000)'))
    .addOption(
      new Option('--limit-shape <shape>', 'per-second: enforce each per-minute limit as limit/60 a second (OpenAI, Anthropic; Gemini windows stay per minute); per-minute: allow the whole minute at once')
        .choices(['per-second', 'per-minute'])
        .default('per-second'),
    )
    .addOption(new Option('--no-limit-headers', 'answer without rate-limit headers (clients must learn limits from 429s)'))
    .addOption(
      new Option('--limit-disclosure <what>', 'full: headers and 429s state the limits; retry-after: no limit headers, 429s without numbers, only the wait; nothing: not even the wait')
        .choices(['full', 'retry-after', 'nothing'])
        .default('full'),
    )
    .addOption(new Option('--fail-all <mode>', 'answer every call with this error').choices(['auth', 'billing', 'quota']))
    .addHelpText(
      'after',
      `
Examples:
  swarm simulate --port 8787 --requests-per-minute 600 --tokens-per-minute 200000
  swarm simulate --server-error-rate 0.05 --rate-limit-rate 0.02 --first-token-ms 300
`,
    )
    .action(async (flags: SimulateFlags) => {
      if (flags.firstTokenP90Ms !== undefined && (flags.firstTokenMs === undefined || flags.firstTokenP90Ms < flags.firstTokenMs)) {
        throw new InvalidInputError('--first-token-p90-ms needs --first-token-ms (the median), and must not be below it');
      }
      // Loaded here, not with the CLI: the simulator and its HTTP server are ~100 modules no other command needs.
      const { startSimulator } = await import('../../simulator/start-simulator.ts');
      const simulator = await startSimulator({
        port: flags.port,
        seed: flags.seed,
        limits: given(flags, limitFlags),
        faults: given(flags, faultFlags),
        limitShape: flags.limitShape,
        limitHeaders: flags.limitHeaders,
        limitDisclosure: flags.limitDisclosure,
        latency: given(
          {
            ...flags,
            firstTokenMs: flags.firstTokenP90Ms === undefined ? flags.firstTokenMs : { median: flags.firstTokenMs!, p90: flags.firstTokenP90Ms },
          },
          ['firstTokenMs', 'tokensPerSecond', 'slowFraction', 'slowFactor'],
        ),
      }).catch((error: NodeJS.ErrnoException) => {
        throw listenProblem(error, flags.port) ?? error;
      });
      io.stdout.write(
        [
          `Provider simulator listening on ${simulator.url} (Ctrl-C to stop). Any key is accepted.`,
          `  OPENAI_BASE_URL=${simulator.baseUrls.openai} OPENAI_API_KEY=sk-sim`,
          // The origin: Anthropic's SDK adds /v1/messages, the AI SDK /messages; both are served.
          `  ANTHROPIC_BASE_URL=${simulator.url} ANTHROPIC_API_KEY=sk-ant-sim`,
          `  GOOGLE_GENERATIVE_AI_BASE_URL=${simulator.baseUrls.google} GOOGLE_GENERATIVE_AI_API_KEY=sim`,
          `  GOOGLE_GEMINI_BASE_URL=${simulator.url} GEMINI_API_KEY=sim (for @google/genai)`,
          `Change limits while it runs: curl -X PUT ${simulator.url}/simulator/limits -d '{"requestsPerMinute": 30}'`,
          `Traffic so far: curl ${simulator.url}/simulator/stats`,
          '',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      const { total } = simulator.stats();
      await simulator.close();
      io.stdout.write(`Stopped. ${JSON.stringify(total)}\n`);
      setExitCode(exitCodes.ok);
    });
}


function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidArgumentError('expected a port number from 0 to 65535 (0: any free port)');
  return port;
}

/** A port the simulator cannot listen on is the user's to change, not an internal error. */
function listenProblem(error: NodeJS.ErrnoException, port: number): InvalidInputError | undefined {
  if (error.code === 'EADDRINUSE') return new InvalidInputError(`port ${port} is already in use: pick another with --port, or --port 0 for any free port`);
  if (error.code === 'EACCES') return new InvalidInputError(`port ${port} needs privileges this process lacks: use a port above 1023, or --port 0 for any free port`);
  return undefined;
}

function parseRate(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 1) throw new InvalidArgumentError('expected a probability between 0 and 1');
  return number;
}

/** The flags among `names` that were given. */
function given<T extends object, K extends keyof T>(flags: T, names: readonly K[]): Pick<T, K> {
  return Object.fromEntries(names.filter((name) => flags[name] !== undefined).map((name) => [name, flags[name]])) as Pick<T, K>;
}


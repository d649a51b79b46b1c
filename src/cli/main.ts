/** The `debrief` command line. Returns the exit code; errors are one line on stderr. */
import { parseArgs } from 'node:util';
import { ENGINES, type EngineName } from './engines.ts';

const USAGE = `usage:
  debrief analyze <crisis-dir> --out <dir> [--strict] [--quiet] [--no-cache] [--workers N] [--engine wasm|native]
                                                                   write the crisis's report bundle: report.json, the messages
                                                                   and cases tables (Arrow), messages.csv and cases.csv
                                                                   (--workers: worker threads for language analyses, 0 = none;
                                                                    default DEBRIEF_WORKERS, else one per core but one;
                                                                    --engine native: the native DuckDB for crises beyond
                                                                    DuckDB-WASM's 4 GB heap; same SQL, same bytes out)
  debrief build [--quiet] [--workers N] [--engine wasm|native]     analyse what changed in data/* and build the report site into dist/
  debrief dev                                                      the same, then serve the site with live reload (notebook writing)
  debrief new <slug>                                               scaffold data/<slug>/crisis.yaml and reports/<slug>.mdx
                                                                    (with crisis.yaml there: only the notebook, fitted to the crisis)
  debrief faults suggest <crisis-dir> | faults accept <crisis-dir>  keywords for crisis.yaml's faults from the crisis's own texts
                                                                    (see \`debrief faults --help\`)`;

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'faults') return (await import('./faults-suggest.ts')).faultsCommand(argv.slice(1));
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        quiet: { type: 'boolean', short: 'q' },
        strict: { type: 'boolean' },
        'no-cache': { type: 'boolean' },
        workers: { type: 'string' },
        engine: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      process.stdout.write(`${USAGE}\n`);
      return command || values.help ? 0 : 2;
    }
    if (command === 'analyze') {
      if (rest.length !== 1 || !values.out) throw new UsageError('analyze needs a crisis directory and --out <dir>');
      const workers = parseWorkers(values.workers);
      // Commands load their modules when run. The analysis runs in a child process with a heap sized from the
      // machine (DEBRIEF_HEAP_MB): running out of it is one line from this process, never V8's raw crash.
      const { analyzeInChildProcess } = await import('../node/analysis-process.ts');
      await analyzeInChildProcess(rest[0], { out: values.out, quiet: values.quiet, strict: values.strict, cacheDir: values['no-cache'] ? null : undefined, workers, engine: parseEngine(values.engine) });
      return 0;
    }
    if (command === 'build' || command === 'dev') {
      const workers = parseWorkers(values.workers);
      const { build, dev } = await import('./build.ts');
      await (command === 'build' ? build : dev)(process.cwd(), { quiet: values.quiet, workers, engine: parseEngine(values.engine) });
      return 0;
    }
    if (command === 'new') {
      if (rest.length !== 1) throw new UsageError('new needs a slug, e.g. `debrief new router-outage-2024`');
      const { newCrisis } = await import('./new.ts');
      const { created, next } = await newCrisis(process.cwd(), rest[0]);
      process.stdout.write(`created ${created.join(', ')}: ${next}\n`);
      return 0;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`debrief: ${error instanceof UsageError ? `${message}\n${USAGE}` : message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

class UsageError extends Error {}

function parseEngine(value: string | undefined): EngineName | undefined {
  const engine = value ?? process.env.DEBRIEF_ENGINE;
  if (engine === undefined || engine === '') return undefined;
  if (!(ENGINES as readonly string[]).includes(engine)) throw new UsageError(`--engine must be one of ${ENGINES.join(', ')} (got "${engine}")`);
  return engine as EngineName;
}

function parseWorkers(value: string | undefined): number | undefined {
  const workers = value === undefined ? undefined : Number(value);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0)) throw new UsageError(`--workers must be a whole number ≥ 0 (got "${value}")`);
  return workers;
}

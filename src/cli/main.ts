/** The `debrief` command line. Returns the exit code; errors are one line on stderr. */
import { parseArgs } from 'node:util';
import { analyzeDirectory } from './analyze.ts';
import { build } from './build.ts';
import { newCrisis } from './new.ts';

const USAGE = `usage:
  debrief analyze <crisis-dir> --out <dir> [--strict] [--quiet] [--no-cache] [--workers N]
                                                                   write report.json, messages.csv and cases.csv
                                                                   (--workers: worker threads for language analyses, 0 = none;
                                                                    default DEBRIEF_WORKERS, else one per core but one)
  debrief build [--quiet]                                          analyse data/* and build the report site into dist/
  debrief new <slug>                                               scaffold data/<slug>/crisis.yaml and reports/<slug>.mdx`;

export async function main(argv: string[]): Promise<number> {
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
      const workers = values.workers === undefined ? undefined : Number(values.workers);
      if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0)) throw new UsageError(`--workers must be a whole number ≥ 0 (got "${values.workers}")`);
      const result = await analyzeDirectory(rest[0], { out: values.out, quiet: values.quiet, strict: values.strict, cacheDir: values['no-cache'] ? null : undefined, workers });
      await result.engine.close();
      return 0;
    }
    if (command === 'build') {
      await build(process.cwd(), { quiet: values.quiet });
      return 0;
    }
    if (command === 'new') {
      if (rest.length !== 1) throw new UsageError('new needs a slug, e.g. `debrief new router-outage-2024`');
      const created = await newCrisis(process.cwd(), rest[0]);
      process.stdout.write(`created ${created.join(', ')}: add your exports to the data directory, list them under sources: in crisis.yaml, and write the post-mortem in the notebook\n`);
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

// The CLI's front: parses arguments and answers --help and usage errors without loading the core (commands.ts
// loads it, lazily, so `glossator --help` starts in the time Node itself takes). Exit 0 ok, 1 failed, 2 usage.
import { COMMANDS, UsageError, parse, type CliHooks, type Out } from './options';

export type { CliHooks } from './options';

export const USAGE = `Usage: glossator <command> [options]

Commands:
  list                       the corpus documents with word and passage counts; files not loaded, with why, on stderr
  stats                      passages per tag and document, passages needing review, reading coverage
  export --out FILE          the selected passages as --format md|html|csv|jsonld|qdpx|qdc (default: FILE's extension)
  import FILE                annotations (.jsonld) or a project (.qdpx) or a codebook (.qdc), merged without duplicates
  agreement                  inter-coder agreement per tag: percent, kappa, alpha (character level); --coders a,b
                             --threshold 90 adds segment-level agreement; --absent missing|uncoded; --by-document
  sync [--remote URL]        commit, fetch, merge per passage, push the project in --corpus DIR (default: here);
                             token from $GLOSSATOR_TOKEN; --accept-rewritten-remote merges a force-pushed remote
  merge-driver O A B [P]     git merge driver (see README): merged file to A; exit 1 when conflicts were recorded
  suggest                    proposed passages (--docs, --tags, --json), learnt from the stored passages; writes nothing

Options:
  --corpus DIR    corpus folder (default: the bundled corpus)
  --data DIR      data folder (default: the desktop app's, or $GLOSSATOR_DATA_DIR)
  --group-by tag|document   --tags a,b   --docs id,id   --text WORDS   --no-notes   --hashtags   --bom
  --offsets codepoints|utf16   unit of W3C and CSV offsets (default: code points)
  --json          list/stats/agreement/suggest as JSON`;

export async function main(argv: string[], out: Out = process.stdout, err: Out = process.stderr, hooks: CliHooks = {}): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      out.write(`${USAGE}\n`);
      return command || values.help ? 0 : 2;
    }
    if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`Unknown command "${command}".`);
    if (command === 'sync' || command === 'merge-driver') {
      const { runSync, runMergeDriver } = await import('./sync-commands');
      return command === 'sync' ? await runSync(values, out, err) : await runMergeDriver(rest, out, err);
    }
    const { runCommand } = await import('./commands');
    return await runCommand(command as (typeof COMMANDS)[number], rest, values, out, err, hooks);
  } catch (error) {
    err.write(`glossator: ${(error as Error).message}\n`);
    if (error instanceof UsageError) {
      err.write('Run `glossator --help` for usage.\n');
      return 2;
    }
    return 1;
  }
}

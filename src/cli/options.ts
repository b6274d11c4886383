// Command-line parsing for the CLI: flags into digest options, with usage errors in plain words.
import { parseArgs } from 'node:util';
import { extname } from 'node:path';
import type { DigestOptions, ExportFormat, ImportFormat, Tag } from '../shared/types';
import type { FileOps } from '../main/store/file-ops';

export class UsageError extends Error {}

export type Out = { write(text: string): unknown };

/** What tests may inject into the core a command builds: file-system calls with armed faults. */
export interface CliHooks {
  ops?: FileOps;
}

export const COMMANDS = ['list', 'stats', 'export', 'import', 'agreement', 'sync', 'merge-driver', 'suggest'] as const;

export const EXPORT_FORMATS: readonly ExportFormat[] = ['md', 'html', 'csv', 'jsonld', 'qdpx', 'qdc'];
export const IMPORT_FORMATS: readonly ImportFormat[] = ['jsonld', 'qdpx', 'qdc'];

export function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        corpus: { type: 'string' },
        data: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string' },
        'group-by': { type: 'string', default: 'tag' },
        tags: { type: 'string' },
        docs: { type: 'string' },
        text: { type: 'string', default: '' },
        'no-notes': { type: 'boolean', default: false },
        hashtags: { type: 'boolean', default: false },
        bom: { type: 'boolean', default: false },
        offsets: { type: 'string' },
        json: { type: 'boolean', default: false },
        coders: { type: 'string' },
        threshold: { type: 'string' },
        absent: { type: 'string' },
        'by-document': { type: 'boolean', default: false },
        remote: { type: 'string' },
        'accept-rewritten-remote': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export type Values = ReturnType<typeof parse>['values'];

const list = (value: string | undefined): string[] =>
  (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** Tags may be named by id or by name, case-insensitively. */
function tagIdsOf(names: string[], tags: readonly Tag[]): string[] {
  return names.map((name) => {
    const tag = tags.find((t) => t.id === name || t.name.toLocaleLowerCase() === name.toLocaleLowerCase());
    if (!tag) throw new UsageError(`Unknown tag "${name}". Tags: ${tags.map((t) => t.name).join(', ')}.`);
    return tag.id;
  });
}

export function digestOptions(values: Values, tags: readonly Tag[], docIds: readonly string[]): DigestOptions {
  const groupBy = values['group-by'];
  if (groupBy !== 'tag' && groupBy !== 'document') throw new UsageError(`--group-by takes "tag" or "document", not "${groupBy}".`);
  const docs = list(values.docs);
  const unknown = docs.filter((d) => !docIds.includes(d));
  if (unknown.length > 0) throw new UsageError(`Unknown document: ${unknown.join(', ')}. See \`glossator list\`.`);
  return {
    groupBy,
    tagIds: tagIdsOf(list(values.tags), tags),
    docIds: docs,
    text: values.text ?? '',
    includeNotes: !values['no-notes'],
    hashtags: values.hashtags ?? false,
    bom: values.bom ?? false,
    ...offsetsOf(values.offsets),
  };
}

/** `--offsets utf16|codepoints`: the unit of W3C and CSV offsets (code points unless asked). */
function offsetsOf(value: string | undefined): Pick<DigestOptions, 'offsets'> {
  if (value === undefined) return {};
  if (value !== 'utf16' && value !== 'codepoints') throw new UsageError(`--offsets takes "codepoints" or "utf16", not "${value}".`);
  return { offsets: value };
}

export function exportFormat(values: Values): ExportFormat {
  const format = values.format ?? (values.out ? extname(values.out).slice(1) : '');
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format takes one of ${EXPORT_FORMATS.join(', ')}${format ? `, not "${format}"` : ''}.`);
  }
  return format as ExportFormat;
}

export function importFormat(values: Values, file: string): ImportFormat {
  const ext = extname(file).slice(1).toLowerCase();
  const format = values.format ?? (ext === 'json' ? 'jsonld' : ext);
  if (!(IMPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`Cannot tell the format of ${file}: pass --format ${IMPORT_FORMATS.join('|')}.`);
  }
  return format as ImportFormat;
}

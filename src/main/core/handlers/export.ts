// Handlers for output and input: digest preview, charts, export in every format, and import.
import { expandWithDescendants } from '../../../shared/tag-tree';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Handlers } from '../../../shared/contract';
import type { DigestOptions, ExportFormat, GlossDocument, ImportFormat, PlacedAnnotation } from '../../../shared/types';
import { GlossatorError } from '../../../shared/result';
import { UnconfirmedWriteError, WriteFailedError, writeDurably } from '../../store/durable-write';
import { renderMarkdown, renderMarkdownParts, exportFileName } from '../../export/digest';
import { renderCsv } from '../../export/csv';
import { renderHtml } from '../../export/html';
import { buildCharts } from '../../export/charts';
import { selectPassages, type Selection } from '../../export/select';
import type { ExportCoder, ExportSet } from '../../export/types';
import { renderWebAnnotation } from '../../interop/webanno-export';
import { parseWebAnnotation } from '../../interop/webanno-import';
import { renderQdc, renderQdpx } from '../../interop/refi-export';
import { parseQdc, parseQdpx } from '../../interop/refi-import';
import type { ImportService } from '../import/import-service';
import type { ParsedImport } from '../../interop/types';
import type { TagStore } from '../../store/tag-store';
import type { AnnotationService } from '../annotation-service';
import type { Clock, OpenTarget, PdfPrinter, SaveTarget } from '../ports';
import type { CorpusService } from '../corpus-service';
import type { Placement } from '../placements';
import type { Memo } from '../../../shared/memos';

export type { OpenTarget, PdfPrinter, SaveTarget } from '../ports';

export interface ExportDeps {
  corpus: CorpusService;
  annotations: AnnotationService;
  tags: TagStore;
  importer: ImportService;
  clock: Clock;
  version: string;
  saveTarget: SaveTarget;
  openTarget: OpenTarget;
  pdf: PdfPrinter | null;
  /** The corpus's memos, for the digests and REFI-QDA (none when absent). */
  memos?: () => Promise<Memo[]>;
  /** Who codes here, this machine's coder first (REFI-QDA Users); none before there is a coder identity. */
  coders?: () => Promise<ExportCoder[]>;
}

/** This machine's coder, as exports credit it: none until the analyst has a coder identity. */
export async function exportCoders(settings: { coder(): Promise<{ id: string; name: string } | null> }): Promise<ExportCoder[]> {
  const coder = await settings.coder();
  return coder ? [{ id: coder.id, name: coder.name }] : [];
}

/** Largest file an import reads: far above any real annotation export, well below memory trouble. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

type Rendered = { data: string | Uint8Array; skipped: number };

/**
 * The last selection made, reused while nothing it depends on changed: the preview asks for the
 * digest and the charts of the same options one after the other, and rebuilds the digest when an
 * option that does not filter (grouping, notes, hashtags) changes. It depends on the filters,
 * the corpus's document list (replaced whenever a document is added, removed or changed, its
 * metadata included) and each document's placement (replaced whenever its passages or text change).
 */
export class SelectionMemo {
  private last: { key: string; docs: readonly GlossDocument[]; placements: readonly Placement[]; selection: Selection } | null = null;

  get(docs: readonly GlossDocument[], placements: readonly Placement[], options: DigestOptions): Selection {
    const key = JSON.stringify([options.docIds, options.tagIds, options.text]);
    const last = this.last;
    if (last && last.key === key && last.docs === docs && sameItems(last.placements, placements)) return last.selection;
    const annotations: PlacedAnnotation[] = [];
    // A loop, not push(...): one document's passages could outnumber a call's arguments.
    for (const placement of placements) for (const a of placement.passages) annotations.push(a);
    const selection = selectPassages({ documents: docs, annotations, options });
    this.last = { key, docs, placements, selection };
    return selection;
  }
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function exportHandlers(
  deps: ExportDeps,
): Pick<Handlers, 'buildDigest' | 'getCharts' | 'exportDigest' | 'importAnnotations'> {
  const selections = new SelectionMemo();

  async function exportSet(options: DigestOptions): Promise<ExportSet> {
    const docs = deps.corpus.all();
    const placements: Placement[] = [];
    for (const doc of docs) placements.push(await deps.annotations.placement(doc.id));
    const tags = await deps.tags.list();
    // A tag filter selects the tags' sub-tags too; the options keep the analyst's own choice, which
    // the export names ("tags Friction").
    const selecting = options.tagIds.length === 0 ? options : { ...options, tagIds: expandWithDescendants(tags, options.tagIds) };
    const { documents, passages } = selections.get(docs, placements, selecting);
    const generator = { name: 'Glossator', version: deps.version };
    const memos = deps.memos ? await deps.memos() : [];
    const coders = deps.coders ? await deps.coders() : [];
    return { documents, passages, tags, options, now: deps.clock.now(), generator, memos, coders };
  }

  const renderers: Record<ExportFormat, (set: ExportSet) => Promise<Rendered>> = {
    md: async (set) => ({ data: renderMarkdown(set), skipped: 0 }),
    csv: async (set) => ({ data: renderCsv(set), skipped: 0 }),
    html: async (set) => ({ data: renderHtml(set, buildCharts(set)), skipped: 0 }),
    pdf: async (set) => {
      if (!deps.pdf) throw new GlossatorError('unsupported', 'PDF export needs the desktop app; export HTML and print it instead.');
      return { data: await deps.pdf.print(renderHtml(set, buildCharts(set))), skipped: 0 };
    },
    jsonld: async (set) => ({ data: renderWebAnnotation(set), skipped: 0 }),
    qdpx: async (set) => {
      // Passages needing review and bare highlights (no tag, no note) are both left out, and counted.
      const { bytes, skipped, bare } = renderQdpx(set, deps.corpus.all());
      return { data: bytes, skipped: skipped + bare };
    },
    qdc: async (set) => ({ data: renderQdc(set.tags, set.now), skipped: 0 }),
  };

  const parsers: Record<ImportFormat, (bytes: Buffer) => ParsedImport> = {
    jsonld: (bytes) => parseWebAnnotation(bytes.toString('utf8')),
    qdpx: (bytes) => parseQdpx(new Uint8Array(bytes)),
    qdc: (bytes) => parseQdc(bytes.toString('utf8')),
  };

  async function readImport(path: string): Promise<Buffer> {
    try {
      const size = (await stat(path)).size;
      if (size > MAX_IMPORT_BYTES) {
        throw new GlossatorError('too-large', `${basename(path)} is ${Math.round(size / 1e6)} MB; imports are limited to 50 MB.`);
      }
      return await readFile(path);
    } catch (error) {
      if (error instanceof GlossatorError) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new GlossatorError('io-error', `Could not read ${basename(path)} (${code}).`);
    }
  }

  return {
    buildDigest: async ({ options }) => {
      const set = await exportSet(options);
      const { markdown, bodyStart } = renderMarkdownParts(set);
      return { markdown, bodyStart, passageCount: set.passages.length };
    },
    getCharts: async ({ options }) => buildCharts(await exportSet(options)),
    exportDigest: async ({ format, options }) => {
      const set = await exportSet(options);
      const { data, skipped } = await renderers[format](set);
      const path = await deps.saveTarget.chooseSavePath(exportFileName(set.now, format, options.groupBy));
      if (!path) throw new GlossatorError('cancelled', 'Nothing was exported.');
      try {
        await writeDurably(path, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      } catch (error) {
        if (error instanceof UnconfirmedWriteError) throw error;
        const code = (error instanceof WriteFailedError ? error.osCode : '') || 'unknown error';
        throw new GlossatorError('io-error', `Could not save ${basename(path)} (${code}). Nothing was written.`);
      }
      const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
      return { path, bytes, skipped };
    },
    importAnnotations: async ({ format }) => {
      const path = await deps.openTarget.chooseOpenPath(format);
      if (!path) throw new GlossatorError('cancelled', 'Nothing was imported.');
      const parsed = parsers[format](await readImport(path));
      return deps.importer.apply(parsed, format);
    },
  };
}

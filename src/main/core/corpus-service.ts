// Holds the loaded corpus in memory and answers document look-ups by id; the watcher and imports change it.
import type { GlossDocument } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import { loadCorpus, type CorpusProblem } from '../corpus/corpus';
import type { DocumentCache } from '../store/document-cache';

export class CorpusService {
  private constructor(
    readonly dir: string,
    // Replaced, never changed in place: a caller iterating all() across an await keeps a stable list.
    private docs: readonly GlossDocument[],
    private readonly byId: Map<string, GlossDocument>,
    private readonly problemsBySource: Map<string, string>,
  ) {}

  /** Loads the folder; with a cache, unchanged files are taken from it instead of being read. */
  static async open(dir: string, cache?: DocumentCache): Promise<CorpusService> {
    const { documents, problems } = await loadCorpus(dir, cache ? { cache } : {});
    const bySource = new Map(problems.map((p) => [p.source, p.message]));
    return new CorpusService(dir, documents, new Map(documents.map((d) => [d.id, d])), bySource);
  }

  /** Files left out because they could not be read, with why; the rest of the corpus loads. */
  get problems(): readonly CorpusProblem[] {
    return [...this.problemsBySource].map(([source, message]) => ({ source, message }));
  }

  all(): readonly GlossDocument[] {
    return this.docs;
  }

  get(docId: string): GlossDocument {
    const doc = this.byId.get(docId);
    if (!doc) throw new GlossatorError('not-found', `There is no document "${docId}" in this corpus.`);
    return doc;
  }

  /** Adds a new document where a fresh load would put it (by file name), so lists keep their order. */
  add(doc: GlossDocument): void {
    if (this.byId.has(doc.id)) throw new GlossatorError('invalid-argument', `Document "${doc.id}" is already in the corpus.`);
    const at = this.docs.findIndex((d) => d.source > doc.source);
    this.docs = at < 0 ? [...this.docs, doc] : [...this.docs.slice(0, at), doc, ...this.docs.slice(at)];
    this.byId.set(doc.id, doc);
    this.problemsBySource.delete(doc.source);
  }

  /** Puts a new version of a document (changed text or metadata) in place of the old one. */
  replace(doc: GlossDocument): void {
    const at = this.docs.findIndex((d) => d.id === doc.id);
    if (at < 0) throw new GlossatorError('not-found', `There is no document "${doc.id}" in this corpus.`);
    this.docs = this.docs.map((d, i) => (i === at ? doc : d));
    this.byId.set(doc.id, doc);
    this.problemsBySource.delete(doc.source);
  }

  /** Takes a document out; answers whether it was there. */
  remove(docId: string): boolean {
    const at = this.docs.findIndex((d) => d.id === docId);
    if (at < 0) return false;
    this.docs = this.docs.filter((_, i) => i !== at);
    this.byId.delete(docId);
    return true;
  }

  /** Records (or, with null, forgets) why a file of the folder could not be loaded; answers whether that changed anything. */
  setProblem(source: string, message: string | null): boolean {
    if (message === null) return this.problemsBySource.delete(source);
    if (this.problemsBySource.get(source) === message) return false;
    this.problemsBySource.set(source, message);
    return true;
  }
}

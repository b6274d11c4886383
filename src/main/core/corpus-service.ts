// Holds the loaded corpus in memory and answers document look-ups by id.
import type { GlossDocument } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import { loadCorpus } from '../corpus/corpus';

export class CorpusService {
  private constructor(
    readonly dir: string,
    private readonly docs: GlossDocument[],
    private readonly byId: Map<string, GlossDocument>,
  ) {}

  static async open(dir: string): Promise<CorpusService> {
    const docs = await loadCorpus(dir);
    return new CorpusService(dir, docs, new Map(docs.map((d) => [d.id, d])));
  }

  all(): readonly GlossDocument[] {
    return this.docs;
  }

  get(docId: string): GlossDocument {
    const doc = this.byId.get(docId);
    if (!doc) throw new GlossatorError('not-found', `There is no document "${docId}" in this corpus.`);
    return doc;
  }
}

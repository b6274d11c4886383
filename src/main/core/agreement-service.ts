// Agreement between coders of the open corpus: gathers each coder's placed passages per document, decides who
// coded which document, and runs the pure statistics of src/main/agreement/ on them.
import { allClusters, computeAgreement, type DocumentCoding } from '../agreement';
import type { AbsentPolicy, AgreementAnswer, CoderInfo, CodedSpan, DisagreementRow } from '../../shared/agreement';
import type { GlossDocument, PlacedAnnotation } from '../../shared/types';
import { GlossatorError } from '../../shared/result';

/** Where the coders' layers come from (a project's per-coder passage files). */
export interface CoderLayers {
  coders(): Promise<CoderInfo[]>;
  /**
   * A coder's placed passages in a document, and whether the coder touched the document at all (has a passage
   * file for it or marked any of it read): with the `missing` policy, an untouched document is missing data.
   */
  layer(coderId: string, docId: string): Promise<{ passages: readonly PlacedAnnotation[]; touched: boolean }>;
}

/** A corpus without coders (a plain corpus folder, not a project): nothing to compare. */
export const NO_CODERS: CoderLayers = {
  coders: async () => [],
  layer: async () => ({ passages: [], touched: false }),
};

export interface AgreementQuery {
  /** The coders compared; absent: every coder of the project. */
  coders?: string[];
  /** The tags compared; absent: every tag of the codebook. */
  tagIds?: string[];
  /** The documents compared; absent: the whole corpus. */
  docIds?: string[];
  absent?: AbsentPolicy;
}

export interface AgreementDeps {
  documents: () => readonly GlossDocument[];
  tagIds: () => Promise<string[]>;
  layers: CoderLayers;
}

const EXCERPT = 160;

export class AgreementService {
  constructor(private readonly deps: AgreementDeps) {}

  /** The coders, tags and documents a query names, checked: an unknown one is refused by name. */
  private async resolve(
    query: AgreementQuery,
  ): Promise<{ all: CoderInfo[]; coders: string[]; tagIds: string[]; docs: GlossDocument[] }> {
    const all = await this.deps.layers.coders();
    const coders = query.coders && query.coders.length > 0 ? [...new Set(query.coders)] : all.map((c) => c.id);
    const unknownCoders = coders.filter((c) => !all.some((k) => k.id === c));
    if (unknownCoders.length > 0) {
      throw new GlossatorError(
        'not-found',
        `Unknown coder: ${unknownCoders.join(', ')}. Coders: ${all.map((c) => c.id).join(', ') || 'none'}.`,
      );
    }
    if (coders.length < 2) {
      throw new GlossatorError(
        'invalid-argument',
        all.length < 2
          ? 'Agreement compares coders, and this corpus has ' +
              (all.length === 0 ? 'none' : 'only one') +
              ': it needs a project with at least two coders.'
          : 'Choose at least two coders to compare.',
      );
    }
    const known = await this.deps.tagIds();
    const tagIds = query.tagIds && query.tagIds.length > 0 ? [...new Set(query.tagIds)] : known;
    const unknownTags = tagIds.filter((t) => !known.includes(t));
    if (unknownTags.length > 0) throw new GlossatorError('not-found', `Unknown tag: ${unknownTags.join(', ')}.`);
    const everyDoc = this.deps.documents();
    let docs = everyDoc;
    if (query.docIds && query.docIds.length > 0) {
      const wanted = new Set(query.docIds);
      docs = everyDoc.filter((d) => wanted.has(d.id));
      const found = new Set(docs.map((d) => d.id));
      const unknownDocs = [...wanted].filter((d) => !found.has(d));
      if (unknownDocs.length > 0) throw new GlossatorError('not-found', `Unknown document: ${unknownDocs.join(', ')}.`);
    }
    return { all, coders, tagIds, docs: [...docs] };
  }

  /** Each document's coding by the chosen coders, with the absence policy applied; counts passages not placed. */
  private async codings(
    docs: readonly GlossDocument[],
    coders: readonly string[],
    absent: AbsentPolicy,
  ): Promise<{ codings: DocumentCoding[]; notPlaced: number }> {
    let notPlaced = 0;
    const codings: DocumentCoding[] = [];
    for (const doc of docs) {
      const map = new Map<string, CodedSpan[]>();
      for (const coderId of coders) {
        const { passages, touched } = await this.deps.layers.layer(coderId, doc.id);
        if (!touched && absent === 'missing') continue;
        const spans: CodedSpan[] = [];
        for (const p of passages) {
          if (p.range) spans.push({ id: p.id, start: p.range.start, end: p.range.end, tagIds: p.tagIds });
          else notPlaced++;
        }
        map.set(coderId, spans);
      }
      codings.push({ docId: doc.id, length: doc.text.length, coders: map });
    }
    return { codings, notPlaced };
  }

  async report(query: AgreementQuery & { threshold?: number; byDocument?: boolean }): Promise<AgreementAnswer> {
    const { all, coders, tagIds, docs } = await this.resolve(query);
    const { codings, notPlaced } = await this.codings(docs, coders, query.absent ?? 'missing');
    try {
      const report = computeAgreement({
        documents: codings,
        coders,
        tagIds,
        ...(query.threshold !== undefined ? { threshold: query.threshold } : {}),
        ...(query.byDocument ? { byDocument: true } : {}),
      });
      return { coders: all, report, notPlaced };
    } catch (error) {
      if (error instanceof RangeError) throw new GlossatorError('invalid-argument', error.message);
      throw error;
    }
  }

  /** Where the chosen coders differ (and, with `agreed`, also where they agree), per tag, in corpus order. */
  async disagreements(query: AgreementQuery & { agreed?: boolean }): Promise<DisagreementRow[]> {
    const { coders, tagIds, docs } = await this.resolve(query);
    const { codings } = await this.codings(docs, coders, query.absent ?? 'missing');
    const byId = new Map(docs.map((d) => [d.id, d]));
    return allClusters(codings, coders, tagIds)
      .filter((c) => query.agreed || !c.agreed)
      .map((c) => {
        const doc = byId.get(c.docId)!;
        const text = doc.text.slice(c.start, Math.min(c.end, c.start + EXCERPT + 1));
        return { ...c, docTitle: doc.title, excerpt: text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text };
      });
  }
}

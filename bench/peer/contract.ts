// The data passed between the Node side of the recogito peer measurement and its in-page harness.

export type PeerTagId = 'cooperation' | 'friction' | 'hedging';

/** One document as the app holds it: `text` is the block texts joined by "\n\n"; offsets count UTF-16 units of `text`. */
export interface PeerInput {
  text: string;
  blocks: { index: number; kind: string; start: number; end: number }[];
  annotations: { id: string; start: number; end: number; tagId: PeerTagId }[];
}

/** What one in-page run reports; everything but `elapsed` is gathered after the clock stopped. */
export interface PageRunResult {
  /** performance.now() from the start of building the document to the painted highlights being presented. */
  elapsed: number;
  /** `.r6o-annotation` span elements in the highlight layer. */
  spans: number;
  /** Distinct annotation ids among those spans. */
  paintedIds: number;
  /** Annotations whose text lies in the viewport, by the harness's own ranges. */
  expectedVisible: number;
  /** Up to a few ids that lie in the viewport but were not painted. */
  missing: string[];
  /** Annotations whose revived range was compared with the app text. */
  quotesChecked: number;
  /** Up to a few "id: expected | got" lines where recogito's range text differs from the app's. */
  quoteMismatches: string[];
}

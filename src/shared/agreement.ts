// Inter-coder agreement as main answers it and the renderer shows it: report, disagreement clusters, coders.
// The statistics themselves are computed in src/main/agreement/ (see its header for the unit and rules).

/** A half-open range [start, end) of UTF-16 code units (the store's unit). */
export interface Span {
  start: number;
  end: number;
}

/** A placed passage as agreement sees it: where it sits now and its tags. */
export interface CodedSpan extends Span {
  /** The passage's id, so disagreements can name the passages on each side. */
  id: string;
  tagIds: readonly string[];
}

/** Two coders, one binary variable ("this character carries the tag"): counts of units in each cell. */
export interface BinaryTable {
  /** Both coders coded the unit. */
  both: number;
  /** Only the first coder did. */
  onlyA: number;
  /** Only the second coder did. */
  onlyB: number;
  /** Neither did. */
  neither: number;
}

export interface SegmentFigures {
  /** Segments (of either coder of each pair) that found a partner at the threshold. */
  agreed: number;
  /** Segments considered: each coder's segments once per pair they are compared in. */
  total: number;
  percent: number | null;
}

export interface PairFigures {
  coders: [string, string];
  /** Characters both coders judged (documents both coded). */
  units: number;
  table: BinaryTable;
  percent: number | null;
  kappa: number | null;
  alpha: number | null;
  segments?: SegmentFigures;
}

export interface TagFigures {
  /** The tag, or null for the overall row (all tags pooled: each (tag, character) is a unit). */
  tagId: string | null;
  /** Characters at least two of the chosen coders judged (overall: tag × character units). */
  units: number;
  /** Two coders: the share of characters they agree on; more: the observed agreement 1 − D_o (mean over pairs). */
  percent: number | null;
  /** Cohen's κ: two coders only (null for more; see `pairs`). */
  kappa: number | null;
  /** Krippendorff's nominal α over all chosen coders, missing data allowed. */
  alpha: number | null;
  /** Every pair of the chosen coders. */
  pairs: PairFigures[];
  segments?: SegmentFigures;
}

export interface ScopeFigures {
  tags: TagFigures[];
  overall: TagFigures;
}

export interface AgreementReport extends ScopeFigures {
  coders: string[];
  threshold: number | null;
  /** Documents at least two of the chosen coders coded; the others add nothing. */
  documentsCompared: number;
  /** Per chosen coder, the documents of the request they did not code (their values are missing there). */
  missing: Record<string, string[]>;
  documents?: ({ docId: string } & ScopeFigures)[];
}

export interface ClusterSide {
  coderId: string;
  /** This coder's passages with the tag inside the cluster (none: the coder left it uncoded). */
  passages: CodedSpan[];
  /** Characters of the cluster this coder coded. */
  covered: number;
}

/** A stretch of one document some chosen coders coded with one tag (see disagreements.ts). */
export interface Cluster extends Span {
  docId: string;
  tagId: string;
  /** True when every coder who coded the document coded every character of it. */
  agreed: boolean;
  /** Characters of the cluster on which the coders differ. */
  differing: number;
  /** One side per chosen coder who coded the document, in the order asked. */
  sides: ClusterSide[];
}

/** A coder of a project as agreement names them. */
export interface CoderInfo {
  id: string;
  name: string;
  color: string;
}

/**
 * What a coder's absence from a document means. `missing` (the default): a coder who has no passage in a
 * document and marked none of it read did not code it, so their values there are missing data. `uncoded`:
 * every chosen coder judged every document, and no passage means "this tag applies nowhere here".
 */
export type AbsentPolicy = 'missing' | 'uncoded';

/** The agreement view's answer: the coders there are, the report for those chosen, what was left out. */
export interface AgreementAnswer {
  coders: CoderInfo[];
  report: AgreementReport;
  /** Passages of the chosen coders that could not be placed on the current text, so were not compared. */
  notPlaced: number;
}

/** A cluster as the disagreement list shows it. */
export interface DisagreementRow extends Cluster {
  docTitle: string;
  /** The cluster's text, cut to 160 characters. */
  excerpt: string;
}

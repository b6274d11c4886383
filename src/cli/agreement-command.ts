// `glossator agreement`: inter-coder agreement of a project's coders, as a table or JSON (issue 15).
import type { Args } from '../shared/contract';
import type { AgreementAnswer, SegmentFigures, TagFigures } from '../shared/agreement';
import type { Tag } from '../shared/types';
import { UsageError, type Out, type Values } from './options';
import { printable } from './print';

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** "90", "90%" and "0.9" all mean a 90 % overlap. */
export function parseThreshold(value: string): number {
  const text = value.trim().replace(/%$/, '');
  const n = Number(text);
  if (text === '' || !Number.isFinite(n) || n <= 0 || n > 100) {
    throw new UsageError(`--threshold takes an overlap from 1 to 100 (per cent) or a share such as 0.9, not "${value}".`);
  }
  return n > 1 || value.trim().endsWith('%') ? n / 100 : n;
}

/** The getAgreement arguments the flags ask for; tags by id or name, case-insensitively. */
export function agreementArgs(values: Values, tags: readonly Tag[]): Args<'getAgreement'> {
  const tagIds = list(values.tags).map((name) => {
    const tag = tags.find((t) => t.id === name || t.name.toLocaleLowerCase() === name.toLocaleLowerCase());
    if (!tag) throw new UsageError(`Unknown tag "${name}". Tags: ${tags.map((t) => t.name).join(', ')}.`);
    return tag.id;
  });
  const coders = list(values.coders);
  if (values.coders !== undefined && coders.length < 2) throw new UsageError('--coders takes at least two coder ids, separated by commas.');
  const absent = values.absent ?? 'missing';
  if (absent !== 'missing' && absent !== 'uncoded') throw new UsageError(`--absent takes "missing" or "uncoded", not "${absent}".`);
  return {
    ...(coders.length > 0 ? { coders } : {}),
    ...(tagIds.length > 0 ? { tagIds } : {}),
    ...(list(values.docs).length > 0 ? { docIds: list(values.docs) } : {}),
    absent,
    ...(values.threshold !== undefined ? { threshold: parseThreshold(values.threshold) } : {}),
    ...(values['by-document'] ? { byDocument: true } : {}),
  };
}

const share = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
const coefficient = (v: number | null): string => (v === null ? '—' : v.toFixed(3));
const segments = (s: SegmentFigures | undefined): string => (s ? `${share(s.percent)} (${s.agreed}/${s.total})` : '');

function rows(figures: readonly TagFigures[], overall: TagFigures, nameOf: (id: string) => string, withSegments: boolean): string[][] {
  const head = ['TAG', 'PERCENT', 'KAPPA', 'ALPHA', ...(withSegments ? ['SEGMENTS'] : [])];
  const row = (f: TagFigures, name: string) => [name, share(f.percent), coefficient(f.kappa), coefficient(f.alpha), ...(withSegments ? [segments(f.segments)] : [])];
  return [head, ...figures.map((f) => row(f, nameOf(f.tagId ?? ''))), row(overall, 'Overall')];
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/** JSON with tag names beside ids; the text form as a table per scope, κ only for two coders. */
export function printAgreement(out: Out, err: Out, answer: AgreementAnswer, tags: readonly Tag[], json: boolean | undefined): void {
  const name = (id: string) => tags.find((t) => t.id === id)?.name ?? id;
  const named = (f: TagFigures) => ({ ...f, name: f.tagId === null ? 'Overall' : name(f.tagId) });
  const { report } = answer;
  if (answer.notPlaced > 0) {
    const one = answer.notPlaced === 1;
    err.write(`glossator: ${answer.notPlaced} ${one ? 'passage needs' : 'passages need'} review and ${one ? 'was' : 'were'} not compared.\n`);
  }
  if (json) {
    const body = {
      coders: report.coders.map((id) => answer.coders.find((c) => c.id === id) ?? { id, name: id, color: '' }),
      unit: 'character',
      threshold: report.threshold,
      documentsCompared: report.documentsCompared,
      missing: report.missing,
      notPlaced: answer.notPlaced,
      tags: report.tags.map(named),
      overall: named(report.overall),
      ...(report.documents ? { documents: report.documents.map((d) => ({ docId: d.docId, tags: d.tags.map(named), overall: named(d.overall) })) } : {}),
    };
    out.write(`${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  const coderNames = report.coders.map((id) => printable(answer.coders.find((c) => c.id === id)?.name ?? id));
  const withSegments = report.threshold !== null;
  out.write(`Coders: ${coderNames.join(', ')}. Documents compared: ${report.documentsCompared}. Unit: the character.\n`);
  if (withSegments) out.write(`Segments agree when they overlap by at least ${Math.round(report.threshold! * 100)} % (shared over combined extent).\n`);
  out.write(`${table(rows(report.tags, report.overall, (id) => printable(name(id)), withSegments))}\n`);
  for (const doc of report.documents ?? []) out.write(`\n${printable(doc.docId)}\n${table(rows(doc.tags, doc.overall, (id) => printable(name(id)), withSegments))}\n`);
  if (report.coders.length > 2) out.write('\nKappa is for two coders: with more, see --json for each pair; percent is the mean agreement over pairs.\n');
  for (const [coder, docs] of Object.entries(report.missing)) {
    if (docs.length > 0) err.write(`glossator: ${printable(coder)} did not code ${docs.length} of the documents (missing there, not counted as uncoded).\n`);
  }
}

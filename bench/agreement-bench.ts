// Agreement between two coders over the bench corpus (issue 15: ≤ 2 s for 2,000 documents).
// Part of `npm run bench`; alone, `tsx bench/agreement-bench.ts [runs]` generates the corpus, measures, and writes
// its section of bench/RESULTS.md.
//
// Coder A's passages are the bench's stored passages (read from the annotation files generate() wrote); coder B's
// are a seeded variation of them (a tenth dropped, a tenth retagged, boundaries moved by up to 20 characters, a
// twentieth added), so the two disagree the way two readers do. What is timed is AgreementService on passages
// already in memory: the character-level statistics (percent, κ, α per tag and overall) plus the segment level at
// a 90 % overlap threshold, per document and for the corpus; and, separately, the disagreement list.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgreementService, type CoderLayers } from '../src/main/core/agreement-service';
import { loadDocument } from '../src/main/corpus/corpus';
import type { AnnotationFile } from '../src/main/store/schemas';
import type { GlossDocument, PlacedAnnotation } from '../src/shared/types';
import { FULL, generate, rng, type GeneratedCorpus } from './generate';
import { renderTable } from './report';
import { figure, sample, time, type Figure } from './stats';

const TAGS = ['cooperation', 'friction', 'hedging'];

/** The second coder: the first's passages, varied from a seed. */
function vary(passages: readonly PlacedAnnotation[], length: number, next: () => number): PlacedAnnotation[] {
  const out: PlacedAnnotation[] = [];
  for (const p of passages) {
    const roll = next();
    if (roll < 0.1 || !p.range) continue;
    const shift = (): number => Math.round((next() - 0.5) * 40);
    const start = Math.max(0, Math.min(length - 1, p.range.start + shift()));
    const end = Math.max(start + 1, Math.min(length, p.range.end + shift()));
    const tagIds = roll < 0.2 ? [TAGS[Math.floor(next() * 3)]!] : p.tagIds;
    out.push({ ...p, id: `${p.id}-b`, tagIds, range: { start, end } });
    if (next() < 0.05)
      out.push({
        ...p,
        id: `${p.id}-extra`,
        tagIds: [TAGS[Math.floor(next() * 3)]!],
        range: { start: end, end: Math.min(length, end + 120) },
      });
  }
  return out;
}

interface Loaded {
  docs: GlossDocument[];
  layers: Map<string, Map<string, PlacedAnnotation[]>>;
  passages: number;
}

async function load(gen: GeneratedCorpus): Promise<Loaded> {
  const annotationDir = join(gen.dataDir, 'corpora', gen.corpusKey, 'annotations');
  const a = new Map<string, PlacedAnnotation[]>();
  const b = new Map<string, PlacedAnnotation[]>();
  const docs: GlossDocument[] = [];
  const next = rng(4242);
  let passages = 0;
  for (const source of (await readdir(gen.corpusDir)).sort()) {
    const doc = await loadDocument(gen.corpusDir, source);
    docs.push(doc);
    const file = JSON.parse(await readFile(join(annotationDir, `${doc.id}.json`), 'utf8')) as AnnotationFile;
    const placed: PlacedAnnotation[] = file.annotations.map((x) => ({
      ...x,
      state: 'anchored',
      range: x.target.position,
    }));
    a.set(doc.id, placed);
    b.set(doc.id, vary(placed, doc.text.length, next));
    passages += placed.length + (b.get(doc.id)?.length ?? 0);
  }
  return {
    docs,
    layers: new Map([
      ['coder-a', a],
      ['coder-b', b],
    ]),
    passages,
  };
}

export async function agreementBench(
  gen: GeneratedCorpus,
  runs: number,
  log: (line: string) => void = () => undefined,
): Promise<Figure[]> {
  log(`agreement: loading ${gen.documentCount} documents and two coders' passages`);
  const { docs, layers, passages } = await load(gen);
  const coderLayers: CoderLayers = {
    coders: async () => [
      { id: 'coder-a', name: 'Coder A', color: '#1f77b4' },
      { id: 'coder-b', name: 'Coder B', color: '#d62728' },
    ],
    layer: async (coderId, docId) => {
      const passagesOf = layers.get(coderId)?.get(docId);
      return { passages: passagesOf ?? [], touched: passagesOf !== undefined };
    },
  };
  const service = new AgreementService({ documents: () => docs, tagIds: async () => TAGS, layers: coderLayers });
  log(`agreement: ${runs} runs over ${docs.length} documents, ${passages} passages (two coders)`);
  let kappa: number | null = null;
  const reportCpu: number[] = [];
  const report = await sample(runs, (i) =>
    cpuTimed(i, reportCpu, async () => {
      const answer = await service.report({ threshold: 0.9, byDocument: true });
      kappa = answer.report.overall.kappa;
    }),
  );
  let rows = 0;
  const listCpu: number[] = [];
  const list = await sample(runs, (i) => cpuTimed(i, listCpu, async () => (rows = (await service.disagreements({})).length)));
  const note = `${docs.length} documents, ${passages.toLocaleString('en-US')} passages; overall κ ${kappa === null ? '—' : (kappa as number).toFixed(3)}`;
  return [
    figure(`Agreement, two coders, whole corpus: percent, κ, α per tag and overall + segment level at 90 %, per document and corpus (${note})`, 'ms', report, { target: 2000 }),
    figure('…the same, CPU time of the process (what it costs without the other processes of a loaded machine)', 'ms', reportCpu),
    figure(`Disagreement list, two coders, whole corpus (${rows.toLocaleString('en-US')} clusters)`, 'ms', list),
    figure('…the same, CPU time of the process', 'ms', listCpu),
  ];
}

/** Wall time of `fn`, and (for measured runs, i ≥ 0) its process CPU time pushed to `cpu`. */
async function cpuTimed(i: number, cpu: number[], fn: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  const wall = await time(fn);
  const used = process.cpuUsage(before);
  if (i >= 0) cpu.push((used.user + used.system) / 1000);
  return wall;
}

const BEGIN = '<!-- agreement:begin -->';
const END = '<!-- agreement:end -->';

async function writeSection(file: string, figures: readonly Figure[], load: string): Promise<void> {
  const section = `${BEGIN}
## Agreement (measured alone)

Measured by \`tsx bench/agreement-bench.ts\` on ${new Date().toISOString().slice(0, 10)}, load average ${load}, on the full bench corpus (passages already in memory; see the file's header for how the second coder's passages are made). On a shared machine the wall time mostly measures waiting for a core (load average above 2 on 2 cores); the CPU-time rows are what the computation itself costs.

${renderTable(figures)}
${END}
`;
  const text = existsSync(file) ? await readFile(file, 'utf8') : '';
  const at = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  await writeFile(
    file,
    at >= 0 && end > at
      ? text.slice(0, at) + section + text.slice(end + END.length + 1)
      : `${text.trimEnd()}\n\n${section}`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 5);
  const root = await mkdtemp(join(tmpdir(), 'glossator-agreement-bench-'));
  try {
    const loadAvg = existsSync('/proc/loadavg')
      ? (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')
      : 'unknown';
    console.log(`generating ${FULL.documents} documents in ${root}`);
    const gen = await generate(FULL, root, 'default');
    const figures = await agreementBench(gen, runs, console.log);
    await writeSection(join(resolve(fileURLToPath(import.meta.url), '../..'), 'bench', 'RESULTS.md'), figures, loadAvg);
    console.log(renderTable(figures));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

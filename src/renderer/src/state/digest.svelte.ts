// The export builder: options, a live preview (Markdown and charts) from main, and export in each format.
import { CHART_FIGURES } from '../../../shared/chart-figures';
import { DEFAULT_DIGEST_OPTIONS } from '../../../shared/defaults';
import type { Charts, DigestOptions, ExportFormat } from '../../../shared/types';
import type { Digest, SavedFile } from '../../../shared/contract';
import type { GlossatorApi } from '../../../shared/contract';
import { renderMarkdown, sanitizeSvg } from '../lib/markdown';
import type { Notices } from './notices.svelte';

export const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'md', label: 'Markdown' },
  { format: 'html', label: 'HTML' },
  { format: 'pdf', label: 'PDF' },
  { format: 'csv', label: 'CSV' },
  { format: 'jsonld', label: 'W3C JSON-LD' },
  { format: 'qdpx', label: 'REFI-QDA project' },
  { format: 'qdc', label: 'REFI-QDA codebook' },
];

export class DigestPreview {
  open = $state(false);
  // The shared defaults, with arrays of its own: the builder edits them in place.
  options = $state<DigestOptions>({ ...DEFAULT_DIGEST_OPTIONS, tagIds: [], docIds: [] });
  digest = $state<Digest | null>(null);
  charts = $state<Charts | null>(null);
  /** What is running: the preview, or an export in a format. */
  busy = $state<ExportFormat | 'preview' | null>(null);
  saved = $state<SavedFile | null>(null);
  /** The summary and counts, then (in the dialog) the charts, then the passages: the HTML and PDF digests' order. */
  head = $derived(this.digest ? renderMarkdown(this.digest.markdown.slice(0, this.digest.bodyStart)) : '');
  html = $derived(this.digest ? renderMarkdown(this.digest.markdown.slice(this.digest.bodyStart)) : '');
  svgs = $derived(
    this.charts
      ? CHART_FIGURES.map(({ chart, title, detail }, i) => ({
          title: `Figure ${i + 1}. ${title}`,
          detail,
          svg: sanitizeSvg(this.charts![chart]),
        }))
      : [],
  );
  private request = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: GlossatorApi,
    private readonly notices: Notices,
  ) {}

  async show(): Promise<void> {
    this.open = true;
    await this.refresh();
  }

  close(): void {
    this.open = false;
  }

  /** Changes one option; typing in the text filter waits for a pause before asking main. */
  set<K extends keyof DigestOptions>(key: K, value: DigestOptions[K]): void {
    this.options = { ...this.options, [key]: value };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), key === 'text' ? 250 : 0);
  }

  toggle(key: 'tagIds' | 'docIds', id: string): void {
    const list = this.options[key];
    this.set(key, list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  }

  /** Plain copies: the bridge cannot clone Svelte's reactive proxies. */
  private plainOptions(): DigestOptions {
    return $state.snapshot(this.options) as DigestOptions;
  }

  async refresh(): Promise<void> {
    const mine = ++this.request;
    this.busy = 'preview';
    this.saved = null;
    const options = this.plainOptions();
    const [digest, charts] = await Promise.all([this.client.buildDigest({ options }), this.client.getCharts({ options })]);
    if (mine !== this.request) return; // a newer preview is on its way
    this.busy = null;
    if (digest.ok) this.digest = digest.value;
    else this.notices.showError(digest.error);
    if (charts.ok) this.charts = charts.value;
    else this.notices.showError(charts.error);
  }

  async export(format: ExportFormat): Promise<void> {
    this.busy = format;
    this.saved = null;
    const result = await this.client.exportDigest({ format, options: this.plainOptions() });
    this.busy = null;
    if (result.ok) {
      this.saved = result.value;
      const skipped = result.value.skipped ? ` ${result.value.skipped} passages were left out (they need review, or in a REFI-QDA project carry neither tag nor note).` : '';
      this.notices.say(`Exported to ${result.value.path}.${skipped}`);
    } else if (result.error.code === 'cancelled') {
      this.notices.say('Nothing was exported.');
    } else {
      this.notices.showError(result.error);
    }
  }
}

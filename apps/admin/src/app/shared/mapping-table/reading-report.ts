import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { FileReadingReport, ReadingSource } from '@sluice/contracts';

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };
const QUOTE_NAMES: Record<string, string> = { '"': 'double quote', "'": 'single quote', '': 'none' };
const ESCAPE_NAMES: Record<string, string> = { '"': 'doubled', '\\': 'backslash', '': 'none' };
const SOURCE_NAMES: Record<ReadingSource, string> = {
  declared: 'as given',
  bom: 'byte-order mark',
  'sep-line': 'sep= line',
  extension: 'file extension',
  detected: 'detected',
  default: 'default',
};

export const delimiterName = (delimiter: string) => DELIMITER_NAMES[delimiter] ?? delimiter;

/** How a file was read: encoding, dialect, header line, and the lines that were not data. */
@Component({
  selector: 'sl-reading-report',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe],
  template: `
    @let r = reading();
    <dl class="facts reading">
      <dt>Encoding</dt>
      <dd class="reading__encoding">{{ r.encoding }} ({{ source(r.encodingSource) }}{{ r.encodingConfidence !== undefined ? ', ' + r.encodingConfidence + ' %' : '' }})</dd>
      @if (r.format === 'xlsx') {
        <dt>Sheet</dt>
        <dd>{{ r.sheet ?? 'first' }}</dd>
      } @else {
        <dt>Delimiter</dt>
        <dd class="reading__dialect">{{ delimiterName(r.delimiter) }}, quote {{ quoteName(r.quote) }}, escape {{ escapeName(r.escape) }} ({{ source(r.dialectSource) }})</dd>
      }
      <dt>Header line</dt>
      <dd class="reading__header-line">{{ r.headerLine }}</dd>
      @if (r.preamble.length > 0) {
        <dt>Preamble skipped</dt>
        <dd class="reading__preamble">
          {{ r.preamble.length }} line{{ r.preamble.length === 1 ? '' : 's' }}:
          @for (line of r.preamble; track line.line) {
            <code>{{ line.line }}: {{ line.text }}</code
            >{{ $last ? '' : ' · ' }}
          }
        </dd>
      }
      @if (r.trailing.length > 0) {
        <dt>Trailing lines skipped</dt>
        <dd class="reading__trailing">
          @for (section of r.trailing; track section.line) {
            <span>{{ section.kind === 'totals' ? 'totals' : 'another table' }} at line {{ section.line }} ({{ section.lines }} line{{ section.lines === 1 ? '' : 's' }})</span
            >{{ $last ? '' : ' · ' }}
          }
        </dd>
      }
      @if (r.blankLines > 0) {
        <dt>Blank lines skipped</dt>
        <dd>{{ r.blankLines | number }}</dd>
      }
      @if (r.renamedHeaders.length > 0) {
        <dt>Renamed headers</dt>
        <dd class="reading__renamed">{{ renamed() }}</dd>
      }
      @if (r.malformedRows > 0 || r.undecodableRows > 0) {
        <dt>Unreadable rows</dt>
        <dd class="reading__unreadable">{{ r.malformedRows | number }} with a malformed quote, {{ r.undecodableRows | number }} with undecodable bytes</dd>
      }
    </dl>
  `,
})
export class ReadingReport {
  readonly reading = input.required<FileReadingReport>();
  readonly delimiterName = delimiterName;
  readonly renamed = computed(() =>
    this.reading()
      .renamedHeaders.map((h) => `${h.from} → ${h.to}`)
      .join(', '),
  );

  source(source: ReadingSource): string {
    return SOURCE_NAMES[source] ?? source;
  }

  quoteName(quote: string): string {
    return QUOTE_NAMES[quote] ?? quote;
  }

  escapeName(escape: string): string {
    return ESCAPE_NAMES[escape] ?? escape;
  }
}

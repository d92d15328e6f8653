import { SAXParser, parser as saxParser, QualifiedTag, Tag } from 'sax';
import type { RecordParser, SourceRecord } from './source-records';

/** One element as the readers see it: its name, attributes and (for leaves) its text. */
export interface ClosedElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  /** Names of the open elements around it, outermost first. */
  ancestors: readonly string[];
}

export interface ElementHandlers {
  open?(name: string, attributes: Record<string, string>, ancestors: readonly string[]): void;
  close(element: ClosedElement): void;
}

/**
 * A thin layer over sax in strict mode: tracks the open elements and collects the text (and
 * CDATA) of the innermost one, handing each element to the reader when it closes. Memory is the
 * open elements and one text buffer, however large the file.
 */
export class XmlElements {
  private readonly sax: SAXParser;
  private readonly stack: { name: string; attributes: Record<string, string> }[] = [];
  private text: string[] = [];
  private failure: Error | null = null;

  constructor(handlers: ElementHandlers) {
    this.sax = saxParser(true, { trim: false, normalize: false, position: true });
    this.sax.onopentag = (tag: Tag | QualifiedTag) => {
      const attributes: Record<string, string> = {};
      for (const [k, v] of Object.entries(tag.attributes)) attributes[k] = typeof v === 'string' ? v : v.value;
      handlers.open?.(tag.name, attributes, this.stack.map((e) => e.name));
      this.stack.push({ name: tag.name, attributes });
      this.text = [];
    };
    const collect = (t: string) => {
      this.text.push(t);
    };
    this.sax.ontext = collect;
    this.sax.oncdata = collect;
    this.sax.onclosetag = () => {
      const open = this.stack.pop();
      if (!open) return;
      handlers.close({ name: open.name, attributes: open.attributes, text: this.text.join(''), ancestors: this.stack.map((e) => e.name) });
      this.text = [];
    };
    this.sax.onerror = (err: Error) => {
      this.failure ??= new Error(`not well-formed XML: ${err.message.split('\n').join(', ')}`);
    };
  }

  write(chunk: string): void {
    if (this.failure) throw this.failure;
    this.sax.write(chunk);
    if (this.failure) throw this.failure;
  }

  end(): void {
    if (this.failure) throw this.failure;
    this.sax.close();
    if (this.failure) throw this.failure;
    if (this.stack.length > 0) throw new Error(`the file ends inside <${this.stack[this.stack.length - 1].name}>`);
  }
}

/**
 * A reader of one export format over XmlElements: a subclass turns closed elements into source
 * records in `out`, which each write hands back as soon as they are complete.
 */
export abstract class XmlRecordReader implements RecordParser {
  protected readonly out: SourceRecord[] = [];
  private readonly xml = new XmlElements({ open: (name, attributes, ancestors) => this.open(name, attributes, ancestors), close: (el) => this.close(el) });

  write(chunk: string): SourceRecord[] {
    this.xml.write(chunk);
    return this.out.splice(0);
  }

  end(): SourceRecord[] {
    this.xml.end();
    return this.out.splice(0);
  }

  protected open(_name: string, _attributes: Record<string, string>, _ancestors: readonly string[]): void {}

  protected abstract close(element: ClosedElement): void;
}

/** The parent element's name, or '' at the root. */
export function parentOf(element: { ancestors: readonly string[] }): string {
  return element.ancestors[element.ancestors.length - 1] ?? '';
}

/** A date from the export, or null when it cannot be read. */
export function parseDate(raw: string, assumeUtc = false): Date | null {
  const text = raw.trim();
  if (!text || text.startsWith('0000-00-00')) return null;
  // WordPress writes GMT dates as "2016-03-01 18:04:11" with no zone.
  const iso = assumeUtc && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

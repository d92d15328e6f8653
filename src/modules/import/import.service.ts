import { Injectable } from '@nestjs/common';
import { ImportStagingService, ReadProgress } from './import-staging.service';
import { ImportWriterService, WriteProgress } from './import-writer.service';
import { ImportRepository, ImportTotals } from './import.repository';
import { ImportFormat } from './sources/source-records';

export interface ImportOptions {
  siteUrl?: string;
  /** Comments per write transaction. */
  batchSize?: number;
  onRead?: (p: ReadProgress) => void;
  onWrite?: (p: WriteProgress) => void;
}

export interface ImportSummary {
  source: string;
  /** Records (threads and comments) read from the file. */
  records: number;
  /** Comments written by this run. */
  commentsWrittenNow: number;
  /** Everything this source has brought so far, this run included. */
  totals: ImportTotals;
}

/**
 * `npm run import`: read and stage the whole file (streaming), then write what is staged. Both
 * halves commit in batches and skip what is done, so a second run changes nothing and a run
 * that stopped midway is finished by the next.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly staging: ImportStagingService,
    private readonly writer: ImportWriterService,
    private readonly repo: ImportRepository,
  ) {}

  async run(format: ImportFormat, path: string, options: ImportOptions = {}): Promise<ImportSummary> {
    const { source, records } = await this.staging.stageFile(format, path, { siteUrl: options.siteUrl, onProgress: options.onRead });
    const commentsWrittenNow = await this.writer.write(source, { batchSize: options.batchSize ?? 2000, onProgress: options.onWrite });
    return { source, records, commentsWrittenNow, totals: await this.repo.totals(source) };
  }
}

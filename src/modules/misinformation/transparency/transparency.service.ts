import { Injectable } from '@nestjs/common';
import { commonError } from '../../../common/errors/app-error';
import { ArticlesService } from '../../articles/articles.service';
import { ArticleTransparencyDto, MonthlyTransparencyDto } from './dto/transparency.dto';
import { toTransparencyLabelResponse, toTransparencyRemovalResponse } from './transparency.mapper';
import { TransparencyRepository } from './transparency.repository';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Public transparency, in the spirit of the EU Digital Services Act reports. */
@Injectable()
export class TransparencyService {
  constructor(
    private readonly transparency: TransparencyRepository,
    private readonly articles: ArticlesService,
  ) {}

  async article(idOrSlug: string): Promise<ArticleTransparencyDto> {
    const article = await this.articles.findCommentSettings(idOrSlug);
    const [labels, decisions] = await Promise.all([this.transparency.articleLabels(article.id), this.transparency.articleDecisions(article.id)]);
    return {
      articleId: article.id,
      labels: labels.map(toTransparencyLabelResponse),
      removals: decisions.map(toTransparencyRemovalResponse),
    };
  }

  async month(month: string | undefined): Promise<MonthlyTransparencyDto> {
    const now = new Date();
    const value = month ?? `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const m = MONTH.exec(value);
    if (!m) throw commonError('VALIDATION_FAILED', 'month must look like 2026-11.', { errors: [{ field: 'month', message: 'month must be YYYY-MM' }] });
    const from = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
    const to = new Date(Date.UTC(Number(m[1]), Number(m[2]), 1));
    const r = await this.transparency.month(from, to);
    const rejections = r.decisions.filter((d) => d.action === 'REJECT');
    return {
      month: value,
      decisions: Object.fromEntries(
        [...new Set(r.decisions.map((d) => d.action))].map((a) => [a, r.decisions.filter((d) => d.action === a).reduce((s, d) => s + d.n, 0)]),
      ),
      rejectionsByReason: Object.fromEntries(rejections.map((d) => [d.reason ?? 'NONE', d.n])),
      reportsByReason: Object.fromEntries(r.flags.map((f) => [f.reason, f.n])),
      medianHoursFromReportToDecision: r.median === null ? null : Math.round(r.median * 100) / 100,
      appeals: Object.fromEntries(r.appeals.map((a) => [a.status, a.n])),
      verdicts: Object.fromEntries(r.verdicts.map((v) => [v.verdict, v.n])),
    };
  }
}

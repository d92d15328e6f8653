import { Injectable } from '@nestjs/common';
import { BoundedQueries } from '../../../database/bounded-queries';
import { findCampaigns } from './campaigns';
import { ClaimsRepository } from './claims.repository';
import { CampaignsDto } from './dto/campaign.dto';

/** Comments a campaign search looks at, newest first: enough for a day of a busy site, bounded in time. */
export const CAMPAIGN_SCAN_LIMIT = 5000;

@Injectable()
export class CampaignsService {
  constructor(
    private readonly claims: ClaimsRepository,
    private readonly bounded: BoundedQueries,
  ) {}

  /**
   * Campaigns: near-identical text posted from at least `minAccounts` accounts within `hours`,
   * among the CAMPAIGN_SCAN_LIMIT most recent comments of the window (`truncated` says when the
   * window held more: narrow it to see all). Bounded by DATABASE_REPORT_TIMEOUT_MS and cancelled
   * when the client goes away.
   */
  async campaigns(hours: number, minAccounts: number, signal?: AbortSignal): Promise<CampaignsDto> {
    const { comments, truncated } = await this.bounded.report(signal, (client) => this.claims.recentForCampaigns(client, hours, CAMPAIGN_SCAN_LIMIT));
    return { hours, minAccounts, scanned: comments.length, truncated, items: findCampaigns(comments, minAccounts) };
  }
}

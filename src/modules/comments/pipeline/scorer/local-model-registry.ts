import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../../../config/config';
import { APP_CONFIG } from '../../../../config/config.module';
import { ABUSE_MODEL_INFO, AbuseModelFile, abuseProbability, loadAbuseModel } from './abuse-model';
import { LocalModels } from './scorer';
import { ScorerModelsRepository } from './scorer-models.repository';
import { loadSpamModel, SPAM_MODEL_INFO, SpamModelFile, spamModelVersion, spamProbability } from './spam-model';

interface Loaded {
  id: string | null;
  version: string;
  probability: (text: string) => number;
}

/**
 * The local models an instance scores with: the shipped ones until `npm run retrain` records a
 * newer one in PostgreSQL. Every instance checks for the newest version of each kind every
 * MOD_MODEL_CHECK_SECONDS and loads it without a restart; a file that fails to load is logged and
 * the model in use stays.
 */
@Injectable()
export class LocalModelRegistry implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LocalModelRegistry.name);
  private abuse: Loaded = { id: null, version: ABUSE_MODEL_INFO.version, probability: abuseProbability };
  private spam: Loaded = { id: null, version: SPAM_MODEL_INFO.trainedAt.slice(0, 10), probability: spamProbability };
  private models: LocalModels = this.build();
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | null = null;
  private readonly refused = new Set<string>();

  constructor(
    private readonly repository: ScorerModelsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const seconds = this.config.moderation.modelCheckSeconds;
    if (seconds === 0) return;
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), seconds * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  current(): LocalModels {
    return this.models;
  }

  /** Loads any newer model recorded in PostgreSQL; one check at a time, and it never throws. */
  refresh(): Promise<void> {
    this.checking ??= this.check()
      .catch((err: unknown) => this.logger.warn(`model check failed: ${err instanceof Error ? err.message : err}`))
      .finally(() => (this.checking = null));
    return this.checking;
  }

  private async check(): Promise<void> {
    let changed = false;
    for (const latest of await this.repository.latestVersions()) {
      const current = latest.kind === 'abuse' ? this.abuse : this.spam;
      if (current.id === latest.id || this.refused.has(latest.id)) continue;
      const text = await this.repository.modelText(latest.id);
      if (text === null) continue;
      try {
        const file = JSON.parse(text) as unknown;
        if (latest.kind === 'abuse') this.abuse = { id: latest.id, version: latest.version, probability: loadAbuseModel(file as AbuseModelFile) };
        else this.spam = { id: latest.id, version: spamModelVersion(file as SpamModelFile), probability: loadSpamModel(file as SpamModelFile) };
        changed = true;
        this.logger.log(`now scoring with the ${latest.kind} model ${latest.version}`);
      } catch (err) {
        // Tried once per instance: the row stays unusable until a newer one is recorded.
        this.refused.add(latest.id);
        this.logger.error(`the ${latest.kind} model ${latest.version} cannot be loaded (${err instanceof Error ? err.message : err}); keeping ${current.version}`);
      }
    }
    // Both kinds swap together, so no comment is scored by one new and one old model of the same retraining.
    if (changed) this.models = this.build();
  }

  private build(): LocalModels {
    return { spamProbability: this.spam.probability, abuseProbability: this.abuse.probability, version: `spam ${this.spam.version}, abuse ${this.abuse.version}` };
  }
}

import { EnvReader } from './env-reader';

/** Read by the moderation module (queues and assignments). */
export interface QueueSettings {
  /** How long a moderator's assignment to a queue item lasts (MOD_CLAIM_SECONDS: it was called a claim). */
  assignmentSeconds: number;
  /** How long an instance reuses computed queue counts. */
  queueCountsCacheMs: number;
}

export function readQueueSettings(r: EnvReader): QueueSettings {
  return {
    assignmentSeconds: r.int('MOD_CLAIM_SECONDS', 300, 10, 3600),
    queueCountsCacheMs: r.int('MOD_QUEUE_COUNTS_CACHE_MS', 2000, 0, 60000),
  };
}

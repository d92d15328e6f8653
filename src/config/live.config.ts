import { EnvReader } from './env-reader';

/** Read by the live module: Server-Sent Events streams over the event outbox. */
export interface LiveSettings {
  /** Open streams one client address may hold on one instance; past it a new stream gets 429. */
  liveMaxStreamsPerIp: number;
  /** Open streams one instance holds at most (memory: about 16 KiB of heap each, bench/README.md); past it a new stream gets 429. */
  liveMaxStreams: number;
  /** A comment line on every open stream this often, so proxies keep idle streams open. */
  liveHeartbeatMs: number;
  /** The `retry:` hint: how long an EventSource waits before reconnecting. */
  liveRetryMs: number;
  /** How often the instance reads the outbox when no notification woke it (a safety net behind LISTEN/NOTIFY). */
  livePollMs: number;
}

export function readLiveSettings(r: EnvReader): LiveSettings {
  return {
    liveMaxStreamsPerIp: r.int('LIVE_MAX_STREAMS_PER_IP', 20, 1, 100_000),
    liveMaxStreams: r.int('LIVE_MAX_STREAMS', 4000, 1, 1_000_000),
    liveHeartbeatMs: r.int('LIVE_HEARTBEAT_MS', 25_000, 100, 600_000),
    liveRetryMs: r.int('LIVE_RETRY_MS', 3000, 100, 600_000),
    livePollMs: r.int('LIVE_POLL_MS', 5000, 50, 600_000),
  };
}

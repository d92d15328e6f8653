import { PollingSource, UpdateSource } from '../shared/updates';

/** How often the embed looks for new comments while Parley has no live updates. */
const POLL_MS = 30_000;

/**
 * The one place that decides where the embed hears about changes. When Parley serves
 * Server-Sent Events per article, return an EventSource-backed UpdateSource here instead.
 */
export function createUpdateSource(): UpdateSource {
  return new PollingSource(POLL_MS);
}

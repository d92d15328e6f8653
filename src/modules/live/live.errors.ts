import { errorFactory } from '../../common/errors/app-error';

export const LiveErrors = {
  /** This address holds LIVE_MAX_STREAMS_PER_IP streams already, or the instance LIVE_MAX_STREAMS. */
  TOO_MANY_STREAMS: 429,
  /** Last-Event-ID is not an event id of this service (a decimal position). */
  LAST_EVENT_ID_INVALID: 400,
} as const;

export const liveError = errorFactory(LiveErrors);

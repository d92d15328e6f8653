import { EnvReader } from './env-reader';

/** Read by the flags module (weights, hiding, brigading defences). */
export interface FlagSettings {
  /** Weighted sum of open flags that withholds a published comment (about three established readers). */
  flagHideThreshold: number;
  /** Flags from accounts younger than this weigh nothing toward hiding. */
  newAccountHours: number;
  /** An account created among this many others within accountBurstMinutes is a burst account. */
  accountBurstSize: number;
  accountBurstMinutes: number;
  /** This many flags on one article within flagBurstSeconds raise an alert. */
  flagBurstCount: number;
  flagBurstSeconds: number;
}

export function readFlagSettings(r: EnvReader): FlagSettings {
  return {
    flagHideThreshold: r.int('FLAG_HIDE_THRESHOLD', 6, 1, 1000),
    newAccountHours: r.int('FLAG_NEW_ACCOUNT_HOURS', 24, 0, 8760),
    accountBurstSize: r.int('FLAG_ACCOUNT_BURST_SIZE', 5, 2, 10000),
    accountBurstMinutes: r.int('FLAG_ACCOUNT_BURST_MINUTES', 10, 1, 1440),
    flagBurstCount: r.int('FLAG_BURST_COUNT', 10, 2, 10000),
    flagBurstSeconds: r.int('FLAG_BURST_SECONDS', 300, 10, 86400),
  };
}

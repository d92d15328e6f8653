/**
 * Typed reads of environment variables. A bad value is recorded as a problem naming the setting
 * (and the default is used) so that one start reports every problem at once.
 */

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? `Invalid configuration: ${problems[0]}` : `Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export class EnvReader {
  readonly problems: string[] = [];
  constructor(readonly env: Env) {}

  string(name: string, fallback: string): string {
    const raw = this.env[name];
    return raw === undefined || raw === '' ? fallback : raw;
  }

  optional(name: string): string | null {
    const raw = this.env[name];
    return raw === undefined || raw === '' ? null : raw;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  }

  url(name: string, protocols: readonly string[]): string | null {
    const raw = this.optional(name);
    if (raw === null) return null;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      this.problems.push(`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      return null;
    }
  }

  list(name: string): string[] {
    const raw = this.optional(name);
    if (raw === null) return [];
    return raw
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter((s) => s.length > 0);
  }

  /** A comma-separated list of web origins; each must be exactly scheme://host[:port]. */
  origins(name: string): string[] {
    const raw = this.optional(name);
    if (raw === null) return [];
    const origins: string[] = [];
    for (const item of raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0)) {
      let origin: string | null = null;
      try {
        const parsed = new URL(item);
        if (['http:', 'https:'].includes(parsed.protocol) && parsed.origin === item.replace(/\/+$/, '').toLowerCase()) origin = parsed.origin;
      } catch {
        origin = null;
      }
      if (origin === null) this.problems.push(`${name}: "${item}" is not an origin such as https://news.example`);
      else origins.push(origin);
    }
    return origins;
  }

  bytes(name: string, fallback: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(raw.trim());
    if (!match) {
      this.problems.push(`${name} must be a size such as 65536, 64kb or 1mb (got "${raw}")`);
      return fallback;
    }
    const unit = (match[2] ?? 'b').toLowerCase();
    const factor = unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1;
    return Number(match[1]) * factor;
  }
}

// Numbers the Sessions and History views show: byte counts, durations, and where a forward goes.
import type { ForwardSummary } from '../../../../common/api/forwards';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** 1 KB = 1000 B (as the OS file managers and network tools people compare with show it). */
export function formatBytes(n: number, locale: string): string {
  let value = Math.max(0, n);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${UNITS[unit]}`;
}

/** 65 → "1:05", 3725 → "1:02:05". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** "db.internal:5432 via prod-web-1" or "prod-web-1:80". */
export function forwardDestination(f: Pick<ForwardSummary, 'remoteHost' | 'remotePort' | 'instanceName' | 'instanceId'>): { target: string; via?: string } {
  const instance = f.instanceName || f.instanceId;
  return f.remoteHost ? { target: `${f.remoteHost}:${f.remotePort}`, via: instance } : { target: `${instance}:${f.remotePort}` };
}

import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, forwardDestination } from './format';

describe('format', () => {
  it('shows byte counts in decimal units', () => {
    expect(formatBytes(0, 'en')).toBe('0 B');
    expect(formatBytes(999, 'en')).toBe('999 B');
    expect(formatBytes(1500, 'en')).toBe('1.5 KB');
    expect(formatBytes(52_428_800, 'en')).toBe('52.4 MB');
    expect(formatBytes(123_456_789_012, 'en')).toBe('123 GB');
  });

  it('shows durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(3725)).toBe('1:02:05');
  });

  it('names where a forward goes', () => {
    expect(forwardDestination({ remotePort: 80, instanceId: 'i-1', instanceName: 'web' })).toEqual({ target: 'web:80' });
    expect(forwardDestination({ remotePort: 5432, remoteHost: 'db.internal', instanceId: 'i-1' })).toEqual({ target: 'db.internal:5432', via: 'i-1' });
  });
});

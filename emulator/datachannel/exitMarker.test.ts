import { describe, expect, it } from 'vitest';
import { ExitMarkerScanner } from './exitMarker';

describe('ExitMarkerScanner', () => {
  it('finds the marker split across chunks and passes everything before it', () => {
    const s = new ExitMarkerScanner('abc123');
    const stream = Buffer.from('hello\x1b[0m world\x1b]777;fumidai-exit;abc123;42\x07');
    const outputs: Buffer[] = [];
    let status: number | undefined;
    for (let i = 0; i < stream.length; i += 3) {
      const r = s.push(stream.subarray(i, i + 3));
      outputs.push(r.output);
      status ??= r.exitStatus;
    }
    expect(Buffer.concat(outputs).toString()).toBe('hello\x1b[0m world');
    expect(status).toBe(42);
  });

  it('does not hold back ordinary escape sequences or accept another nonce', () => {
    const s = new ExitMarkerScanner('n1');
    expect(s.push(Buffer.from('prompt$ \x1b[K')).output.toString()).toBe('prompt$ \x1b[K');
    const forged = Buffer.from('\x1b]777;fumidai-exit;other;0\x07');
    expect(s.push(forged).output.equals(forged)).toBe(true);
    expect(s.push(Buffer.from('x\x1b]77')).output.toString()).toBe('x');
    expect(s.flush().toString()).toBe('\x1b]77');
  });
});

import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/i18n';
import { viaText } from './viaText';

describe('viaText', () => {
  const en = createTranslator('en');
  const ja = createTranslator('ja');
  it('names the bastions an SSH tab went through, or how else it got there', () => {
    expect(viaText({ kind: 'ssh', viaKind: 'bastion', via: 'prod-bastion' }, en)).toBe('SSH via prod-bastion');
    expect(viaText({ kind: 'ssh', viaKind: 'bastion', via: 'edge → prod-bastion' }, ja)).toBe('SSH (edge → prod-bastion 経由)');
    expect(viaText({ kind: 'ssh', viaKind: 'ssm', via: 'Session Manager' }, en)).toBe('SSH over Session Manager');
    expect(viaText({ kind: 'ssh', viaKind: 'direct', via: 'direct' }, ja)).toBe('SSH (直接接続)');
  });

  it('says nothing for Session Manager shells or before the path is known', () => {
    expect(viaText({ kind: 'ssm-shell' }, en)).toBeUndefined();
    expect(viaText({ kind: 'ssh' }, en)).toBeUndefined();
    expect(viaText(undefined, en)).toBeUndefined();
  });
});

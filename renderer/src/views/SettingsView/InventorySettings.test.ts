import { describe, expect, it } from 'vitest';
import { parseRegions } from './InventorySettings';

describe('parseRegions', () => {
  it('reads regions separated by commas or spaces, once each', () => {
    expect(parseRegions(' ap-northeast-1, us-west-2 ap-northeast-1\n eu-central-1,')).toEqual({ regions: ['ap-northeast-1', 'us-west-2', 'eu-central-1'] });
    expect(parseRegions('')).toEqual({ regions: [] });
  });

  it('names every word that is not a region', () => {
    expect(parseRegions('ap-northeast-1 tokyo US-WEST-2')).toEqual({ invalid: ['tokyo', 'US-WEST-2'] });
  });
});

import { describe, expect, it } from 'vitest';
import { isSmallCount, publicFigure } from './small-counts.ts';

describe('small counts', () => {
  it('hides counts below the threshold, zero included', () => {
    expect(publicFigure('number', 4, 5)).toEqual({ value: null, suppressed: true, text: '< 5' });
    expect(publicFigure('number', 0, 5)).toEqual({ value: null, suppressed: true, text: '< 5' });
    expect(publicFigure('number', 5, 5)).toEqual({ value: 5, suppressed: false });
  });

  it('leaves other measures alone, and hides nothing at a threshold of 0', () => {
    expect(isSmallCount('percentage', 2, 5)).toBe(false);
    expect(isSmallCount('yes_no', 1, 5)).toBe(false);
    expect(isSmallCount('number', 0, 0)).toBe(false);
    expect(publicFigure('number', 3, 10)).toEqual({ value: null, suppressed: true, text: '< 10' });
  });
});

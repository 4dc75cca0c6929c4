export { isSmallCount, publicFigure, type PublicFigure } from './small-counts.ts';
export { PORTAL_COLUMN_TEXTS, PORTAL_TEXTS } from './texts.ts';

export { DOCUMENT_CHART_WIDTH, renderChartSvg } from './render.ts';
export { financeChartsSvg, progressChartsSvg, type DocumentChart } from './documents.ts';

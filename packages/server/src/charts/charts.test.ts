import { readFileSync } from 'node:fs';
import { barChart, planFinance, planProgress, PlanPackageSchema, resourcePlan } from '@ariadne/domain';
import { describe, expect, it } from 'vitest';
import { financeChartsSvg, progressChartsSvg } from './documents.ts';
import { renderChartSvg } from './render.ts';

const demoland = PlanPackageSchema.parse(JSON.parse(readFileSync(new URL('../../demo/demoland.plan.json', import.meta.url), 'utf8')));

/** The text of an SVG's text elements, in order, entities decoded. */
function textsOf(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) =>
    (match[1] ?? '')
      .replace(/&nbsp;|&#160;/g, '\u00a0')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>'),
  );
}

describe('a chart rendered on the server', () => {
  it('is an SVG document of the asked width and the definition’s height, with its title and values as text', () => {
    const definition = barChart({
      language: 'en',
      currency: 'EUR',
      title: 'Costs by funding source',
      name: 'Costs',
      categories: [
        { key: 'state_budget', label: 'State budget', value: 612500 },
        { key: 'donor', label: 'Donors', value: 518000 },
      ],
    });
    const svg = renderChartSvg(definition, { width: 500 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="500"');
    expect(svg).toContain(`height="${definition.height}"`);
    const texts = textsOf(svg);
    expect(texts).toContain('Costs by funding source');
    expect(texts).toEqual(expect.arrayContaining(['State budget', 'Donors', '€612,500.00', '€518,000.00']));
    // Still: no animation, nothing that needs a browser to finish drawing.
    expect(svg).not.toContain('<animate');
  });
});

describe('the charts of Demoland’s financial plan for documents', () => {
  const finance = planFinance(demoland, 'AP-2021-2022', 'DL/AP-2021-2022');
  const plan = resourcePlan(demoland, 'AP-2021-2022');

  it('draws the resource plan, sources and statuses with their titles and amounts', () => {
    const charts = financeChartsSvg({ finance, resourcePlan: plan, language: 'en' });
    expect(charts.resourcePlan.title).toBe('Planned costs by area and year');
    const resource = textsOf(charts.resourcePlan.svg);
    expect(resource).toEqual(expect.arrayContaining(['Planned costs by area and year', 'Protection', '2021', '2022', '€275,000.00']));
    // Children's 2021 costs make too short a part of their bar for their amount, which is left out.
    expect(resource).not.toContain('€20,500.00');
    const bySource = textsOf(charts.bySource.svg);
    expect(bySource).toEqual(expect.arrayContaining(['Costs by funding source', 'State budget', '€612,500.00', '€518,000.00', '€0.00']));
    const byStatus = textsOf(charts.byStatus.svg);
    expect(byStatus).toEqual(expect.arrayContaining(['Costs by funding status', 'Secured', 'Pledged', 'Unfunded', '€175,000.00']));
  });

  it('speaks the reader’s language and number format', () => {
    const charts = financeChartsSvg({ finance, resourcePlan: plan, language: 'mk' });
    const byStatus = textsOf(charts.byStatus.svg);
    expect(byStatus).toContain('Трошоци по статус на финансирањето');
    expect(byStatus.some((text) => /^175\.000,00\s€$/u.test(text))).toBe(true);
  });
});

describe('the progress charts of Demoland for documents', () => {
  it('draws activities by area and status, indicators by status and budget execution as of a date', () => {
    const progress = planProgress(demoland, 'AP-2021-2022', '2022-12-31', 'DL/AP-2021-2022');
    const charts = progressChartsSvg({ progress, currency: 'EUR', language: 'en' });
    const activities = textsOf(charts.activitiesByArea.svg);
    expect(activities).toEqual(expect.arrayContaining(['Activities by area and status', 'Protection', 'Ongoing', 'Completed', '6']));
    const indicators = textsOf(charts.indicatorStatus.svg);
    expect(indicators).toEqual(expect.arrayContaining(['Indicators by status', 'Off track', '19']));
    const budget = textsOf(charts.budgetExecution.svg);
    expect(budget).toEqual(expect.arrayContaining(['Budget execution', 'Planned to date', 'Spent', '€1,181,500.00', '€536,561.50']));
  });
});

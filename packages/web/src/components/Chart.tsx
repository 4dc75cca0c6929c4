import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ChartDefinition, ChartPoint } from '@ariadne/domain';
import { useLanguage } from '../i18n.ts';
import type { DrawnChart } from './echarts.ts';
import '../insight.css';

/** What a chart shows, and how a reader who cannot see it gets the same. */
export type ChartProps = {
  /** A page-unique id; the title, summary and hint get ids from it. */
  id: string;
  /** The chart's heading. */
  title: string;
  /** What the chart says, in one or two sentences: read by everyone, and the chart's description. */
  summary: string;
  /** The chart, from the domain's chart definitions (the same the server renders for documents). */
  definition: ChartDefinition;
  /** The figures behind the chart as a table. */
  table: ReactNode;
  /** Shows the table under the chart all the time, when it is the section's main table; otherwise it opens on request. */
  tableShown?: boolean;
  /** Opens a point (a bar, a part of a bar): clicked, or chosen with the keyboard and Enter. */
  onOpen?: (point: ChartPoint) => void;
  headingLevel?: 3 | 4;
};

/**
 * One chart, drawn the same way everywhere: a heading, a summary in words, the chart (SVG), and
 * the data as a table. The chart can be focused and read bar by bar with the arrow keys, each bar
 * announced in words; Enter opens it when the chart has something to open.
 */
export function Chart({ id, title, summary, definition, table, tableShown = false, onOpen, headingLevel = 3 }: ChartProps) {
  const { t } = useLanguage();
  const host = useRef<HTMLDivElement>(null);
  const drawn = useRef<DrawnChart | null>(null);
  const latest = useRef({ definition, onOpen });
  const [active, setActive] = useState<number | null>(null);
  const shown = useRef<ChartPoint | null>(null);
  const clickable = onOpen !== undefined;

  useEffect(() => {
    latest.current = { definition, onOpen };
  });

  // ECharts is fetched the first time a chart is shown, and drawn once per mount.
  useEffect(() => {
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    void import('./echarts.ts').then(({ drawChart }) => {
      const element = host.current;
      if (cancelled || element === null) return;
      drawn.current = drawChart(element, latest.current.definition, clickable ? (point) => latest.current.onOpen?.(point) : undefined);
      if (typeof ResizeObserver !== 'undefined') {
        observer = new ResizeObserver(() => drawn.current?.resize());
        observer.observe(element);
      }
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      drawn.current?.dispose();
      drawn.current = null;
    };
  }, [clickable]);

  useEffect(() => {
    drawn.current?.update(definition);
    shown.current = null;
  }, [definition]);

  const points = definition.points;
  const activeIndex = active === null || points.length === 0 ? null : Math.min(active, points.length - 1);
  const activePoint = activeIndex === null ? null : (points[activeIndex] ?? null);

  useEffect(() => {
    drawn.current?.showPoint(activePoint, shown.current);
    shown.current = activePoint;
  }, [activePoint]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (points.length === 0) return;
    const last = points.length - 1;
    let next: number | null | undefined;
    switch (event.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        next = activeIndex === null ? 0 : Math.min(activeIndex + 1, last);
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        next = activeIndex === null ? last : Math.max(activeIndex - 1, 0);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      case 'Escape':
        next = null;
        break;
      case 'Enter':
      case ' ':
        if (onOpen && activePoint) {
          event.preventDefault();
          onOpen(activePoint);
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    setActive(next);
  };

  const Heading = headingLevel === 4 ? 'h4' : 'h3';
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`} className="chart-title">
        {title}
      </Heading>
      <p id={`${id}-summary`} className="chart-summary">
        {summary}
      </p>
      <div
        ref={host}
        className={clickable ? 'chart-canvas chart-canvas-open' : 'chart-canvas'}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-summary ${id}-keys`}
        tabIndex={0}
        style={{ height: definition.height }}
        onKeyDown={onKeyDown}
        onBlur={() => setActive(null)}
        data-testid={`chart-${id}`}
      />
      <p id={`${id}-keys`} className="chart-keys">
        {clickable ? t('app.insight.chart.keysOpen') : t('app.insight.chart.keys')}
      </p>
      {/* Spoken as the reader moves through the chart with the arrow keys. */}
      <p className="visually-hidden" aria-live="polite" data-testid={`chart-${id}-announcement`}>
        {activePoint?.text ?? ''}
      </p>
      {tableShown ? (
        table
      ) : (
        <details className="chart-data">
          <summary>{t('app.insight.chart.showData')}</summary>
          {table}
        </details>
      )}
    </figure>
  );
}

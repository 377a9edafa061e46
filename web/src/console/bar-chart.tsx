import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
// uPlot's few layout rules, bundled by Vite into the console's stylesheet: the CSP allows no inline style.
import 'uplot/dist/uPlot.min.css';

const BLUE = '#1d70b8';
const TEXT = '#0b0c0c';
const GRID = '#b1b4b6';
// GOV.UK Frontend's typeface: its stylesheet sets it on its own classes only, so a canvas must be told.
const FONT = '"GDS Transport", arial, sans-serif';
// Every count axis steps in whole numbers: half an enquiry means nothing.
const WHOLE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000];

export interface BarChartProps {
  id: string;
  /** What the chart shows, in words: its accessible name (the figures themselves are in a table beside it). */
  summary: string;
  labels: string[];
  values: number[];
  /** Categories down the side, bars across: for names too long to stand under a bar. */
  horizontal?: boolean;
}

/**
 * A bar chart drawn by uPlot on a canvas, as wide as its container. To assistive technology it is one image named
 * by `summary`; the page must show the same figures in a table.
 */
export function BarChart({ id, summary, labels, values, horizontal = false }: BarChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const key = `${horizontal}|${labels.join('\u0000')}|${values.join(',')}`;
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const font = `16px ${FONT}`;
    const height = horizontal ? Math.max(140, labels.length * 40 + 50) : 280;
    const widthOf = () => Math.max(280, Math.floor(element.clientWidth));
    const plot = new uPlot(
      options(labels, values, horizontal, font, widthOf(), height),
      [labels.map((_, index) => index), values],
      element,
    );
    let width = widthOf();
    let frame = 0;
    // Redrawn at the new width when the page's layout changes; only the width, so its own height never loops back.
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (widthOf() === width) return;
        width = widthOf();
        plot.setSize({ width, height });
      });
    });
    observer.observe(element);
    // Drawn again once the web font has come, so that labels are measured and drawn in it.
    let live = true;
    void document.fonts?.ready.then(() => live && plot.redraw(false, true));
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      observer.disconnect();
      plot.destroy();
    };
  }, [key]);
  return <div class="signpost-chart" id={id} role="img" aria-label={summary} ref={host} />;
}

function options(labels: string[], values: number[], horizontal: boolean, font: string, width: number, height: number): uPlot.Options {
  const highest = Math.max(0, ...values);
  const categoryAxis: uPlot.Axis = {
    scale: 'x',
    side: horizontal ? 3 : 2,
    font,
    stroke: TEXT,
    grid: { show: false },
    ticks: { show: false },
    // Under the bars, as many labels as fit without overlapping; beside them, every one.
    splits: (plot) => {
      const step = horizontal
        ? 1
        : Math.max(1, Math.ceil(labels.length / Math.max(1, Math.floor(plot.bbox.width / devicePixelRatio / 72))));
      return labels.map((_, index) => index).filter((index) => index % step === 0);
    },
    values: (_plot, splits) => splits.map((index) => labels[index] ?? ''),
    ...(horizontal ? { size: labelWidth(labels, font, width) } : {}),
  };
  const countAxis: uPlot.Axis = {
    scale: 'y',
    side: horizontal ? 2 : 3,
    font,
    stroke: TEXT,
    grid: { stroke: GRID, width: 1 },
    ticks: { stroke: GRID, width: 1 },
    incrs: WHOLE_STEPS,
    values: (_plot, splits) => splits.map((value) => (Number.isInteger(value) ? value.toLocaleString('en-GB') : '')),
  };
  return {
    width,
    height,
    legend: { show: false },
    // No hover read-out: the figures are in the table, where everyone can read them.
    cursor: { show: false, drag: { x: false, y: false } },
    scales: {
      x: { time: false, range: [-0.5, labels.length - 0.5], ...(horizontal ? { ori: 1, dir: -1 } : {}) },
      y: { range: () => [0, Math.max(4, Math.ceil(highest * 1.1))], ...(horizontal ? { ori: 0, dir: 1 } : {}) },
    },
    axes: [categoryAxis, countAxis],
    series: [
      {},
      {
        label: 'Count',
        fill: BLUE,
        stroke: BLUE,
        width: 0,
        points: { show: false },
        paths: uPlot.paths.bars!({ size: [0.7, 64], align: 0 }),
      },
    ],
  };
}

/** Room for the longest label beside horizontal bars, at most two fifths of the chart. */
function labelWidth(labels: string[], font: string, width: number): number {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return 160;
  context.font = font;
  const longest = Math.max(0, ...labels.map((label) => context.measureText(label).width));
  return Math.min(Math.ceil(longest) + 24, Math.floor(width * 0.4));
}

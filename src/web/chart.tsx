// Bar charts (plain or stacked) drawn by echarts as SVG. A chart is a picture of a table, never
// the only way to the numbers: it is hidden from assistive technology and always rendered with
// the table that carries the same data. echarts is loaded on first use, and only the parts drawn
// here, so pages without charts never download it.
import { type ReactNode, useEffect, useRef } from "react";

type ChartSeries = { name: string; values: number[]; color?: string };

type BarChartProps = {
  categories: string[];
  series: ChartSeries[];
  /** Stack the series into one bar per category (shares of a whole). */
  stacked?: boolean;
  /** Format an axis value and a tooltip value. */
  format?: (value: number) => string;
  /** Fix the value axis, e.g. 1 for shares. */
  max?: number;
  /** The table with the same data; required, because the chart alone says nothing to a screen reader. */
  table: ReactNode;
};

/** Colours with at least 3:1 contrast against white, told apart by lightness as well as hue. */
export const CHART_COLOURS = ["#0b4f8a", "#c75300", "#1d6b37", "#6b3fa0", "#8a6d00", "#a3231a"];

type Echarts = typeof import("echarts/core");
let loading: Promise<Echarts> | null = null;

function loadEcharts(): Promise<Echarts> {
  // Destructured where imported, so the bundler keeps only these parts of echarts.
  loading ??= Promise.all([
    import("echarts/core"),
    import("echarts/charts").then(({ BarChart }) => BarChart),
    // The plain legend: the scrolling one is never needed beside a handful of series.
    import("echarts/components").then(({ GridComponent, TooltipComponent, LegendPlainComponent }) => [
      GridComponent,
      TooltipComponent,
      LegendPlainComponent,
    ]),
    import("echarts/renderers").then(({ SVGRenderer }) => SVGRenderer),
  ]).then(([core, bar, components, svg]) => {
    core.use([bar, ...components, svg]);
    return core;
  });
  return loading;
}

const LABEL_WIDTH = 190;
const BAR_ROW = 34;

export function BarChart({ categories, series, stacked = false, format, max, table }: BarChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EchartsInstance | null>(null);
  const formatRef = useRef(format);
  formatRef.current = format;
  const legend = series.length > 1;
  const perRow = stacked || series.length === 1 ? BAR_ROW : BAR_ROW * series.length * 0.7;
  const height = Math.max(120, categories.length * perRow + (legend ? 100 : 44));
  // The option is rebuilt only when the data changes, not on every render of the page around it.
  const data = JSON.stringify({ categories, series, stacked, max });
  const dataRef = useRef(data);
  dataRef.current = data;

  useEffect(() => {
    const target = element.current;
    if (!target) return;
    let disposed = false;
    let observer: ResizeObserver | null = null;
    void loadEcharts().then((echarts) => {
      if (disposed) return;
      chart.current = echarts.init(target, undefined, { renderer: "svg" });
      const current = chart.current;
      // Label room and tick count depend on the width: laid out again when it changes.
      let width = current.getWidth();
      observer = new ResizeObserver(() => {
        current.resize();
        if (current.getWidth() === width) return;
        width = current.getWidth();
        setData(current, dataRef.current, formatRef);
      });
      observer.observe(target);
      setData(current, dataRef.current, formatRef);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (chart.current) setData(chart.current, data, formatRef);
  }, [data]);

  return (
    <div className="chart-block">
      <div className="chart" aria-hidden="true" ref={element} style={{ height }} />
      <div className="chart-table">{table}</div>
    </div>
  );
}

type EchartsInstance = ReturnType<Echarts["init"]>;

const pageFont = () => getComputedStyle(document.body).fontFamily || "sans-serif";

function setData(
  chart: EchartsInstance,
  data: string,
  format: { current: ((value: number) => string) | undefined },
) {
  const { categories, series, stacked, max } = JSON.parse(data) as {
    categories: string[];
    series: ChartSeries[];
    stacked: boolean;
    max?: number;
  };
  const formatter = (value: number) => (format.current ? format.current(value) : String(value));
  const legend = series.length > 1;
  // Category labels get a fixed share of the width and are cut with "…" beyond it; the table has them whole.
  const labelWidth = Math.min(LABEL_WIDTH, Math.round(chart.getWidth() * 0.38));
  chart.setOption(
    {
      animation: false,
      color: CHART_COLOURS,
      // The page's own font, named, so echarts measures labels with the font they are drawn in.
      textStyle: { fontFamily: pageFont(), fontSize: 12, color: "#1c2430" },
      grid: {
        left: labelWidth + 12,
        right: 28,
        top: legend ? (chart.getWidth() < 460 ? 64 : 40) : 8,
        bottom: 28,
        outerBoundsMode: "none",
      },
      legend: legend
        ? { top: 0, left: 0, itemGap: 12, textStyle: { color: "#1c2430", fontFamily: pageFont() } }
        : { show: false },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        valueFormatter: (value: unknown) => formatter(Number(value)),
      },
      xAxis: {
        type: "value",
        max,
        splitNumber: chart.getWidth() < 480 ? 3 : 5,
        interval: max === 1 ? (chart.getWidth() < 480 ? 0.5 : 0.25) : undefined,
        axisLabel: { formatter, color: "#4f5b69", hideOverlap: true },
        splitLine: { lineStyle: { color: "#d3d9e0" } },
      },
      yAxis: {
        type: "category",
        inverse: true,
        data: categories,
        axisLabel: {
          width: labelWidth,
          overflow: "truncate",
          color: "#1c2430",
        },
        axisTick: { show: false },
      },
      series: series.map((item) => ({
        type: "bar",
        name: item.name,
        data: item.values,
        stack: stacked ? "total" : undefined,
        itemStyle: item.color ? { color: item.color } : undefined,
        barMaxWidth: 22,
      })),
    },
    { notMerge: true },
  );
}

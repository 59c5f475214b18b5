// A thin ECharts wrapper: one chart per element, resized with its box (window, collapsed menu,
// a card laid out after the chart started), disposed on unmount.
import * as echarts from 'echarts';
import { useEffect, useRef } from 'react';

export function Chart({ option, height = 320, testId }: { option: echarts.EChartsOption; height?: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    // A chart started in a box not yet laid out would otherwise stay 0 px wide until the window changes.
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} />;
}

/** Bars (and lines) per sub-region: the shape of every per-region overview. */
export function perRegionOption(names: string[], series: echarts.SeriesOption[]): echarts.EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: {},
    grid: { left: 40, right: 10, bottom: 60, top: 40 },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: names.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series,
  };
}

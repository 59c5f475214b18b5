// A thin ECharts wrapper: one chart per element, resized with the window, disposed on unmount.
import * as echarts from 'echarts';
import { useEffect, useRef } from 'react';

export function Chart({ option, height = 320, testId }: { option: echarts.EChartsOption; height?: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
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

// Realistic sensor readings for demos and benchmarks: each sensor wanders around a baseline in
// its normal band with noise; now and then one climbs through its high and high-high thresholds
// and falls back (an excursion), so alarms are raised, updated and cleared as in a plant.
import type { SensorType } from '@taishan/domain';

export type SimSensor = {
  code: string;
  type: SensorType | string;
  rangeMin: number;
  rangeMax: number;
  high?: number | null;
  highHigh?: number | null;
};
export type SimTarget = { creditCode: string; sensors: SimSensor[] };

type Track = { sensor: SimSensor; baseline: number; excursion: { start: number; length: number; peak: number } | null };

/** A small deterministic PRNG, so a run can be repeated. */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class SensorSimulator {
  private readonly tracks: { creditCode: string; tracks: Track[] }[];
  private tick = 0;
  private readonly rand: () => number;

  /** `excursionChance`: per sensor and step, the chance an excursion starts. */
  constructor(
    targets: SimTarget[],
    private readonly excursionChance = 0.002,
    seed = 20261123,
  ) {
    this.rand = prng(seed);
    this.tracks = targets.map((t) => ({
      creditCode: t.creditCode,
      tracks: t.sensors.map((sensor) => {
        const top = sensor.high ?? sensor.rangeMax;
        return { sensor, baseline: sensor.rangeMin + (top - sensor.rangeMin) * (0.2 + this.rand() * 0.3), excursion: null };
      }),
    }));
  }

  private value(t: Track): number {
    const s = t.sensor;
    const span = s.rangeMax - s.rangeMin;
    if (!t.excursion && this.rand() < this.excursionChance) {
      const peak = s.highHigh ?? s.high ?? s.rangeMax;
      t.excursion = { start: this.tick, length: 20 + Math.floor(this.rand() * 40), peak: Math.min(s.rangeMax, peak + span * 0.05) };
    }
    let v = t.baseline + (this.rand() - 0.5) * span * 0.02;
    if (t.excursion) {
      const x = (this.tick - t.excursion.start) / t.excursion.length;
      if (x >= 1) t.excursion = null;
      else v = t.baseline + (t.excursion.peak - t.baseline) * Math.sin(Math.PI * x);
    }
    return Math.round(Math.min(s.rangeMax, Math.max(s.rangeMin, v)) * 1000) / 1000;
  }

  /** One reading per sensor at `ts`, as batches of at most `batch` readings per enterprise. */
  step(ts: number, batch = 100): { creditCode: string; payload: { readings: { sensor: string; ts: number; value: number }[] } }[] {
    this.tick++;
    const out: ReturnType<SensorSimulator['step']> = [];
    for (const t of this.tracks) {
      const readings = t.tracks.map((track) => ({ sensor: track.sensor.code, ts, value: this.value(track) }));
      for (let i = 0; i < readings.length; i += batch)
        out.push({ creditCode: t.creditCode, payload: { readings: readings.slice(i, i + batch) } });
    }
    return out;
  }

  /** Forces an excursion on the first sensor of the first target (demos: "show me an alarm"). */
  excite() {
    const t = this.tracks[0]?.tracks[0];
    if (t) t.excursion = { start: this.tick, length: 30, peak: (t.sensor.highHigh ?? t.sensor.high ?? t.sensor.rangeMax) * 1.05 };
  }
}

/**
 * The game's sound effects, synthesized in code: oscillators, seeded noise and envelopes. The
 * engine hum is built from whole cycles of every partial so that it loops without a click.
 */

/** Sample rate of every effect, in Hz: plenty for these sounds and keeps the files small. */
export const RATE = 22050;

function render(seconds: number, sample: (t: number, i: number) => number): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < out.length; i++) out[i] = sample(i / RATE, i);
  return out;
}

/** A seeded white-noise source in [-1, 1] (xorshift32), so the files are reproducible. */
function noiseSource(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) / 4294967296) * 2 - 1;
  };
}

/** A one-pole low-pass over a source: `k` near 0 is dark, near 1 is bright. */
function lowPass(source: () => number, k: number): () => number {
  let y = 0;
  return () => (y += k * (source() - y));
}

const TAU = Math.PI * 2;

function engine(): Float32Array {
  const length = 0.6; // 50 Hz * 0.6 s = 30 whole cycles; modulation 10 Hz = 6 cycles
  return render(length, (t) => {
    let saw = 0;
    for (let h = 1; h <= 6; h++) saw += Math.sin(TAU * 50 * h * t) / h;
    const throb = 0.75 + 0.25 * Math.sin(TAU * 10 * t);
    return 0.22 * saw * throb;
  });
}

function fire(): Float32Array {
  const n = lowPass(noiseSource(11), 0.5);
  let phase = 0;
  return render(0.28, (t) => {
    phase += (TAU * (170 * Math.exp(-t * 14) + 45)) / RATE;
    return 0.55 * n() * Math.exp(-t * 28) + 0.7 * Math.sin(phase) * Math.exp(-t * 12);
  });
}

function ricochet(): Float32Array {
  const n = noiseSource(23);
  let phase = 0;
  return render(0.2, (t) => {
    phase += (TAU * (2600 - 1500 * (t / 0.2))) / RATE;
    return 0.35 * Math.sin(phase) * Math.exp(-t * 22) + 0.25 * n() * Math.exp(-t * 160);
  });
}

function explosion(): Float32Array {
  const n = lowPass(noiseSource(37), 0.12);
  let phase = 0;
  return render(1.1, (t) => {
    phase += (TAU * (90 * Math.exp(-t * 5) + 28)) / RATE;
    const rumble = 2.2 * n() * Math.exp(-t * 3.5);
    return rumble + 0.6 * Math.sin(phase) * Math.exp(-t * 6);
  });
}

function win(): Float32Array {
  const notes = [523.25, 659.25, 783.99, 1046.5];
  return render(1.3, (t) => {
    let s = 0;
    notes.forEach((f, k) => {
      const start = k * 0.14;
      if (t < start) return;
      const u = t - start;
      const tri = (2 / Math.PI) * Math.asin(Math.sin(TAU * f * u));
      s += 0.22 * tri * Math.min(1, u * 200) * Math.exp(-u * (k === 3 ? 2.2 : 6));
    });
    return s;
  });
}

function click(): Float32Array {
  return render(0.05, (t) => 0.4 * Math.sin(TAU * 1400 * t) * Math.exp(-t * 90));
}

/** Every sound effect, by file name, as samples in [-1, 1] at RATE. */
export function synthesizeSounds(): Record<string, Float32Array> {
  return {
    'sfx-engine.wav': engine(),
    'sfx-fire.wav': fire(),
    'sfx-ricochet.wav': ricochet(),
    'sfx-explosion.wav': explosion(),
    'sfx-win.wav': win(),
    'sfx-click.wav': click(),
  };
}

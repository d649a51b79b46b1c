/**
 * Minimal L-BFGS minimiser for smooth convex objectives (our L2-regularised
 * logistic loss). Deterministic: no randomness, so training is reproducible
 * bit-for-bit on the same data, with no seed to pin.
 */

/** Objective: writes the gradient into `grad` and returns the value. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Stopping rules. */
export interface LbfgsOptions {
  maxIterations: number;
  /** Stop when the max-abs gradient falls below this. */
  gradTolerance: number;
  /** Stop when the relative decrease of f over one step falls below this. */
  relTolerance: number;
  /** Number of correction pairs kept. */
  memory: number;
}

const DEFAULTS: LbfgsOptions = { maxIterations: 300, gradTolerance: 1e-6, relTolerance: 1e-9, memory: 10 };

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] as number));
  return m;
}

/** Minimise `f` starting from `x0` (modified in place and returned). */
export function lbfgs(f: Objective, x0: Float64Array, options: Partial<LbfgsOptions> = {}): Float64Array {
  const o = { ...DEFAULTS, ...options };
  const n = x0.length;
  const x = x0;
  let g = new Float64Array(n);
  let fx = f(x, g);
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rhoHist: number[] = [];
  const dir = new Float64Array(n);
  const xNew = new Float64Array(n);
  let gNew = new Float64Array(n);

  for (let iter = 0; iter < o.maxIterations; iter++) {
    if (maxAbs(g) < o.gradTolerance) break;
    // Two-loop recursion: dir = -H g.
    dir.set(g);
    const k = sHist.length;
    const alpha = new Array<number>(k);
    for (let i = k - 1; i >= 0; i--) {
      const a = (rhoHist[i] as number) * dot(sHist[i] as Float64Array, dir);
      alpha[i] = a;
      const y = yHist[i] as Float64Array;
      for (let j = 0; j < n; j++) dir[j] = (dir[j] as number) - a * (y[j] as number);
    }
    const gamma = k > 0 ? dot(sHist[k - 1] as Float64Array, yHist[k - 1] as Float64Array) / dot(yHist[k - 1] as Float64Array, yHist[k - 1] as Float64Array) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let j = 0; j < n; j++) dir[j] = (dir[j] as number) * gamma;
    for (let i = 0; i < k; i++) {
      const b = (rhoHist[i] as number) * dot(yHist[i] as Float64Array, dir);
      const s = sHist[i] as Float64Array;
      const a = alpha[i] as number;
      for (let j = 0; j < n; j++) dir[j] = (dir[j] as number) + (a - b) * (s[j] as number);
    }
    for (let j = 0; j < n; j++) dir[j] = -(dir[j] as number);

    // Backtracking line search (Armijo).
    let slope = dot(g, dir);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart with steepest descent.
      sHist.length = yHist.length = rhoHist.length = 0;
      for (let j = 0; j < n; j++) dir[j] = -(g[j] as number);
      slope = dot(g, dir);
    }
    let step = 1;
    let fNew = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let j = 0; j < n; j++) xNew[j] = (x[j] as number) + step * (dir[j] as number);
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < fx)) break;

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      s[j] = (xNew[j] as number) - (x[j] as number);
      y[j] = (gNew[j] as number) - (g[j] as number);
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      sHist.push(s);
      yHist.push(y);
      rhoHist.push(1 / sy);
      if (sHist.length > o.memory) {
        sHist.shift();
        yHist.shift();
        rhoHist.shift();
      }
    }
    x.set(xNew);
    const rel = (fx - fNew) / Math.max(1e-12, Math.abs(fx));
    fx = fNew;
    [g, gNew] = [gNew, g];
    if (rel < o.relTolerance) break;
  }
  return x;
}

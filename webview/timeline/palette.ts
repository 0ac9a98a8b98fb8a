/**
 * Canvas colours, read from the CSS custom properties in styles.css (which map --vscode-* variables with
 * fallbacks), so canvases follow the theme the same way the HTML does. Worker colours are shades of the
 * shown run's strategy colour (the .series-* class on the timelines section): hue says strategy, as in the
 * chart and the table, and shade says worker, so a worker lane never looks like another strategy.
 */

/** Colours one draw needs. */
export interface Palette {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  laneBackground: string;
  utilisation: string;
  failed: string;
  /** One shade per worker, cycled. */
  workers: string[];
  /** Colour for a thread that served no worker (the harness itself). */
  other: string;
  /** The GIL hand-off connector. */
  handoff: string;
  font: string;
  /** For the utilisation scale labels. */
  smallFont: string;
}

/** Number of distinct worker shades defined in styles.css. */
export const WORKER_COLOURS = 8;

/** Reads the palette from computed style of `el` (call again after a theme change or a change of run). */
export function readPalette(el: Element): Palette {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  const workers: string[] = [];
  for (let i = 0; i < WORKER_COLOURS; i++) workers.push(v(`--pp-worker-${i}`, '#3794ff'));
  const family = v('--pp-font-family', 'sans-serif');
  return {
    foreground: v('--pp-fg', '#333'),
    muted: v('--pp-muted', '#777'),
    grid: v('--pp-grid', 'rgba(128,128,128,0.25)'),
    background: v('--pp-bg', '#fff'),
    laneBackground: v('--pp-lane-bg', 'rgba(128,128,128,0.08)'),
    utilisation: v('--pp-util', '#888'),
    failed: v('--pp-error', '#e51400'),
    workers,
    other: v('--pp-other', '#999'),
    handoff: v('--pp-handoff', '#777'),
    font: `${v('--pp-canvas-font-size', '11px')} ${family}`,
    smallFont: `9px ${family}`,
  };
}

/** Colour index of a worker number: workers cycle through the shades; -1 (no worker) gets its own slot. */
export function workerColour(worker: number | undefined): number {
  return worker === undefined || worker < 0 ? WORKER_COLOURS : worker % WORKER_COLOURS;
}

/** The colour for a colour index from workerColour (or FAILED_COLOUR). */
export function colourOf(p: Palette, index: number): string {
  if (index === FAILED_COLOUR) return p.failed;
  return index >= WORKER_COLOURS ? p.other : p.workers[index];
}

/** Colour index for failed tasks. */
export const FAILED_COLOUR = WORKER_COLOURS + 1;

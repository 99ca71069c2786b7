/** Snap to grid: the resolutions a musician picks from (straight and triplet), and the snapping itself. */
import { TICKS_PER_BEAT } from "@/lib/time";
import { snapRound } from "./geometry";

export interface GridOption {
  id: string;
  label: string;
  ticks: number; // 1 when snapping is off (every tick is a grid line)
}

const Q = TICKS_PER_BEAT;
export const GRID_OPTIONS: readonly GridOption[] = [
  { id: "1/4", label: "1/4", ticks: Q },
  { id: "1/8", label: "1/8", ticks: Q / 2 },
  { id: "1/16", label: "1/16", ticks: Q / 4 },
  { id: "1/32", label: "1/32", ticks: Q / 8 },
  { id: "1/4t", label: "1/4 triplet", ticks: (Q * 2) / 3 },
  { id: "1/8t", label: "1/8 triplet", ticks: Q / 3 },
  { id: "1/16t", label: "1/16 triplet", ticks: Q / 6 },
  { id: "1/32t", label: "1/32 triplet", ticks: Q / 12 },
  { id: "off", label: "Off", ticks: 1 },
];

export const DEFAULT_GRID_ID = "1/16";

export function gridOption(id: string): GridOption {
  return GRID_OPTIONS.find((g) => g.id === id) ?? GRID_OPTIONS.find((g) => g.id === DEFAULT_GRID_ID)!;
}

/** The grid step used to move notes by keyboard when snapping is off: a 1/16. */
export const stepTicks = (grid: number): number => (grid > 1 ? grid : Q / 4);

export { snapFloor, snapRound as snapNearest } from "./geometry";

/**
 * The duration that ends on the grid line nearest to start+duration, at least one grid step
 * (snapping never makes a note vanish).
 */
export function snapDuration(start: number, duration: number, grid: number): number {
  const end = snapRound(start + duration, grid);
  return Math.max(grid, end - start);
}

/**
 * A new note's length (the last one drawn or resized) fitted to the grid: kept when it is a whole
 * number of steps, else the most steps it covers, at least one. An eighth drawn on the 1/8 triplet
 * grid would otherwise run 80 ticks into the next triplet.
 */
export function fitLength(length: number, grid: number): number {
  return length % grid === 0 ? length : Math.max(grid, Math.floor(length / grid) * grid);
}

/** The tokenizer's time grid: 12 ticks a quarter-note beat, so sixteenths and triplets both land on it. */
export const GRID_PER_BEAT = 12;

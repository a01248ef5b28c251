/**
 * The Okabe–Ito palette: told apart with every common colour-vision deficiency. Charts also use
 * dash patterns and labels, and every chart has a table with the same numbers beside it.
 */
export const CHART_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"] as const;

export const chartColor = (index: number) => CHART_COLORS[index % CHART_COLORS.length]!;
export const CHART_DASHES = ["", "6 3", "2 2", "8 3 2 3"] as const;
export const chartDash = (index: number) => CHART_DASHES[index % CHART_DASHES.length];

// The periods moved to ui/period.ts when the overview and the dashboards came to share one period picker;
// the attention and exchange pages still import them from here.
export * from '../../ui/period';

/** The day after a YYYY-MM-DD date: periods are inclusive of `to`, so queries compare with `< nextDay(to)`. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

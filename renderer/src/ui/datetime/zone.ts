import { sameWallClock } from '../../../../shared/time/clock';
import { zoneLabel } from '../../../../shared/time/format';

/** The laptop's own IANA zone (the renderer's; the backend never needs it). */
export function laptopTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * "Bogotá time" / "tijd Bogotá" when the post's clock differs from the laptop's at that moment, otherwise
 * undefined: a time on a laptop that already shows the post's clock needs no label.
 */
export function zoneLabelIfForeign(
  timeZone: string,
  language: string,
  at: string | Date = new Date(),
  laptop: string = laptopTimeZone(),
): string | undefined {
  return sameWallClock(timeZone, laptop, at) ? undefined : zoneLabel(timeZone, language);
}

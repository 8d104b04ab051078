import type { ComponentType } from 'react';
import type { View } from './router';

/**
 * Pages that are not a list of records. Each feature adds its page here; a view without a page shows
 * a short "not available" note rather than failing.
 */
export const PAGES: Partial<Record<View, ComponentType>> = {};

/** A provider wait longer than this (a daily quota, say) stops a pass instead of idling for hours. */
export const longestProviderWaitMs = 15 * 60_000;

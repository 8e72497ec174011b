package dev.certgate.internal.ops;

/**
 * How many decision events are written; the rest are counted.
 *
 * @param perClient    events per rule and client address in a window
 * @param perRule      events per rule in a window, whatever the clients
 * @param windowMillis the window, also the period of the summaries
 */
public record EventLimits(int perClient, int perRule, long windowMillis) {}

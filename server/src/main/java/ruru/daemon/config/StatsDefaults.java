package ruru.daemon.config;

import java.time.Duration;

/**
 * {@code statistic-default-sample-count} and {@code statistic-default-sample-age}: Kea's defaults
 * are 20 samples and no age limit; a count of 0 means samples are limited by age instead.
 */
public record StatsDefaults(int sampleCount, Duration sampleAge) {
    public static final StatsDefaults KEA = new StatsDefaults(20, Duration.ZERO);
}

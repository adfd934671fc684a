package io.switchboard.eventsource.simulator.impl;

import java.time.Duration;

/**
 * The call model's numbers, checked: times are means of exponential draws (ring time and the
 * logins' spread are uniform around theirs), percentages are 0 to 100.
 */
record CallSettings(double callsPerMinute, double ringSeconds, double handleSeconds, double holdPercent, double holdSeconds,
        double wrapUpPercent, double wrapUpSeconds, double notReadyPercent, double notReadySeconds, double abandonSeconds,
        Duration statisticsInterval) {

    static final String PID = "io.switchboard.eventsource.simulator";

    /** No calls: the agents walk through the states at the pace alone. */
    static final CallSettings NONE = new CallSettings(0, 3, 60, 20, 15, 50, 15, 10, 30, 120, Duration.ofSeconds(1));

    CallSettings {
        atLeast("callsPerMinute", callsPerMinute, 0);
        atLeast("ringSeconds", ringSeconds, 0);
        atLeast("handleSeconds", handleSeconds, 0);
        percent("holdPercent", holdPercent);
        atLeast("holdSeconds", holdSeconds, 0);
        percent("wrapUpPercent", wrapUpPercent);
        atLeast("wrapUpSeconds", wrapUpSeconds, 0);
        percent("notReadyPercent", notReadyPercent);
        atLeast("notReadySeconds", notReadySeconds, 0);
        atLeast("abandonSeconds", abandonSeconds, 0);
        if (statisticsInterval.toMillis() < 1) {
            throw new IllegalArgumentException(PID + ": queueStatisticsMillis " + statisticsInterval.toMillis() + " must be at least 1");
        }
    }

    static CallSettings of(SimulatorConfiguration config) {
        return new CallSettings(config.callsPerMinute(), config.ringSeconds(), config.handleSeconds(), config.holdPercent(),
                config.holdSeconds(), config.wrapUpPercent(), config.wrapUpSeconds(), config.notReadyPercent(),
                config.notReadySeconds(), config.abandonSeconds(), Duration.ofMillis(config.queueStatisticsMillis()));
    }

    boolean callsOn() {
        return callsPerMinute > 0;
    }

    private static void atLeast(String key, double value, double minimum) {
        if (!(value >= minimum) || Double.isInfinite(value)) { // NaN fails too
            throw new IllegalArgumentException(PID + ": " + key + " " + value + " must be a number of at least " + minimum);
        }
    }

    private static void percent(String key, double value) {
        if (!(value >= 0 && value <= 100)) {
            throw new IllegalArgumentException(PID + ": " + key + " " + value + " must be a percentage from 0 to 100");
        }
    }
}

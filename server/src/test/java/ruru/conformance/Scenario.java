package ruru.conformance;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One exchange compared with Kea: a configuration (the inside of the Dhcp4 map, {@code @IF@} for
 * the interface) and a script. {@code fromKea} turns kea-dhcp4 2.2's transcript into what ruru must
 * say where ruru deliberately follows Kea 3 or an RFC instead ({@code why} says which); the
 * identity for the rest.
 */
record Scenario(String name, String config, Script script, String why, UnaryOperator<List<String>> fromKea,
                String ruruConfig) {

    @FunctionalInterface
    interface Script {
        void play(Run run) throws Exception;
    }

    static Scenario of(String name, String config, Script script) {
        return new Scenario(name, config, script, null, UnaryOperator.identity(), config);
    }

    /** The same scenario where ruru's transcript is Kea's changed by {@code change}, for the reason given. */
    Scenario differs(String reason, UnaryOperator<List<String>> change) {
        return new Scenario(name, config, script, reason, change, ruruConfig);
    }

    /**
     * The same scenario with ruru configured by {@code config} instead: where Kea 3 spells a
     * behaviour differently from 2.2 (ruru must then answer as 2.2 does with its own spelling).
     */
    Scenario ruruConfigured(String reason, String config) {
        return new Scenario(name, this.config, script, reason, fromKea, config);
    }
}

package ruru.hooks;

import java.util.List;

import ruru.json.Element;

/**
 * {@code dhcp6_srv_configured}: a new configuration is about to go live. DROP aborts the
 * reconfiguration; the error set on the arguments is reported.
 */
@FunctionalInterface
public interface Dhcp6SrvConfiguredCallout {

    NextStep dhcp6SrvConfigured(Args args);

    /** {@code json_config}, the subnets of {@code server_config}, and {@code error} (out). */
    final class Args {
        private final Element jsonConfig;
        private final List<Subnet6Info> subnets;
        private String error = "";

        public Args(Element jsonConfig, List<Subnet6Info> subnets) {
            this.jsonConfig = jsonConfig;
            this.subnets = List.copyOf(subnets);
        }

        /** The {@code Dhcp6} map of the new configuration. */
        public Element jsonConfig() {
            return jsonConfig;
        }

        public List<Subnet6Info> subnets() {
            return subnets;
        }

        public String error() {
            return error;
        }

        public void setError(String error) {
            this.error = error == null ? "" : error;
        }
    }
}

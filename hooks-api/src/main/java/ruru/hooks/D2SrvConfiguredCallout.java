package ruru.hooks;

import java.util.List;

import ruru.json.Element;

/**
 * {@code d2_srv_configured}: D2 has parsed a new configuration and is about to use it. DROP rejects
 * the configuration; the error set on the arguments is the reason reported to the operator
 * ({@code DHCP_DDNS_CONFIGURED_CALLOUT_DROP}).
 */
@FunctionalInterface
public interface D2SrvConfiguredCallout {

    NextStep d2SrvConfigured(Args args);

    /** {@code json_config}, the parts of {@code server_config} a library can use, {@code error} (out). */
    final class Args {
        private final Element jsonConfig;
        private final List<TsigKeyInfo> keys;
        private final List<DdnsDomainInfo> forwardDomains;
        private final List<DdnsDomainInfo> reverseDomains;
        private String error = "";

        public Args(Element jsonConfig, List<TsigKeyInfo> keys, List<DdnsDomainInfo> forwardDomains,
                    List<DdnsDomainInfo> reverseDomains) {
            this.jsonConfig = jsonConfig;
            this.keys = List.copyOf(keys);
            this.forwardDomains = List.copyOf(forwardDomains);
            this.reverseDomains = List.copyOf(reverseDomains);
        }

        /** The {@code DhcpDdns} map of the new configuration. */
        public Element jsonConfig() {
            return jsonConfig;
        }

        public List<TsigKeyInfo> keys() {
            return keys;
        }

        public List<DdnsDomainInfo> forwardDomains() {
            return forwardDomains;
        }

        public List<DdnsDomainInfo> reverseDomains() {
            return reverseDomains;
        }

        public String error() {
            return error;
        }

        public void setError(String error) {
            this.error = error == null ? "" : error;
        }
    }
}

package ruru.hooks;

import java.util.Objects;

import ruru.wire.v6.Dhcp6Packet;

/**
 * {@code ddns6_update}: the DHCPv6 server has decided a client's host name (option 39, a reserved
 * name or a generated one) and which DNS directions to update, once per SOLICIT, REQUEST, RENEW and
 * REBIND that gets an address, before the leases are made, as Kea's processClientFqdn. A callout
 * may change the name and the directions; what it leaves is stored in the leases, returned to the
 * client and sent to D2. As in Kea, a reply option 39 then says the server does no updates (S 0,
 * N 1), and the status is ignored. The response is the one being built: its message type and
 * option 39.
 */
@FunctionalInterface
public interface Ddns6UpdateCallout {

    NextStep ddns6Update(Args args);

    /** {@code query6}, {@code response6}, {@code subnet6}, {@code ddns-params} (in); the decision (in/out). */
    final class Args {
        private final Dhcp6Packet query6;
        private final Dhcp6Packet response6;
        private final Subnet6Info subnet6;
        private final DdnsParamsInfo ddnsParams;
        private String hostname;
        private boolean fwdUpdate;
        private boolean revUpdate;

        public Args(Dhcp6Packet query6, Dhcp6Packet response6, Subnet6Info subnet6, DdnsParamsInfo ddnsParams,
                    String hostname, boolean fwdUpdate, boolean revUpdate) {
            this.query6 = query6;
            this.response6 = response6;
            this.subnet6 = subnet6;
            this.ddnsParams = ddnsParams;
            this.hostname = Objects.requireNonNull(hostname);
            this.fwdUpdate = fwdUpdate;
            this.revUpdate = revUpdate;
        }

        public Dhcp6Packet query6() {
            return query6;
        }

        public Dhcp6Packet response6() {
            return response6;
        }

        public Subnet6Info subnet6() {
            return subnet6;
        }

        public DdnsParamsInfo ddnsParams() {
            return ddnsParams;
        }

        /** The fully qualified name, with a trailing dot (empty: no name). */
        public String hostname() {
            return hostname;
        }

        public void setHostname(String hostname) {
            this.hostname = Objects.requireNonNull(hostname);
        }

        public boolean fwdUpdate() {
            return fwdUpdate;
        }

        public void setFwdUpdate(boolean fwdUpdate) {
            this.fwdUpdate = fwdUpdate;
        }

        public boolean revUpdate() {
            return revUpdate;
        }

        public void setRevUpdate(boolean revUpdate) {
            this.revUpdate = revUpdate;
        }
    }
}

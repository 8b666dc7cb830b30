package ruru.hooks;

import java.util.Objects;

import ruru.wire.v4.Dhcp4Packet;

/**
 * {@code ddns4_update}: the DHCPv4 server has decided a client's host name and which DNS directions
 * to update, for every DISCOVER and REQUEST that gets an address (offers, new leases, renewals and
 * reused cached leases alike), before the lease is made, as Kea's processClientName. A callout may
 * change the name and the directions; what it leaves is stored in the lease, returned to the client
 * and sent to D2. As in Kea, a reply FQDN option then says the server does no updates (S 0, N 1),
 * and the status is ignored. The response is the one being built: its message type and name option.
 */
@FunctionalInterface
public interface Ddns4UpdateCallout {

    NextStep ddns4Update(Args args);

    /** {@code query4}, {@code response4}, {@code subnet4}, {@code ddns-params} (in); the decision (in/out). */
    final class Args {
        private final Dhcp4Packet query4;
        private final Dhcp4Packet response4;
        private final Subnet4Info subnet4;
        private final DdnsParamsInfo ddnsParams;
        private String hostname;
        private boolean fwdUpdate;
        private boolean revUpdate;

        public Args(Dhcp4Packet query4, Dhcp4Packet response4, Subnet4Info subnet4, DdnsParamsInfo ddnsParams,
                    String hostname, boolean fwdUpdate, boolean revUpdate) {
            this.query4 = query4;
            this.response4 = response4;
            this.subnet4 = subnet4;
            this.ddnsParams = ddnsParams;
            this.hostname = Objects.requireNonNull(hostname);
            this.fwdUpdate = fwdUpdate;
            this.revUpdate = revUpdate;
        }

        public Dhcp4Packet query4() {
            return query4;
        }

        public Dhcp4Packet response4() {
            return response4;
        }

        public Subnet4Info subnet4() {
            return subnet4;
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

package ruru.dhcp4;

import java.util.List;
import java.util.OptionalLong;

import ruru.wire.v4.Dhcp4Packet;

/**
 * The client classes Kea's HA library gives a query: {@code HA_<server>}, the scope (server name)
 * the query falls in, whether or not this server serves it, so pools can be guarded per scope
 * ({@code "client-class": "HA_server1"}). The classification engine asks this for every query;
 * it answers nothing when {@code libdhcp_ha.so} is not loaded.
 */
@FunctionalInterface
public interface HaScopeClasses {

    /**
     * @param subnetId the selected subnet, when known: with several HA relationships (hub and spoke)
     *                 the subnet's relationship decides, as in Kea's subnet4_select callout
     */
    List<String> classesOf(Dhcp4Packet query, OptionalLong subnetId);

    HaScopeClasses NONE = (query, subnetId) -> List.of();
}

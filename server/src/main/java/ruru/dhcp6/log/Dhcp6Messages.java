package ruru.dhcp6.log;

import static ruru.daemon.logging.Severity.DEBUG;
import static ruru.daemon.logging.Severity.ERROR;
import static ruru.daemon.logging.Severity.INFO;
import static ruru.daemon.logging.Severity.WARN;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.daemon.logging.KeaMessageTable;
import ruru.daemon.logging.Severity;
import ruru.dhcp.engine.ReclaimMessages;
import ruru.dhcp.engine.ReclaimTrace;

/**
 * The kea-dhcp6 messages ruru's DHCPv6 server writes, as kea-dhcp6 2.2 writes them: ID, logger,
 * severity, debug level (Kea's DBG_DHCP6_* constants: 15 packet handling, 40 basic and hooks, 45
 * basic data, 50 detail, 55 detail data) and text. The texts are checked against the message
 * tables compiled into Kea 2.2's kea-dhcp6 and its libraries (Dhcp6MessagesTest); loggers,
 * severities and debug levels against a live kea-dhcp6 2.2 (Logging6AgainstKeaTest).
 */
public enum Dhcp6Messages implements KeaMessageTable {

    // kea-dhcp6.dhcp6: the daemon
    DHCP6_STARTING(Logger6.DHCP6, INFO, 0, "Kea DHCPv6 server version %1 (%2) starting"),
    DHCP6_STARTED(Logger6.DHCP6, INFO, 0, "Kea DHCPv6 server version %1 started"),
    DHCP6_INIT_FAIL(Logger6.DHCP6, ERROR, 0, "failed to initialize Kea server: %1"),
    DHCP6_CONFIG_COMPLETE(Logger6.DHCP6, INFO, 0, "DHCPv6 server has completed configuration: %1"),
    DHCP6_CONFIG_LOAD_FAIL(Logger6.DHCP6, ERROR, 0, "configuration error using file: %1, reason: %2"),
    DHCP6_CONFIG_SYNTAX_WARNING(Logger6.DHCP6, WARN, 0, "configuration syntax warning: %1"),
    DHCP6_PARSER_FAIL(Logger6.DHCP6, ERROR, 0, "failed to create or run parser for configuration element %1: %2"),
    DHCP6_PARSER_COMMIT_FAIL(Logger6.DHCP6, ERROR, 0, "parser failed to commit changes: %1"),
    DHCP6_DYNAMIC_RECONFIGURATION(Logger6.DHCP6, INFO, 0, "initiate server reconfiguration using file: %1, after receiving SIGHUP signal or config-reload command"),
    DHCP6_DYNAMIC_RECONFIGURATION_SUCCESS(Logger6.DHCP6, INFO, 0, "dynamic server reconfiguration succeeded with file: %1"),
    DHCP6_DYNAMIC_RECONFIGURATION_FAIL(Logger6.DHCP6, ERROR, 0, "dynamic server reconfiguration failed with file: %1"),
    DHCP6_SHUTDOWN(Logger6.DHCP6, INFO, 0, "server shutdown"),

    // kea-dhcp6.dhcp6: configuration received, shutdown requested (logc)
    DHCP6_CONFIG_RECEIVED(Logger6.DHCP6, DEBUG, 10, "received configuration: %1"),
    DHCP6_CONFIG_START(Logger6.DHCP6, DEBUG, 10, "DHCPv6 server is processing the following configuration: %1"),
    DHCP6_COMMAND_RECEIVED(Logger6.DHCP6, DEBUG, 10, "received command %1, arguments: %2"),
    DHCP6_SHUTDOWN_REQUEST(Logger6.DHCP6, DEBUG, 40, "shutdown of server requested"),
    /** Kea 3 writes it at INFO (kea-dhcp6 2.2 and 2.4 at WARN, whether multi-threading is on or off). */
    DHCP6_MULTI_THREADING_INFO(Logger6.DHCP6, INFO, 0, "enabled: %1, number of threads: %2, queue size: %3"),
    DHCP6_OPEN_SOCKET_FAIL(Logger6.DHCP6, ERROR, 0, "failed to open socket: %1"),
    DHCP6_USING_SERVERID(Logger6.DHCP6, INFO, 0, "server is using server-id %1 and stores in the file %2"),
    DHCP6_RECLAIM_EXPIRED_LEASES_FAIL(Logger6.DHCP6, ERROR, 0, "failed to reclaim expired leases: %1"),
    DHCP6_CLASS_ASSIGNED(Logger6.DHCP6, DEBUG, 40, "%1: client packet has been assigned to the following class(es): %2"),
    DHCP6_PACKET_QUEUE_FULL(Logger6.DHCP6, DEBUG, 40, "multi-threading packet queue is full"),

    // kea-dhcp6.packets: the packet path
    DHCP6_BUFFER_RECEIVED(Logger6.PACKETS, DEBUG, 40, "received buffer from %1:%2 to %3:%4 over interface %5"),
    DHCP6_PACKET_RECEIVED(Logger6.PACKETS, DEBUG, 45, "%1: %2 (type %3) received from %4 to %5 on interface %6"),
    DHCP6_QUERY_DATA(Logger6.PACKETS, DEBUG, 55, "%1, packet details: %2"),
    DHCP6_RESPONSE_DATA(Logger6.PACKETS, DEBUG, 55, "responding with packet type %1 data is %2"),
    DHCP6_SUBNET_SELECTED(Logger6.PACKETS, DEBUG, 45, "%1: the subnet with ID %2 was selected for client assignments"),
    DHCP6_SUBNET_DATA(Logger6.PACKETS, DEBUG, 55, "%1: the selected subnet details: %2"),
    DHCP6_SUBNET_SELECTION_FAILED(Logger6.PACKETS, DEBUG, 50, "%1: failed to select subnet for the client"),
    DHCP6_PACKET_SEND(Logger6.PACKETS, DEBUG, 40, "%1: trying to send packet %2 (type %3) from [%4]:%5 to [%6]:%7 on interface %8"),
    DHCP6_PACKET_SEND_FAIL(Logger6.PACKETS, ERROR, 0, "failed to send DHCPv6 packet: %1"),
    DHCP6_PACKET_RECEIVE_FAIL(Logger6.PACKETS, ERROR, 0, "error on attempt to receive packet: %1"),
    DHCP6_PACKET_PROCESS_STD_EXCEPTION(Logger6.PACKETS, ERROR, 0, "exception occurred during packet processing: %1"),
    DHCP6_PACKET_DROP_DROP_CLASS(Logger6.PACKETS, DEBUG, 15, "dropped as member of the special class 'DROP': %1"),
    DHCP6_PACKET_DROP_DROP_CLASS2(Logger6.PACKETS, DEBUG, 15, "dropped as member of the special class 'DROP' after host reservation lookup: %1"),
    DHCP6_PACKET_DROP_DROP_CLASS_EARLY(Logger6.PACKETS, DEBUG, 15, "dropped as member of the special class 'DROP' after early global host reservations lookup: %1"),
    DHCP6_HOOK_LEASES6_PARKING_LOT_FULL(Logger6.PACKETS, DEBUG, 15, "The parked-packet-limit %1, has been reached, dropping query: %2"),

    // kea-dhcp6.bad-packets: drops with their reasons
    DHCP6_PACKET_DROP_PARSE_FAIL(Logger6.BAD_PACKETS, DEBUG, 15, "failed to parse packet from %1 to %2, received over interface %3, reason: %4"),
    DHCP6_PACKET_DROP_SERVERID_MISMATCH(Logger6.BAD_PACKETS, DEBUG, 15, "%1: dropping packet with server identifier: %2, server is using: %3"),
    DHCP6_PACKET_DROP_UNICAST(Logger6.BAD_PACKETS, DEBUG, 15, "%1: dropping unicast %2 packet as this packet should be sent to multicast"),
    DHCP6_PACKET_DROP_DHCP_DISABLED(Logger6.BAD_PACKETS, DEBUG, 15, "%1: DHCP service is globally disabled"),
    DHCP6_REQUIRED_OPTIONS_CHECK_FAIL(Logger6.BAD_PACKETS, DEBUG, 40, "%1 message received from %2 failed the following check: %3"),
    DHCP6_UNKNOWN_MSG_RECEIVED(Logger6.BAD_PACKETS, DEBUG, 40, "received unknown message (type %1) on interface %2"),
    DHCP6_PACKET_PROCESS_FAIL(Logger6.BAD_PACKETS, DEBUG, 40, "processing of %1 message received from %2 failed: %3"),

    // kea-dhcp6.options
    DHCP6_BUFFER_UNPACK(Logger6.OPTIONS, DEBUG, 50, "parsing buffer received from %1 to %2 over interface %3"),
    DHCP6_RAPID_COMMIT(Logger6.OPTIONS, DEBUG, 50, "%1: Rapid Commit option received, following 2-way exchange"),
    DHCP6_ADD_STATUS_CODE_FOR_IA(Logger6.OPTIONS, DEBUG, 50, "%1: adding Status Code to IA with iaid=%2: %3"),
    DHCP6_ADD_GLOBAL_STATUS_CODE(Logger6.OPTIONS, DEBUG, 50, "%1: adding Status Code to DHCPv6 packet: %2"),
    DHCP6_PACK_FAIL(Logger6.OPTIONS, ERROR, 0, "failed to assemble response correctly"),

    // kea-dhcp6.leases
    DHCP6_PROCESS_IA_NA_REQUEST(Logger6.LEASES, DEBUG, 50, "%1: server is processing IA_NA option with iaid=%2 and hint=%3"),
    DHCP6_PROCESS_IA_PD_REQUEST(Logger6.LEASES, DEBUG, 50, "%1: server is processing IA_PD option with iaid=%2 and hint=%3"),
    DHCP6_PROCESS_IA_NA_EXTEND(Logger6.LEASES, DEBUG, 50, "%1: extending lease lifetime for IA_NA option with iaid=%2"),
    DHCP6_PROCESS_IA_PD_EXTEND(Logger6.LEASES, DEBUG, 50, "%1: extending lease lifetime for IA_PD option with iaid=%2"),
    DHCP6_PROCESS_IA_NA_RELEASE(Logger6.LEASES, DEBUG, 50, "%1: releasing lease for IA_NA option with iaid=%2"),
    DHCP6_LEASE_ADVERT(Logger6.LEASES, INFO, 0, "%1: lease for address %2 and iaid=%3 will be advertised"),
    DHCP6_PD_LEASE_ADVERT(Logger6.LEASES, INFO, 0, "%1: lease for prefix %2/%3 and iaid=%4 will be advertised"),
    DHCP6_LEASE_ALLOC(Logger6.LEASES, INFO, 0, "%1: lease for address %2 and iaid=%3 has been allocated for %4 seconds"),
    DHCP6_PD_LEASE_ALLOC(Logger6.LEASES, INFO, 0, "%1: lease for prefix %2/%3 and iaid=%4 has been allocated for %5 seconds"),
    DHCP6_LEASE_RENEW(Logger6.LEASES, INFO, 0, "%1: lease for address %2 and iaid=%3 has been allocated"),
    DHCP6_PD_LEASE_RENEW(Logger6.LEASES, INFO, 0, "%1: lease for prefix %2/%3 and iaid=%4 has been allocated"),
    DHCP6_LEASE_REUSE(Logger6.LEASES, INFO, 0, "%1: lease for address %2 and iaid=%3 has been reused for %4 seconds"),
    DHCP6_PD_LEASE_REUSE(Logger6.LEASES, INFO, 0,
            "%1: lease for prefix %2/%3 and iaid=%4 has been reused for %5 seconds"),
    DHCP6_LEASE_DATA(Logger6.LEASES, DEBUG, 55, "%1: detailed lease information for iaid=%2: %3"),
    DHCP6_LEASE_ADVERT_FAIL(Logger6.LEASES, DEBUG, 50, "%1: failed to advertise an address lease for iaid=%2"),
    DHCP6_PD_LEASE_ADVERT_FAIL(Logger6.LEASES, DEBUG, 50, "%1: failed to advertise a prefix lease for iaid=%2"),
    DHCP6_LEASE_ALLOC_FAIL(Logger6.LEASES, DEBUG, 50, "%1: failed to grant an address lease for iaid=%2"),
    DHCP6_PD_LEASE_ALLOC_FAIL(Logger6.LEASES, DEBUG, 50, "%1: failed to grant a prefix lease for iaid=%2"),
    DHCP6_RELEASE_NA(Logger6.LEASES, INFO, 0, "%1: binding for address %2 and iaid=%3 was released properly"),
    DHCP6_RELEASE_PD(Logger6.LEASES, INFO, 0, "%1: prefix %2/%3 for iaid=%4 was released properly"),
    DHCP6_RELEASE_NA_FAIL(Logger6.LEASES, ERROR, 0, "%1: failed to remove address lease for address %2 and iaid=%3"),
    DHCP6_RELEASE_PD_FAIL(Logger6.LEASES, ERROR, 0, "%1: failed to release prefix %2/%3 for iaid=%4"),
    DHCP6_RELEASE_NA_FAIL_WRONG_DUID(Logger6.LEASES, INFO, 0, "%1: client tried to release address %2, but it belongs to another client using duid=%3"),
    DHCP6_RELEASE_PD_FAIL_WRONG_DUID(Logger6.LEASES, INFO, 0, "%1: client tried to release prefix %2/%3, but it belongs to another client (duid=%4)"),
    DHCP6_RELEASE_NA_FAIL_WRONG_IAID(Logger6.LEASES, WARN, 0, "%1: client tried to release address %2, but it used wrong IAID (expected %3, but got %4)"),
    DHCP6_RELEASE_PD_FAIL_WRONG_IAID(Logger6.LEASES, WARN, 0, "%1: client tried to release prefix %2/%3, but it used wrong IAID (expected %4, but got %5)"),
    DHCP6_DECLINE_PROCESS_IA(Logger6.LEASES, DEBUG, 50, "Processing of IA (IAID: %1) from client %2 started."),
    DHCP6_DECLINE_LEASE(Logger6.LEASES, INFO, 0, "Client %1 sent DECLINE for address %2 and the server marked it as declined. The lease will be recovered in %3 seconds."),
    DHCP6_DECLINE_FAIL(Logger6.LEASES, ERROR, 0, "%1: error on decline lease for address %2: %3"),
    DHCP6_DECLINE_FAIL_NO_LEASE(Logger6.LEASES, INFO, 0, "Client %1 sent DECLINE for address %2, but there's no lease for it"),
    DHCP6_DECLINE_FAIL_DUID_MISMATCH(Logger6.LEASES, INFO, 0, "Client %1 sent DECLINE for address %2, but it belongs to client with DUID %3"),
    DHCP6_DECLINE_FAIL_IAID_MISMATCH(Logger6.LEASES, INFO, 0, "Client %1 sent DECLINE for address %2, but used a wrong IAID (%3), instead of expected %4"),

    // kea-dhcp6.hooks
    DHCP6_HOOK_BUFFER_RCVD_DROP(Logger6.HOOKS, DEBUG, 15, "received buffer from %1 to %2 over interface %3 was dropped because a callout set the drop flag"),
    DHCP6_HOOK_BUFFER_RCVD_SKIP(Logger6.HOOKS, DEBUG, 50, "received buffer from %1 to %2 over interface %3 is not parsed because a callout set the next step to SKIP"),
    DHCP6_HOOK_PACKET_RCVD_SKIP(Logger6.HOOKS, DEBUG, 40, "%1: packet is dropped, because a callout set the next step to SKIP"),
    DHCP6_HOOK_SUBNET6_SELECT_SKIP(Logger6.HOOKS, DEBUG, 40, "%1: no subnet was selected because a callout set the next step to SKIP"),
    DHCP6_HOOK_SUBNET6_SELECT_DROP(Logger6.HOOKS, DEBUG, 40, "%1: packet was dropped because a callout set the drop flag"),
    DHCP6_HOOK_LEASES6_COMMITTED_PARK(Logger6.HOOKS, DEBUG, 40, "%1: packet is parked, because a callout set the next step to PARK"),
    DHCP6_HOOK_LEASES6_COMMITTED_DROP(Logger6.HOOKS, DEBUG, 15, "%1: packet is dropped, because a callout set the next step to DROP"),
    DHCP6_HOOK_PACKET_SEND_SKIP(Logger6.HOOKS, DEBUG, 40, "%1: prepared DHCPv6 response is not built because a callout set the next step to SKIP"),
    DHCP6_HOOK_PACKET_SEND_DROP(Logger6.HOOKS, DEBUG, 15, "%1: prepared DHCPv6 response was not sent because a callout set the next ste to DROP"),
    DHCP6_HOOK_BUFFER_SEND_SKIP(Logger6.HOOKS, DEBUG, 40, "%1: prepared DHCPv6 response was dropped because a callout set the next step to SKIP"),
    DHCP6_HOOK_LEASE6_RELEASE_NA_SKIP(Logger6.HOOKS, DEBUG, 40, "%1: DHCPv6 address lease was not released because a callout set the next step to SKIP"),
    DHCP6_HOOK_LEASE6_RELEASE_PD_SKIP(Logger6.HOOKS, DEBUG, 40, "%1: prefix lease was not released because a callout set the next step to SKIP"),
    DHCP6_HOOK_DECLINE_SKIP(Logger6.HOOKS, DEBUG, 50, "During Decline processing (client=%1, interface=%2, addr=%3) hook callout set status to SKIP, skipping decline."),
    DHCP6_HOOK_DECLINE_DROP(Logger6.HOOKS, DEBUG, 15, "During Decline processing (client=%1, interface=%2, addr=%3) hook callout set next step to DROP, dropping packet."),

    // kea-dhcp6.ddns and kea-dhcp6.dhcpsrv: client names and name change requests
    DHCP6_DDNS_RECEIVE_FQDN(Logger6.DDNS, DEBUG, 50, "%1: received DHCPv6 Client FQDN option: %2"),
    DHCP6_DDNS_GENERATE_FQDN(Logger6.DDNS, DEBUG, 50, "%1: client did not send a FQDN option; FQDN will be"),
    DHCP6_DDNS_RESPONSE_FQDN_DATA(Logger6.DDNS, DEBUG, 50, "%1: including FQDN option in the server's response: %2"),
    DHCP6_DDNS_FQDN_GENERATED(Logger6.DDNS, DEBUG, 55, "%1: generated FQDN for the client: %2"),
    DHCP6_DDNS_CREATE_ADD_NAME_CHANGE_REQUEST(Logger6.DDNS, DEBUG, 50, "created name change request: %1"),
    DHCP6_HOOK_DDNS_UPDATE(Logger6.HOOKS, DEBUG, 15, "A hook has updated the DDNS parameters: hostname %1=>%2,"
            + " forward update %3=>%4, reverse update %5=>%6"),
    // kea-dhcp6.dhcpsrv: subnet selection
    DHCPSRV_CFGMGR_SUBNET6(Logger6.DHCPSRV, DEBUG, 40, "retrieved subnet %1 for address hint %2"),
    DHCPSRV_CFGMGR_SUBNET6_IFACE(Logger6.DHCPSRV, DEBUG, 40, "selected subnet %1 for packet received over interface %2"),
    DHCPSRV_CFGMGR_SUBNET6_IFACE_ID(Logger6.DHCPSRV, DEBUG, 40, "selected subnet %1 (interface-id match) for incoming packet"),
    DHCPSRV_CFGMGR_SUBNET6_RELAY(Logger6.DHCPSRV, DEBUG, 40, "selected subnet %1, because of matching relay addr %2"),
    DHCPSRV_SUBNET6_SELECT_BY_ADDRESS_NO_MATCH(Logger6.DHCPSRV, DEBUG, 40, "No subnet matches address: %1"),
    DHCPSRV_SUBNET6_SELECT_BY_INTERFACE_ID_NO_MATCH(Logger6.DHCPSRV, DEBUG, 40, "No subnet matches interface id: %1"),
    DHCPSRV_SUBNET6_SELECT_BY_INTERFACE_NO_MATCH(Logger6.DHCPSRV, DEBUG, 40, "No subnet matches interface: %1"),

    // kea-dhcp6.dhcpsrv: the memfile lease store
    DHCPSRV_MEMFILE_GET_IAID_DUID(Logger6.DHCPSRV, DEBUG, 50, "obtaining IPv6 leases for IAID %1 and DUID %2 and lease type %3"),
    DHCPSRV_MEMFILE_GET_IAID_SUBID_DUID(Logger6.DHCPSRV, DEBUG, 50, "obtaining IPv6 leases for IAID %1, Subnet ID %2, DUID %3 and lease type %4"),
    DHCPSRV_MEMFILE_GET_ADDR6(Logger6.DHCPSRV, DEBUG, 50, "obtaining IPv6 lease for address %1 and lease type %2"),
    DHCPSRV_MEMFILE_ADD_ADDR6(Logger6.DHCPSRV, DEBUG, 50, "adding IPv6 lease with address %1"),
    DHCPSRV_MEMFILE_UPDATE_ADDR6(Logger6.DHCPSRV, DEBUG, 50, "updating IPv6 lease for address %1"),
    DHCPSRV_MEMFILE_DELETE_ADDR(Logger6.DHCPSRV, DEBUG, 50, "deleting lease for address %1"),
    DHCPSRV_QUEUE_NCR(Logger6.DHCPSRV, DEBUG, 55, "%1: Name change request to %2 DNS entry queued: %3"),
    DHCPSRV_QUEUE_NCR_FAILED(Logger6.DHCPSRV, ERROR, 0, "%1: queuing %2 name change request failed for lease %3: %4"),
    DHCPSRV_QUEUE_NCR_SKIP(Logger6.DHCPSRV, DEBUG, 50, "%1: skip queuing name change request for lease: %2"),
    DHCPSRV_DHCP_DDNS_NCR_SENT(Logger6.DHCPSRV, DEBUG, 50, "NameChangeRequest sent to kea-dhcp-ddns: %1"),

    // kea-dhcp6.hosts: the reservation lookups of each query
    HOSTS_CFG_ADD_HOST(Logger6.HOSTS, DEBUG, 40, "add the host for reservations: %1"),
    HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER(Logger6.HOSTS, DEBUG, 40, "get one host with %1 reservation for subnet id %2, identified by %3"),
    HOSTS_CFG_GET_ALL_IDENTIFIER(Logger6.HOSTS, DEBUG, 40, "get all hosts with reservations using identifier: %1"),
    HOSTS_CFG_GET_ALL_IDENTIFIER_COUNT(Logger6.HOSTS, DEBUG, 45, "using identifier %1, found %2 host(s)"),
    HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER_NULL(Logger6.HOSTS, DEBUG, 45, "host not found using subnet id %1 and identifier %2"),
    HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS6(Logger6.HOSTS, DEBUG, 40, "get one host with reservation for subnet id %1 and having IPv6 address %2"),
    HOSTS_CFG_GET_ALL_SUBNET_ID_ADDRESS6(Logger6.HOSTS, DEBUG, 40, "get all hosts with reservations for subnet id %1 and IPv6 address %2"),
    HOSTS_CFG_GET_ALL_SUBNET_ID_ADDRESS6_COUNT(Logger6.HOSTS, DEBUG, 45, "using subnet id %1 and address %2, found %3 host(s)"),
    HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS6_NULL(Logger6.HOSTS, DEBUG, 45, "host not found using subnet id %1 and address %2"),
    HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER_HOST(Logger6.HOSTS, DEBUG, 45,
            "using subnet id %1 and identifier %2, found host: %3"),
    HOSTS_CFG_GET_ALL_IDENTIFIER_HOST(Logger6.HOSTS, DEBUG, 55, "using identifier: %1, found host: %2"),
    HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS6_HOST(Logger6.HOSTS, DEBUG, 45,
            "using subnet id %1 and address %2, found host: %3"),
    HOSTS_CFG_GET_ALL_SUBNET_ID_ADDRESS6_HOST(Logger6.HOSTS, DEBUG, 55,
            "using subnet id %1 and address %2, found host: %3"),

    // kea-dhcp6.alloc-engine
    ALLOC_ENGINE_V6_ALLOC_UNRESERVED(Logger6.ALLOC_ENGINE, DEBUG, 40, "no static reservations available - trying to dynamically allocate leases for client %1"),
    ALLOC_ENGINE_V6_ALLOC_LEASES_HR(Logger6.ALLOC_ENGINE, DEBUG, 40, "leases and static reservations found for client %1"),
    ALLOC_ENGINE_V6_ALLOC_LEASES_NO_HR(Logger6.ALLOC_ENGINE, DEBUG, 40, "no reservations found but leases exist for client %1"),
    ALLOC_ENGINE_V6_ALLOC_NO_LEASES_HR(Logger6.ALLOC_ENGINE, DEBUG, 40, "no leases found but reservations exist for client %1"),
    ALLOC_ENGINE_V6_RENEW_HR(Logger6.ALLOC_ENGINE, DEBUG, 40, "allocating leases reserved for the client %1 as a result of Renew"),
    ALLOC_ENGINE_V6_ALLOC_HR_LEASE_EXISTS(Logger6.ALLOC_ENGINE, DEBUG, 40, "%1: lease type %2 for reserved address/prefix %3 already exists"),
    ALLOC_ENGINE_V6_HR_ADDR_GRANTED(Logger6.ALLOC_ENGINE, INFO, 0, "reserved address %1 was assigned to client %2"),
    ALLOC_ENGINE_V6_HR_PREFIX_GRANTED(Logger6.ALLOC_ENGINE, INFO, 0, "reserved prefix %1/%2 was assigned to client %3"),
    ALLOC_ENGINE_V6_EXTEND_ALLOC_UNRESERVED(Logger6.ALLOC_ENGINE, DEBUG, 40, "allocate new (unreserved) leases for the renewing client %1"),
    ALLOC_ENGINE_V6_RENEW_REMOVE_RESERVED(Logger6.ALLOC_ENGINE, DEBUG, 40, "%1: checking if existing client's leases are reserved for another client"),
    ALLOC_ENGINE_V6_EXTEND_LEASE(Logger6.ALLOC_ENGINE, DEBUG, 50, "%1: extending lifetime of the lease type %2, address %3"),
    ALLOC_ENGINE_V6_EXTEND_LEASE_DATA(Logger6.ALLOC_ENGINE, DEBUG, 55, "%1: detailed information about the lease being extended: %2"),
    ALLOC_ENGINE_V6_EXTEND_NEW_LEASE_DATA(Logger6.ALLOC_ENGINE, DEBUG, 55, "%1: new lease information for the lease being extended: %2"),
    ALLOC_ENGINE_V6_ALLOC_FAIL_SUBNET(Logger6.ALLOC_ENGINE, WARN, 0,
            "%1: failed to allocate an IPv6 lease in the subnet %2, subnet-id %3, shared network %4"),
    ALLOC_ENGINE_V6_ALLOC_FAIL_SHARED_NETWORK(Logger6.ALLOC_ENGINE, WARN, 0, "%1: failed to allocate a lease in the shared"
            + " network %2: %3 subnets have no available leases, %4 subnets have no matching pools"),
    ALLOC_ENGINE_V6_ALLOC_FAIL(Logger6.ALLOC_ENGINE, WARN, 0, "%1: failed to allocate an IPv6 lease after %2 attempt(s)"),
    ALLOC_ENGINE_V6_ALLOC_FAIL_NO_POOLS(Logger6.ALLOC_ENGINE, WARN, 0, "%1: no pools were available for the lease allocation"),
    ALLOC_ENGINE_V6_ALLOC_FAIL_CLASSES(Logger6.ALLOC_ENGINE, WARN, 0, "%1: Failed to allocate an IPv6 address for client with classes: %2"),
    // the lines of every reclamation / flush timer run (ReclaimTrace; debug levels as kea-dhcp6 2.2 writes them)
    ALLOC_ENGINE_V6_LEASES_RECLAMATION_START(Logger6.ALLOC_ENGINE, DEBUG, 40,
            "starting reclamation of expired leases (limit = %1 leases or %2 milliseconds)"),
    ALLOC_ENGINE_V6_LEASE_RECLAIM(Logger6.ALLOC_ENGINE, DEBUG, 40, "%1: reclaiming expired lease for prefix %2/%3"),
    ALLOC_ENGINE_LEASE_RECLAIMED(Logger6.ALLOC_ENGINE, DEBUG, 40, "successfully reclaimed lease %1"),
    ALLOC_ENGINE_V6_NO_MORE_EXPIRED_LEASES(Logger6.ALLOC_ENGINE, DEBUG, 40, "all expired leases have been reclaimed"),
    ALLOC_ENGINE_V6_DECLINED_RECOVERED(Logger6.ALLOC_ENGINE, INFO, 0,
            "IPv6 address %1 was recovered after %2 seconds of probation-period"),
    ALLOC_ENGINE_V6_LEASES_RECLAMATION_TIMEOUT(Logger6.ALLOC_ENGINE, DEBUG, 40, "timeout of %1 ms reached while reclaiming IPv6 leases"),
    ALLOC_ENGINE_V6_RECLAIMED_LEASES_DELETE(Logger6.ALLOC_ENGINE, DEBUG, 40,
            "begin deletion of reclaimed leases expired more than %1 seconds ago"),
    ALLOC_ENGINE_V6_RECLAIMED_LEASES_DELETE_COMPLETE(Logger6.ALLOC_ENGINE, DEBUG, 40,
            "successfully deleted %1 expired-reclaimed leases"),
    DHCPSRV_MEMFILE_GET_EXPIRED6(Logger6.DHCPSRV, DEBUG, 50, "obtaining maximum %1 of expired IPv6 leases"),
    // the PostgreSQL backend's lines of the same steps
    DHCPSRV_PGSQL_GET_EXPIRED6(Logger6.DHCPSRV, DEBUG, 50, "obtaining maximum %1 of expired IPv6 leases"),
    DHCPSRV_PGSQL_UPDATE_ADDR6(Logger6.DHCPSRV, DEBUG, 50, "updating IPv6 lease for address %1, lease type %2"),
    DHCPSRV_PGSQL_DELETE_ADDR(Logger6.DHCPSRV, DEBUG, 50, "deleting lease for address %1"),
    DHCPSRV_PGSQL_DELETE_EXPIRED_RECLAIMED6(Logger6.DHCPSRV, DEBUG, 50,
            "deleting reclaimed IPv6 leases that expired more than %1 seconds ago"),
    DHCPSRV_MEMFILE_DELETE_EXPIRED_RECLAIMED6(Logger6.DHCPSRV, DEBUG, 50,
            "deleting reclaimed IPv6 leases that expired more than %1 seconds ago"),
    DHCPSRV_MEMFILE_DELETE_EXPIRED_RECLAIMED_START(Logger6.DHCPSRV, DEBUG, 50, "starting deletion of %1 expired-reclaimed leases"),
    DHCPSRV_TIMERMGR_RUN_TIMER_OPERATION(Logger6.DHCPSRV, DEBUG, 50, "running operation for timer: %1"),
    DHCPSRV_TIMERMGR_START_TIMER(Logger6.DHCPSRV, DEBUG, 40, "starting timer: %1"),
    ALLOC_ENGINE_V6_LEASES_RECLAMATION_COMPLETE(Logger6.ALLOC_ENGINE, DEBUG, 40, "reclaimed %1 leases in %2"),
    ALLOC_ENGINE_V6_LEASES_RECLAMATION_SLOW(Logger6.ALLOC_ENGINE, WARN, 0, "expired leases still exist after %1 reclamations"),
    ALLOC_ENGINE_V6_RECLAIMED_LEASES_DELETE_FAILED(Logger6.ALLOC_ENGINE, ERROR, 0, "deletion of expired-reclaimed leases failed: %1");

    /** Reclamation's messages (the shared engine's), with ruru's episode-end IDs. */
    public static final ReclaimMessages RECLAIM = new ReclaimMessages(ALLOC_ENGINE_V6_LEASES_RECLAMATION_COMPLETE,
            ALLOC_ENGINE_V6_LEASES_RECLAMATION_SLOW, DHCP6_RECLAIM_EXPIRED_LEASES_FAIL,
            "DHCP6_RECLAIM_EXPIRED_LEASES_RECOVERED", ALLOC_ENGINE_V6_RECLAIMED_LEASES_DELETE_FAILED,
            "ALLOC_ENGINE_V6_RECLAIMED_LEASES_DELETE_RECOVERED",
            new ReclaimTrace(DHCPSRV_TIMERMGR_RUN_TIMER_OPERATION, DHCPSRV_TIMERMGR_START_TIMER,
                    ALLOC_ENGINE_V6_LEASES_RECLAMATION_START, DHCPSRV_MEMFILE_GET_EXPIRED6, ALLOC_ENGINE_V6_LEASE_RECLAIM,
                    DHCPSRV_MEMFILE_UPDATE_ADDR6, DHCPSRV_MEMFILE_DELETE_ADDR, ALLOC_ENGINE_LEASE_RECLAIMED, ALLOC_ENGINE_V6_NO_MORE_EXPIRED_LEASES,
                    ALLOC_ENGINE_V6_DECLINED_RECOVERED, ALLOC_ENGINE_V6_LEASES_RECLAMATION_TIMEOUT,
                    ALLOC_ENGINE_V6_RECLAIMED_LEASES_DELETE, DHCPSRV_MEMFILE_DELETE_EXPIRED_RECLAIMED6,
                    DHCPSRV_MEMFILE_DELETE_EXPIRED_RECLAIMED_START, ALLOC_ENGINE_V6_RECLAIMED_LEASES_DELETE_COMPLETE,
                    new ruru.dhcp.engine.ReclaimTrace.Database(DHCPSRV_PGSQL_GET_EXPIRED6, DHCPSRV_PGSQL_UPDATE_ADDR6,
                            DHCPSRV_PGSQL_DELETE_ADDR, DHCPSRV_PGSQL_DELETE_EXPIRED_RECLAIMED6)));

    /** Kea's dhcp6 logger names: the root and its components. */
    public enum Logger6 {
        DHCP6("dhcp6"), PACKETS("packets"), BAD_PACKETS("bad-packets"), LEASES("leases"), HOOKS("hooks"),
        ALLOC_ENGINE("alloc-engine"), DHCPSRV("dhcpsrv"), OPTIONS("options"), HOSTS("hosts"), DDNS("ddns");

        private final Logger logger;

        Logger6(String component) {
            this.logger = LoggerFactory.getLogger("kea-dhcp6." + component);
        }

        public Logger logger() {
            return logger;
        }
    }

    private final Spec spec;

    Dhcp6Messages(Logger6 logger, Severity severity, int debugLevel, String text) {
        this.spec = new Spec(logger.logger(), severity, debugLevel, text);
    }

    @Override
    public Spec spec() {
        return spec;
    }
}

package ruru.dhcp4.log;

import static ruru.daemon.logging.Severity.DEBUG;
import static ruru.daemon.logging.Severity.ERROR;
import static ruru.daemon.logging.Severity.INFO;
import static ruru.daemon.logging.Severity.WARN;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.daemon.logging.KeaMessage;
import ruru.daemon.logging.Severity;

/**
 * The kea-dhcp4 messages ruru's DHCPv4 server writes, as Kea writes them: ID, logger, severity,
 * debug level (Kea's DBG_DHCP4_* and ALLOC_ENGINE_DBG_* constants: 15 packet handling, 40 basic,
 * 45 basic data, 50 detail, 55 detail data) and text. The texts are checked against the message
 * tables compiled into Kea 2.2's binaries (Dhcp4MessagesTest); the few Kea 3 added are marked
 * {@link #kea3()}.
 */
public enum Dhcp4Messages implements KeaMessage {

    // kea-dhcp4.dhcp4: the daemon
    DHCP4_STARTING(Logger4.DHCP4, INFO, 0, "Kea DHCPv4 server version %1 (%2) starting"),
    DHCP4_STARTED(Logger4.DHCP4, INFO, 0, "Kea DHCPv4 server version %1 started"),
    DHCP4_INIT_FAIL(Logger4.DHCP4, ERROR, 0, "failed to initialize Kea server: %1"),
    DHCP4_CONFIG_COMPLETE(Logger4.DHCP4, INFO, 0, "DHCPv4 server has completed configuration: %1"),
    DHCP4_CONFIG_LOAD_FAIL(Logger4.DHCP4, ERROR, 0, "configuration error using file: %1, reason: %2"),
    DHCP4_CONFIG_SYNTAX_WARNING(Logger4.DHCP4, WARN, 0, "configuration syntax warning: %1"),
    DHCP4_PARSER_FAIL(Logger4.DHCP4, ERROR, 0, "failed to create or run parser for configuration element %1: %2"),
    DHCP4_PARSER_COMMIT_FAIL(Logger4.DHCP4, ERROR, 0, "parser failed to commit changes: %1"),
    DHCP4_DYNAMIC_RECONFIGURATION(Logger4.DHCP4, INFO, 0,
            "initiate server reconfiguration using file: %1, after receiving SIGHUP signal or config-reload command"),
    DHCP4_DYNAMIC_RECONFIGURATION_SUCCESS(Logger4.DHCP4, INFO, 0, "dynamic server reconfiguration succeeded with file: %1"),
    DHCP4_DYNAMIC_RECONFIGURATION_FAIL(Logger4.DHCP4, ERROR, 0, "dynamic server reconfiguration failed with file: %1"),
    DHCP4_SHUTDOWN(Logger4.DHCP4, INFO, 0, "server shutdown"),
    /** Kea 3 writes it at INFO (kea-dhcp4 2.2 and 2.4 at WARN, whether multi-threading is on or off). */
    DHCP4_RESERVATIONS_LOOKUP_FIRST_ENABLED(Logger4.DHCP4, WARN, 0,
            "Multi-threading is enabled and host reservations lookup is always performed first."),
    DHCP4_MULTI_THREADING_INFO(Logger4.DHCP4, INFO, 0, "enabled: %1, number of threads: %2, queue size: %3"),
    DHCP4_OPEN_SOCKET(Logger4.DHCP4, DEBUG, 0, "opening service sockets on port %1"),
    DHCP4_OPEN_SOCKET_FAIL(Logger4.DHCP4, ERROR, 0, "failed to open socket: %1"),
    DHCP4_DECLINE_LEASE_MISMATCH(Logger4.DHCP4, WARN, 0, "Received DHCPDECLINE for addr %1 from client %2, but the data"
            + " doesn't match: received hwaddr: %3, lease hwaddr: %4, received client-id: %5, lease client-id: %6"),
    DHCP4_DECLINE_LEASE_NOT_FOUND(Logger4.DHCP4, WARN, 0,
            "Received DHCPDECLINE for addr %1 from client %2, but no such lease found."),

    // kea-dhcp4.dhcp4: configuration received, shutdown requested (logc)
    DHCP4_CONFIG_RECEIVED(Logger4.DHCP4, DEBUG, 10, "received configuration %1"),
    DHCP4_CONFIG_START(Logger4.DHCP4, DEBUG, 10, "DHCPv4 server is processing the following configuration: %1"),
    DHCP4_COMMAND_RECEIVED(Logger4.DHCP4, DEBUG, 10, "received command %1, arguments: %2"),
    DHCP4_SHUTDOWN_REQUEST(Logger4.DHCP4, DEBUG, 40, "shutdown of server requested"),

    // kea-dhcp4.packets
    DHCP4_BUFFER_RECEIVED(Logger4.PACKETS, DEBUG, 40, "received buffer from %1:%2 to %3:%4 over interface %5"),
    DHCP4_BUFFER_RECEIVE_FAIL(Logger4.PACKETS, ERROR, 0, "error on attempt to receive packet: %1"),
    DHCP4_BUFFER_UNPACK(Logger4.OPTIONS, DEBUG, 50, "parsing buffer received from %1 to %2 over interface %3"),
    DHCP4_PACKET_RECEIVED(Logger4.PACKETS, DEBUG, 45, "%1: %2 (type %3) received from %4 to %5 on interface %6"),
    DHCP4_QUERY_DATA(Logger4.PACKETS, DEBUG, 55, "%1, packet details: %2"),
    DHCP4_RESPONSE_DATA(Logger4.PACKETS, DEBUG, 55, "%1: responding with packet %2 (type %3), packet details: %4"),
    DHCP4_SUBNET_DATA(Logger4.PACKETS, DEBUG, 55, "%1: the selected subnet details: %2"),
    DHCP4_SUBNET_SELECTED(Logger4.PACKETS, DEBUG, 45, "%1: the subnet with ID %2 was selected for client assignments"),
    DHCP4_SUBNET_SELECTION_FAILED(Logger4.PACKETS, DEBUG, 50, "%1: failed to select subnet for the client"),
    DHCP4_PACKET_PACK(Logger4.OPTIONS, DEBUG, 50, "%1: preparing on-wire format of the packet to be sent"),
    DHCP4_PACKET_SEND(Logger4.PACKETS, DEBUG, 40, "%1: trying to send packet %2 (type %3) from %4:%5 to %6:%7 on"
            + " interface %8"),
    DHCP4_PACKET_SEND_FAIL(Logger4.PACKETS, ERROR, 0, "%1: failed to send DHCPv4 packet: %2"),
    DHCP4_PACKET_PACK_FAIL(Logger4.PACKETS, ERROR, 0, "%1: preparing on-wire-format of the packet to be sent failed %2"),
    DHCP4_PACKET_PROCESS_STD_EXCEPTION(Logger4.PACKETS, ERROR, 0, "exception occurred during packet processing: %1"),
    DHCP4_RECLAIM_EXPIRED_LEASES_FAIL(Logger4.DHCP4, ERROR, 0, "failed to reclaim expired leases: %1"),
    DHCP4_PACKET_QUEUE_FULL(Logger4.PACKETS, DEBUG, 15, "multi-threading packet queue is full"),
    DHCP4_INFORM_DIRECT_REPLY(Logger4.PACKETS, DEBUG, 50,
            "%1: DHCPACK in reply to the DHCPINFORM will be sent directly to %2 over %3"),

    // kea-dhcp4.bad-packets: drops with their reasons
    DHCP4_PACKET_DROP_0001(Logger4.BAD_PACKETS, DEBUG, 15,
            "failed to parse packet from %1 to %2, received over interface %3, reason: %4"),
    DHCP4_PACKET_DROP_0002(Logger4.BAD_PACKETS, DEBUG, 15,
            "%1, from interface %2: no suitable subnet configured for a direct client"),
    DHCP4_PACKET_DROP_0003(Logger4.BAD_PACKETS, DEBUG, 15, "%1, from interface %2: it contains a foreign server identifier"),
    DHCP4_PACKET_DROP_0004(Logger4.BAD_PACKETS, DEBUG, 15, "%1, from interface %2: missing msg-type option"),
    DHCP4_PACKET_DROP_0005(Logger4.BAD_PACKETS, DEBUG, 15, "%1: unrecognized type %2 in option 53"),
    DHCP4_PACKET_DROP_0006(Logger4.BAD_PACKETS, DEBUG, 15, "%1: unsupported DHCPv4 message type %2"),
    DHCP4_PACKET_DROP_0007(Logger4.BAD_PACKETS, DEBUG, 15, "%1: failed to process packet: %2"),
    DHCP4_PACKET_DROP_0008(Logger4.BAD_PACKETS, DEBUG, 15, "%1: DHCP service is globally disabled"),
    DHCP4_PACKET_DROP_0009(Logger4.BAD_PACKETS, DEBUG, 15,
            "%1: Option 53 missing (no DHCP message type), is this a BOOTP packet?"),
    DHCP4_PACKET_DROP_0010(Logger4.PACKETS, DEBUG, 15, "dropped as member of the special class 'DROP': %1"),
    DHCP4_PACKET_DROP_0013(Logger4.PACKETS, DEBUG, 15,
            "dropped as member of the special class 'DROP' after host reservation lookup: %1"),
    DHCP4_CLASS_ASSIGNED(Logger4.DHCP4, DEBUG, 40, "%1: client packet has been assigned to the following class(es): %2"),
    DHCP4_PACKET_NAK_0001(Logger4.BAD_PACKETS, ERROR, 0,
            "%1: failed to select a subnet for incoming packet, src %2, type %3"),
    DHCP4_PACKET_NAK_0002(Logger4.BAD_PACKETS, DEBUG, 50, "%1: invalid address %2 requested by INIT-REBOOT"),
    DHCP4_PACKET_NAK_0003(Logger4.BAD_PACKETS, DEBUG, 50,
            "%1: failed to advertise a lease, client sent ciaddr %2, requested-ip-address %3"),
    DHCP4_PACKET_NAK_0004(Logger4.BAD_PACKETS, DEBUG, 50,
            "%1: failed to grant a lease, client sent ciaddr %2, requested-ip-address %3"),
    DHCP4_NO_LEASE_INIT_REBOOT(Logger4.BAD_PACKETS, DEBUG, 50, "%1: no lease for address %2 requested by INIT-REBOOT client"),
    DHCP4_UNKNOWN_ADDRESS_REQUESTED(Logger4.BAD_PACKETS, DEBUG, 50,
            "%1: client requested an unknown address, client sent ciaddr %2, requested-ip-address %3"),

    // kea-dhcp4.leases
    DHCP4_INIT_REBOOT(Logger4.LEASES, INFO, 0, "%1: client is in INIT-REBOOT state and requests address %2"),
    DHCP4_LEASE_OFFER(Logger4.LEASES, INFO, 0, "%1: lease %2 will be offered"),
    DHCP4_LEASE_ALLOC(Logger4.LEASES, INFO, 0, "%1: lease %2 has been allocated for %3 seconds"),
    DHCP4_LEASE_REUSE(Logger4.LEASES, INFO, 0, "%1: lease %2 has been reused for %3 seconds"),
    DHCP4_RELEASE(Logger4.LEASES, INFO, 0, "%1: address %2 was released properly."),
    DHCP4_RELEASE_EXPIRED(Logger4.LEASES, INFO, 0, "%1: address %2 expired on release"),
    DHCP4_RELEASE_DELETED(Logger4.LEASES, INFO, 0, "%1: address %2 was deleted on release"),
    DHCP4_RELEASE_FAIL(Logger4.LEASES, ERROR, 0, "%1: failed to remove lease for address %2"),
    DHCP4_RELEASE_FAIL_NO_LEASE(Logger4.LEASES, DEBUG, 50, "%1: client is trying to release non-existing lease %2"),
    DHCP4_RELEASE_FAIL_WRONG_CLIENT(Logger4.LEASES, DEBUG, 50,
            "%1: client is trying to release the lease %2 which belongs to a different client"),
    DHCP4_DECLINE_LEASE(Logger4.LEASES, INFO, 0,
            "Received DHCPDECLINE for addr %1 from client %2. The lease will be unavailable for %3 seconds."),
    DHCP4_DECLINE_FAIL(Logger4.LEASES, ERROR, 0, "%1: error on decline lease for address %2: %3"),
    DHCP4_SERVER_INITIATED_DECLINE(Logger4.LEASES, INFO, 0,
            "Lease for addr %1 has been found to be already in use. The lease will be unavailable for %2 seconds."),
    DHCP4_SERVER_INITIATED_DECLINE_ADD_FAILED(Logger4.LEASES, ERROR, 0, "%1: error adding a lease for address %2"),
    DHCP4_SERVER_INITIATED_DECLINE_UPDATE_FAILED(Logger4.LEASES, ERROR, 0, "%1: error updating lease for address %2"),

    // kea-dhcp4.hooks
    DHCP4_HOOK_BUFFER_RCVD_DROP(Logger4.HOOKS, DEBUG, 15,
            "received buffer from %1 to %2 over interface %3 was dropped because a callout set the drop flag"),
    DHCP4_HOOK_BUFFER_SEND_SKIP(Logger4.HOOKS, DEBUG, 15,
            "%1: prepared response is dropped because a callout set the next step to SKIP."),
    DHCP4_CLIENT_FQDN_PROCESS(Logger4.DDNS, DEBUG, 50, "%1: processing Client FQDN option"),
    DHCP4_CLIENT_FQDN_DATA(Logger4.DDNS, DEBUG, 55, "%1: Client sent FQDN option: %2"),
    DHCP4_RESPONSE_FQDN_DATA(Logger4.DDNS, DEBUG, 55, "%1: including FQDN option in the server's response: %2"),
    DHCP4_CLIENT_HOSTNAME_PROCESS(Logger4.DDNS, DEBUG, 50, "%1: processing client's Hostname option"),
    DHCP4_CLIENT_HOSTNAME_DATA(Logger4.DDNS, DEBUG, 55, "%1: client sent Hostname option: %2"),
    DHCP4_RESPONSE_HOSTNAME_DATA(Logger4.DDNS, DEBUG, 55, "%1: including Hostname option in the server's response: %2"),
    DHCP4_GENERATE_FQDN(Logger4.DDNS, DEBUG, 55, "%1: client did not send a FQDN or hostname; FQDN will be generated for the client"),
    DHCP4_HOOK_DDNS_UPDATE(Logger4.HOOKS, DEBUG, 15, "A hook has updated the DDNS parameters: hostname %1=>%2,"
            + " forward update %3=>%4, reverse update %5=>%6"),
    DHCP4_HOOK_DECLINE_SKIP(Logger4.HOOKS, DEBUG, 15, "Decline4 hook callouts set status to DROP, ignoring packet."),
    DHCP4_HOOK_LEASE4_RELEASE_SKIP(Logger4.HOOKS, DEBUG, 15,
            "%1: lease was not released because a callout set the next step to SKIP"),
    DHCP4_HOOK_LEASES4_COMMITTED_DROP(Logger4.HOOKS, DEBUG, 15,
            "%1: packet is dropped, because a callout set the next step to DROP"),
    DHCP4_HOOK_LEASES4_COMMITTED_PARK(Logger4.HOOKS, DEBUG, 15,
            "%1: packet is parked, because a callout set the next step to PARK"),
    DHCP4_HOOK_LEASES4_PARKING_LOT_FULL(Logger4.HOOKS, DEBUG, 15,
            "The parked-packet-limit %1, has been reached, dropping query: %2"),
    DHCP4_HOOK_LEASE4_OFFER_DROP(Logger4.HOOKS, DEBUG, 15,
            "%1: packet is dropped, because a callout set the next step to DROP"),
    DHCP4_HOOK_LEASE4_OFFER_PARK(Logger4.HOOKS, DEBUG, 15,
            "%1: packet is parked, because a callout set the next step to PARK"),
    DHCP4_HOOK_LEASE4_OFFER_PARKING_LOT_FULL(Logger4.HOOKS, DEBUG, 15,
            "The parked-packet-limit %1, has been reached, dropping query: %2"),
    DHCP4_HOOK_PACKET_RCVD_SKIP(Logger4.HOOKS, DEBUG, 15, "%1: packet is dropped, because a callout set the next step to SKIP"),
    DHCP4_HOOK_PACKET_SEND_DROP(Logger4.HOOKS, DEBUG, 15,
            "%1: prepared DHCPv4 response was not sent because a callout set the next ste to DROP"),
    DHCP4_HOOK_SUBNET4_SELECT_DROP(Logger4.HOOKS, DEBUG, 15,
            "%1: packet was dropped, because a callout set the next step to 'drop'"),
    DHCP4_HOOK_SUBNET4_SELECT_SKIP(Logger4.HOOKS, DEBUG, 15,
            "%1: no subnet was selected, because a callout set the next skip flag"),

    // kea-dhcp4.alloc-engine
    ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET(Logger4.ALLOC_ENGINE, WARN, 0,
            "%1: failed to allocate an IPv4 lease in the subnet %2, subnet-id %3, shared network %4"),
    ALLOC_ENGINE_V4_ALLOC_FAIL_SHARED_NETWORK(Logger4.ALLOC_ENGINE, WARN, 0, "%1: failed to allocate an IPv4 address in the"
            + " shared network %2: %3 subnets have no available addresses, %4 subnets have no matching pools"),
    ALLOC_ENGINE_V4_ALLOC_FAIL_CLASSES(Logger4.ALLOC_ENGINE, WARN, 0,
            "%1: Failed to allocate an IPv4 address for client with classes: %2"),
    ALLOC_ENGINE_V4_ALLOC_FAIL(Logger4.ALLOC_ENGINE, WARN, 0, "%1: failed to allocate an IPv4 address after %2 attempt(s)"),
    ALLOC_ENGINE_V4_ALLOC_FAIL_NO_POOLS(Logger4.ALLOC_ENGINE, WARN, 0, "%1: no pools were available for the address allocation"),
    ALLOC_ENGINE_V4_DISCOVER_ADDRESS_CONFLICT(Logger4.ALLOC_ENGINE, WARN, 0,
            "%1: conflicting reservation for address %2 with existing lease %3"),
    // the lines of every reclamation / flush timer run (ReclaimTrace; debug levels as kea-dhcp4 2.2 writes them)
    ALLOC_ENGINE_V4_LEASES_RECLAMATION_START(Logger4.ALLOC_ENGINE, DEBUG, 40,
            "starting reclamation of expired leases (limit = %1 leases or %2 milliseconds)"),
    ALLOC_ENGINE_V4_LEASE_RECLAIM(Logger4.ALLOC_ENGINE, DEBUG, 40, "%1: reclaiming expired lease for address %2"),
    ALLOC_ENGINE_LEASE_RECLAIMED(Logger4.ALLOC_ENGINE, DEBUG, 40, "successfully reclaimed lease %1"),
    ALLOC_ENGINE_V4_NO_MORE_EXPIRED_LEASES(Logger4.ALLOC_ENGINE, DEBUG, 40, "all expired leases have been reclaimed"),
    ALLOC_ENGINE_V4_DECLINED_RECOVERED(Logger4.ALLOC_ENGINE, INFO, 0,
            "IPv4 address %1 was recovered after %2 seconds of probation-period"),
    ALLOC_ENGINE_V4_LEASES_RECLAMATION_TIMEOUT(Logger4.ALLOC_ENGINE, DEBUG, 40, "timeout of %1 ms reached while reclaiming IPv4 leases"),
    ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE(Logger4.ALLOC_ENGINE, DEBUG, 40,
            "begin deletion of reclaimed leases expired more than %1 seconds ago"),
    ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_COMPLETE(Logger4.ALLOC_ENGINE, DEBUG, 40,
            "successfully deleted %1 expired-reclaimed leases"),
    DHCPSRV_MEMFILE_GET_EXPIRED4(Logger4.DHCPSRV, DEBUG, 50, "obtaining maximum %1 of expired IPv4 leases"),
    // the PostgreSQL backend's lines of the same steps
    DHCPSRV_PGSQL_GET_EXPIRED4(Logger4.DHCPSRV, DEBUG, 50, "obtaining maximum %1 of expired IPv4 leases"),
    DHCPSRV_PGSQL_UPDATE_ADDR4(Logger4.DHCPSRV, DEBUG, 50, "updating IPv4 lease for address %1"),
    DHCPSRV_PGSQL_DELETE_ADDR(Logger4.DHCPSRV, DEBUG, 50, "deleting lease for address %1"),
    DHCPSRV_PGSQL_DELETE_EXPIRED_RECLAIMED4(Logger4.DHCPSRV, DEBUG, 50,
            "deleting reclaimed IPv4 leases that expired more than %1 seconds ago"),
    DHCPSRV_MEMFILE_DELETE_EXPIRED_RECLAIMED4(Logger4.DHCPSRV, DEBUG, 50,
            "deleting reclaimed IPv4 leases that expired more than %1 seconds ago"),
    DHCPSRV_MEMFILE_DELETE_EXPIRED_RECLAIMED_START(Logger4.DHCPSRV, DEBUG, 50, "starting deletion of %1 expired-reclaimed leases"),
    DHCPSRV_TIMERMGR_RUN_TIMER_OPERATION(Logger4.DHCPSRV, DEBUG, 50, "running operation for timer: %1"),
    DHCPSRV_TIMERMGR_START_TIMER(Logger4.DHCPSRV, DEBUG, 40, "starting timer: %1"),
    ALLOC_ENGINE_V4_LEASES_RECLAMATION_COMPLETE(Logger4.ALLOC_ENGINE, DEBUG, 40, "reclaimed %1 leases in %2"),
    ALLOC_ENGINE_V4_LEASES_RECLAMATION_SLOW(Logger4.ALLOC_ENGINE, WARN, 0, "expired leases still exist after %1 reclamations"),
    ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_FAILED(Logger4.ALLOC_ENGINE, ERROR, 0,
            "deletion of expired-reclaimed leases failed: %1"),
    ALLOC_ENGINE_V4_DISCOVER_HR(Logger4.ALLOC_ENGINE, DEBUG, 40,
            "client %1 sending DHCPDISCOVER has reservation for the address %2"),
    ALLOC_ENGINE_V4_REQUEST_USE_HR(Logger4.ALLOC_ENGINE, DEBUG, 40,
            "client %1 hasn't requested specific address, using reserved address %2"),
    ALLOC_ENGINE_V4_OFFER_EXISTING_LEASE(Logger4.ALLOC_ENGINE, DEBUG, 40,
            "allocation engine will try to offer existing lease to the client %1"),
    ALLOC_ENGINE_V4_OFFER_NEW_LEASE(Logger4.ALLOC_ENGINE, DEBUG, 40,
            "allocation engine will try to offer new lease to the client %1"),
    ALLOC_ENGINE_V4_OFFER_REQUESTED_LEASE(Logger4.ALLOC_ENGINE, DEBUG, 40,
            "allocation engine will try to offer requested lease %1 to the client %2"),
    ALLOC_ENGINE_V4_REQUEST_ADDRESS_RESERVED(Logger4.ALLOC_ENGINE, DEBUG, 40, "%1: requested address %2 is reserved"),
    ALLOC_ENGINE_V4_REQUEST_IN_USE(Logger4.ALLOC_ENGINE, DEBUG, 40, "%1: requested address %2 is in use"),
    ALLOC_ENGINE_V4_REQUEST_INVALID(Logger4.ALLOC_ENGINE, DEBUG, 40,
            "client %1 having a reservation for address %2 is requesting invalid address %3"),
    ALLOC_ENGINE_V4_REQUEST_OUT_OF_POOL(Logger4.ALLOC_ENGINE, DEBUG, 40,
            "client %1, which doesn't have a reservation, requested address %2 out of the dynamic pool"),
    ALLOC_ENGINE_V4_REQUEST_EXTEND_LEASE(Logger4.ALLOC_ENGINE, DEBUG, 40, "%1: extending lifetime of the lease for address %2"),
    ALLOC_ENGINE_V4_REQUEST_ALLOC_REQUESTED(Logger4.ALLOC_ENGINE, DEBUG, 40, "%1: trying to allocate requested address %2"),
    ALLOC_ENGINE_V4_REQUEST_PICK_ADDRESS(Logger4.ALLOC_ENGINE, DEBUG, 40,
            "client %1 hasn't specified an address - picking available address from the pool"),
    ALLOC_ENGINE_V4_REQUEST_REMOVE_LEASE(Logger4.ALLOC_ENGINE, DEBUG, 40, "%1: removing previous client's lease %2"),

    // kea-dhcp4.hosts: the reservation lookups (Kea's CfgHosts traces)
    HOSTS_CFG_ADD_HOST(Logger4.HOSTS, DEBUG, 40, "add the host for reservations: %1"),
    HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER(Logger4.HOSTS, DEBUG, 40,
            "get one host with %1 reservation for subnet id %2, identified by %3"),
    HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER_NULL(Logger4.HOSTS, DEBUG, 45, "host not found using subnet id %1 and identifier %2"),
    HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER_HOST(Logger4.HOSTS, DEBUG, 45,
            "using subnet id %1 and identifier %2, found host: %3"),
    HOSTS_CFG_GET_ALL_IDENTIFIER(Logger4.HOSTS, DEBUG, 40, "get all hosts with reservations using identifier: %1"),
    HOSTS_CFG_GET_ALL_IDENTIFIER_COUNT(Logger4.HOSTS, DEBUG, 45, "using identifier %1, found %2 host(s)"),
    HOSTS_CFG_GET_ALL_IDENTIFIER_HOST(Logger4.HOSTS, DEBUG, 55, "using identifier: %1, found host: %2"),
    HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS4(Logger4.HOSTS, DEBUG, 40,
            "get one host with reservation for subnet id %1 and IPv4 address %2"),
    HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS4_NULL(Logger4.HOSTS, DEBUG, 45, "host not found using subnet id %1 and address %2"),
    HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS4_HOST(Logger4.HOSTS, DEBUG, 45, "using subnet id %1 and address %2, found host: %3"),
    HOSTS_CFG_GET_ALL_ADDRESS4(Logger4.HOSTS, DEBUG, 40, "get all hosts with reservations for IPv4 address %1"),
    HOSTS_CFG_GET_ALL_ADDRESS4_COUNT(Logger4.HOSTS, DEBUG, 45, "using address %1, found %2 host(s)"),
    HOSTS_CFG_GET_ALL_ADDRESS4_HOST(Logger4.HOSTS, DEBUG, 55, "using address %1 found host: %2"),

    // kea-dhcp4.dhcpsrv
    DHCPSRV_SUBNET4_SELECT_NO_RAI_OPTIONS(Logger4.DHCPSRV, DEBUG, 40, "No RAI options found to use for subnet selection."),
    DHCPSRV_SUBNET4_SELECT_NO_RELAY_ADDRESS(Logger4.DHCPSRV, DEBUG, 40,
            "Relay address (giaddr) in client packet is empty."),
    DHCPSRV_SUBNET4_SELECT_BY_RELAY_ADDRESS_NO_MATCH(Logger4.DHCPSRV, DEBUG, 40, "No subnet matches relay address: %1"),
    DHCPSRV_SUBNET4_SELECT_BY_INTERFACE_NO_MATCH(Logger4.DHCPSRV, DEBUG, 40, "No subnet matches interface: %1"),
    DHCPSRV_SUBNET4_SELECT_BY_ADDRESS_NO_MATCH(Logger4.DHCPSRV, DEBUG, 40, "No subnet matches address: %1"),
    DHCPSRV_CFGMGR_SUBNET4_ADDR(Logger4.DHCPSRV, DEBUG, 40,
            "selected subnet %1 for packet received by matching address %2"),
    DHCPSRV_CFGMGR_SUBNET4_IFACE(Logger4.DHCPSRV, DEBUG, 40, "selected subnet %1 for packet received over interface %2"),
    DHCPSRV_CFGMGR_SUBNET4_RELAY(Logger4.DHCPSRV, DEBUG, 40, "selected subnet %1, because of matching relay addr %2"),
    DHCPSRV_HOOK_LEASE4_SELECT_SKIP(Logger4.DHCPSRV, DEBUG, 40, "Lease4 creation was skipped, because of callout skip flag."),
    DHCPSRV_QUEUE_NCR(Logger4.DHCPSRV, DEBUG, 55, "%1: Name change request to %2 DNS entry queued: %3"),
    DHCPSRV_QUEUE_NCR_FAILED(Logger4.DHCPSRV, ERROR, 0, "%1: queuing %2 name change request failed for lease %3: %4"),

    // per-query lines of the lease store, DNS updates and names (logq, issue 9 item 8)
    DHCPSRV_MEMFILE_GET_HWADDR(Logger4.DHCPSRV, DEBUG, 50, "obtaining IPv4 leases for hardware address %1"),
    DHCPSRV_MEMFILE_GET_CLIENTID(Logger4.DHCPSRV, DEBUG, 50, "obtaining IPv4 leases for client ID %1"),
    DHCPSRV_MEMFILE_GET_ADDR4(Logger4.DHCPSRV, DEBUG, 50, "obtaining IPv4 lease for address %1"),
    DHCPSRV_MEMFILE_ADD_ADDR4(Logger4.DHCPSRV, DEBUG, 50, "adding IPv4 lease with address %1"),
    DHCPSRV_MEMFILE_UPDATE_ADDR4(Logger4.DHCPSRV, DEBUG, 50, "updating IPv4 lease for address %1"),
    DHCPSRV_MEMFILE_DELETE_ADDR(Logger4.DHCPSRV, DEBUG, 50, "deleting lease for address %1"),
    DHCPSRV_QUEUE_NCR_SKIP(Logger4.DHCPSRV, DEBUG, 50, "%1: skip queuing name change request for lease: %2"),
    DHCPSRV_DHCP_DDNS_NCR_SENT(Logger4.DHCPSRV, DEBUG, 50, "NameChangeRequest sent to kea-dhcp-ddns: %1"),
    DHCP4_SUBNET_DYNAMICALLY_CHANGED(Logger4.PACKETS, DEBUG, 45,
            "%1: changed selected subnet %2 to subnet %3 from shared network %4 for client assignments"),
    DHCP4_RESPONSE_HOSTNAME_GENERATE(Logger4.DDNS, DEBUG, 50, "%1: server has generated hostname %2 for the client"),
    DHCP4_RESERVED_HOSTNAME_ASSIGNED(Logger4.DDNS, DEBUG, 55, "%1: server assigned reserved hostname %2");

    /** Reclamation's messages (the shared engine's), with ruru's episode-end IDs (Dhcp4MessagesTest.RURU_ONLY). */
    public static final ruru.dhcp.engine.ReclaimMessages RECLAIM = new ruru.dhcp.engine.ReclaimMessages(
            ALLOC_ENGINE_V4_LEASES_RECLAMATION_COMPLETE, ALLOC_ENGINE_V4_LEASES_RECLAMATION_SLOW,
            DHCP4_RECLAIM_EXPIRED_LEASES_FAIL, "DHCP4_RECLAIM_EXPIRED_LEASES_RECOVERED",
            ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_FAILED, "ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_RECOVERED",
            new ruru.dhcp.engine.ReclaimTrace(DHCPSRV_TIMERMGR_RUN_TIMER_OPERATION, DHCPSRV_TIMERMGR_START_TIMER,
                    ALLOC_ENGINE_V4_LEASES_RECLAMATION_START, DHCPSRV_MEMFILE_GET_EXPIRED4, ALLOC_ENGINE_V4_LEASE_RECLAIM,
                    DHCPSRV_MEMFILE_UPDATE_ADDR4, DHCPSRV_MEMFILE_DELETE_ADDR, ALLOC_ENGINE_LEASE_RECLAIMED, ALLOC_ENGINE_V4_NO_MORE_EXPIRED_LEASES,
                    ALLOC_ENGINE_V4_DECLINED_RECOVERED, ALLOC_ENGINE_V4_LEASES_RECLAMATION_TIMEOUT,
                    ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE, DHCPSRV_MEMFILE_DELETE_EXPIRED_RECLAIMED4,
                    DHCPSRV_MEMFILE_DELETE_EXPIRED_RECLAIMED_START, ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_COMPLETE,
                    new ruru.dhcp.engine.ReclaimTrace.Database(DHCPSRV_PGSQL_GET_EXPIRED4, DHCPSRV_PGSQL_UPDATE_ADDR4,
                            DHCPSRV_PGSQL_DELETE_ADDR, DHCPSRV_PGSQL_DELETE_EXPIRED_RECLAIMED4)));

    /** Kea's dhcp4 logger names: the root and its components (ARM, "Logging"). */
    public enum Logger4 {
        DHCP4("dhcp4"), PACKETS("packets"), BAD_PACKETS("bad-packets"), LEASES("leases"), HOOKS("hooks"),
        ALLOC_ENGINE("alloc-engine"), DHCPSRV("dhcpsrv"), OPTIONS("options"), DDNS("ddns"), HOSTS("hosts"),
        COMMANDS("commands"), CALLOUTS("callouts"), DATABASE("database"), EVAL("eval"), DCTL("dctl"),
        LEASE_CMDS_HOOKS("lease-cmds-hooks"), STAT_CMDS_HOOKS("stat-cmds-hooks");

        private final String name;
        private final Logger logger;

        Logger4(String component) {
            this.name = "kea-dhcp4." + component;
            this.logger = LoggerFactory.getLogger(name);
        }

        public String loggerName() {
            return name;
        }
    }

    private final Logger4 logger;
    private final Severity severity;
    private final int debugLevel;
    private final String text;

    Dhcp4Messages(Logger4 logger, Severity severity, int debugLevel, String text) {
        this.logger = logger;
        this.severity = severity;
        this.debugLevel = debugLevel;
        this.text = text;
    }

    @Override
    public Logger logger() {
        return logger.logger;
    }

    public Logger4 component() {
        return logger;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    @Override
    public int debugLevel() {
        return debugLevel;
    }

    @Override
    public String text() {
        return text;
    }

    /**
     * Kea 3's messages (not in the 2.2 binaries the test reads): release with lease affinity, and
     * the offer message Kea 3 names DHCP4_LEASE_OFFER ("will be offered") where 2.2 wrote
     * DHCP4_LEASE_ADVERT ("will be advertised"); operators of Kea 3 grep the new name; the
     * lease4_offer hook point's and the server-initiated decline's (Kea 2.6).
     */
    public boolean kea3() {
        return switch (this) {
            case DHCP4_RELEASE_EXPIRED, DHCP4_RELEASE_DELETED, DHCP4_LEASE_OFFER, DHCP4_HOOK_LEASE4_OFFER_DROP,
                    DHCP4_HOOK_LEASE4_OFFER_PARK, DHCP4_HOOK_LEASE4_OFFER_PARKING_LOT_FULL,
                    DHCP4_SERVER_INITIATED_DECLINE, DHCP4_SERVER_INITIATED_DECLINE_ADD_FAILED,
                    DHCP4_SERVER_INITIATED_DECLINE_UPDATE_FAILED -> true;
            default -> false;
        };
    }
}

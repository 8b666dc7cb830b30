package ruru.ddns.d2.update;

import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TextParseException;

import ruru.ddns.d2.config.DdnsDomain;
import ruru.ddns.d2.config.DnsServerSpec;
import ruru.ddns.d2.config.TsigKeySpec;
import ruru.ddns.ncr.ChangeType;
import ruru.ddns.ncr.NameChangeRequest;

/**
 * Carries out one NameChangeRequest against the DNS (Kea's NameAddTransaction, NameRemoveTransaction
 * and their simple and check-exists variants, FACTS 11.7): the forward direction first, then the
 * reverse one; each direction walks its domain's servers in order from the first, trying each server
 * up to {@link #TRIES_PER_SERVER} times on a timeout, an I/O error or a corrupt (unverifiable)
 * answer, and restarting its first step on the next server. A rejecting RCODE fails the
 * transaction at once, and a failed forward change leaves the reverse one untried.
 */
final class Transaction {

    /** Kea's {@code MAX_UPDATE_TRIES_PER_SERVER}. */
    static final int TRIES_PER_SERVER = 3;
    /** A guard against a server that answers add with YXDOMAIN and replace with NXDOMAIN for ever. */
    private static final int MAX_STEPS = 16;

    private final NameChangeRequest ncr;
    private final DdnsDomain forwardDomain;
    private final DdnsDomain reverseDomain;
    private final Duration timeout;
    private final D2Statistics stats;
    private final ServerChoice choice;
    private final Logger log;
    private final String requestId;
    private boolean forwardDone;
    private boolean reverseDone;
    private String event = "UPDATE_OK_EVT";

    Transaction(NameChangeRequest ncr, DdnsDomain forwardDomain, DdnsDomain reverseDomain, Duration timeout,
                D2Statistics stats, ServerChoice choice, Logger log) {
        this.ncr = ncr;
        this.forwardDomain = forwardDomain;
        this.reverseDomain = reverseDomain;
        this.timeout = timeout;
        this.stats = stats;
        this.choice = choice;
        this.log = log;
        this.requestId = ncr.dhcid().toHex();
    }

    /** Runs the transaction to its end; true when every requested direction was changed. */
    boolean run() {
        boolean add = ncr.type() == ChangeType.ADD;
        UpdateMessages messages;
        try {
            messages = new UpdateMessages(ncr);
        } catch (TextParseException | RuntimeException e) {
            log.error("DHCP_DDNS_{}_BUILD_FAILURE DNS Request ID {}: update message could not be constructed for this"
                    + " request: {}, reason: {}", add ? "FORWARD_ADD" : "FORWARD_REMOVE_ADDRS", requestId,
                    ncr.toText(), e.getMessage());
            event = "UPDATE_FAILED_EVT";
            return finish(false);
        }
        if (ncr.forward()) {
            Step first = add ? Step.FWD_ADD
                    : ncr.mode().usesConflictResolution() ? Step.FWD_REMOVE_ADDRS : Step.FWD_REMOVE_RRS;
            forwardDone = direction(messages, forwardDomain, first);
            if (!forwardDone) {
                return finish(false);
            }
        }
        if (ncr.reverse()) {
            reverseDone = direction(messages, reverseDomain, add ? Step.REV_REPLACE : Step.REV_REMOVE);
            if (!reverseDone) {
                return finish(false);
            }
        }
        return finish(true);
    }

    private boolean direction(UpdateMessages messages, DdnsDomain domain, Step first) {
        for (DnsServerSpec server : domain.servers()) {
            Optional<Optional<TsigKeySpec>> selected = choice.keyFor(server);
            if (selected.isEmpty()) {
                continue;
            }
            Optional<TsigKeySpec> key = selected.get();
            Optional<TsigSigner> tsig = key.map(TsigSigner::of);
            String keyName = key.map(TsigKeySpec::absoluteName).orElse(null);
            Step step = first;
            int tries = 0;
            int steps = 0;
            while (tries < TRIES_PER_SERVER && steps < MAX_STEPS) {
                Message update;
                try {
                    update = messages.build(step, domain.zone());
                } catch (TextParseException e) {
                    event = "UPDATE_FAILED_EVT";
                    return false;
                }
                stats.sent(keyName);
                log.debug("DHCP_DDNS_UPDATE_REQUEST_SENT Request ID {}: {} to server: {}", requestId, step,
                        server.toText());
                DnsClient.Outcome outcome = DnsClient.send(update, server.socketAddress(), tsig, timeout);
                tries++;
                switch (outcome.status()) {
                    case SUCCESS -> {
                        int rcode = outcome.rcode();
                        stats.outcome(keyName, rcode == Rcode.NOERROR ? D2Statistics.SUCCESS : D2Statistics.ERROR);
                        log.debug("DHCP_DDNS_UPDATE_RESPONSE_RECEIVED Request ID {}: to server: {} status: SUCCESS,"
                                + " rcode: {}", requestId, server.toText(), outcome.rcodeName());
                        Step next = next(step, rcode);
                        if (next == null) {
                            if (!accepted(step, rcode)) {
                                log.error(step.rejected(requestId, server.toText(), ncr.fqdn(), rcode));
                                event = "UPDATE_FAILED_EVT";
                                return false;
                            }
                            return true;
                        }
                        step = next;
                        tries = 0;
                        steps++;
                    }
                    case TIMEOUT, IO_ERROR -> {
                        stats.outcome(keyName, outcome.status() == DnsClient.Status.TIMEOUT ? D2Statistics.TIMEOUT
                                : D2Statistics.ERROR);
                        log.error(step.ioError(requestId, ncr.fqdn(), server.toText()));
                    }
                    case INVALID_RESPONSE -> {
                        stats.outcome(keyName, D2Statistics.ERROR);
                        log.error(step.corrupt(requestId, server.toText(), ncr.fqdn()));
                        log.debug("DHCP_DDNS_INVALID_RESPONSE received response to DNS Update message is malformed: {}",
                                outcome.detail());
                    }
                }
            }
        }
        event = "NO_MORE_SERVERS_EVT";
        return false;
    }

    /** The step after an answer, or null when the direction ends here (see {@link #accepted}). */
    private Step next(Step step, int rcode) {
        return switch (step) {
            case FWD_ADD -> rcode == Rcode.YXDOMAIN && ncr.mode().usesConflictResolution() ? Step.FWD_REPLACE : null;
            case FWD_REPLACE -> rcode == Rcode.NXDOMAIN ? Step.FWD_ADD : null;
            case FWD_REMOVE_ADDRS -> removed(rcode) ? Step.FWD_REMOVE_RRS : null;
            default -> null;
        };
    }

    /** Whether an answer that ends the direction means success. */
    private static boolean accepted(Step step, int rcode) {
        return switch (step) {
            case FWD_ADD, FWD_REPLACE, REV_REPLACE -> rcode == Rcode.NOERROR;
            default -> removed(rcode);
        };
    }

    /** Removal steps succeed when the records are gone, whoever removed them. */
    private static boolean removed(int rcode) {
        return rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN || rcode == Rcode.NXRRSET;
    }

    private boolean finish(boolean ok) {
        boolean add = ncr.type() == ChangeType.ADD;
        if (ok) {
            log.info("DHCP_DDNS_{}_SUCCEEDED DHCP_DDNS Request ID {}: successfully {} the DNS mapping addition for this"
                    + " request: {}", add ? "ADD" : "REMOVE", requestId, add ? "added" : "removed", ncr.toText());
        } else {
            log.error("DHCP_DDNS_{}_FAILED DHCP_DDNS Request ID {}: Transaction outcome{} {}", add ? "ADD" : "REMOVE",
                    requestId, add ? "" : ":", outcome());
        }
        return ok;
    }

    /** Kea's {@code transactionOutcomeString}: a direction is named only when the request asks for it. */
    String outcome() {
        return "Status: " + (event.equals("UPDATE_OK_EVT") ? "Completed" : "Failed") + ", Event: " + event + ", "
                + (ncr.forward() ? " Forward change:" + (forwardDone ? " completed, " : " failed, ") : "")
                + (ncr.reverse() ? " Reverse change:" + (reverseDone ? " completed, " : " failed, ") : "")
                + " request: " + ncr.toText();
    }
}

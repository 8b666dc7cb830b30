package ruru.lease.pgsql;

import java.util.Arrays;
import java.util.Optional;

/**
 * Kea's {@code on-fail}: what the server does when the lease database connection is lost
 * ({@code ReconnectCtl::OnFailAction}).
 */
public enum OnFail {
    /** Disable the DHCP service while reconnecting; shut down when the retries are exhausted (default). */
    STOP_RETRY_EXIT("stop-retry-exit", true, true),
    /** Keep the service up while reconnecting; shut down when the retries are exhausted. */
    SERVE_RETRY_EXIT("serve-retry-exit", false, true),
    /** Keep the service up while reconnecting, and keep running when the retries are exhausted. */
    SERVE_RETRY_CONTINUE("serve-retry-continue", false, false);

    private final String keaName;
    private final boolean disablesService;
    private final boolean exitsOnFailure;

    OnFail(String keaName, boolean disablesService, boolean exitsOnFailure) {
        this.keaName = keaName;
        this.disablesService = disablesService;
        this.exitsOnFailure = exitsOnFailure;
    }

    public String keaName() {
        return keaName;
    }

    /** Kea's {@code alterServiceState()}: the service is disabled while the connection is down. */
    public boolean disablesService() {
        return disablesService;
    }

    /** Kea's {@code exitOnFailure()}. */
    public boolean exitsOnFailure() {
        return exitsOnFailure;
    }

    public static Optional<OnFail> byKeaName(String name) {
        return Arrays.stream(values()).filter(v -> v.keaName.equals(name)).findFirst();
    }
}

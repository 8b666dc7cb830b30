package ruru.hooks;

import java.util.Optional;

/**
 * {@code select_key}: D2 is about to send a DNS update to a server and has chosen the TSIG key
 * configured for it (or none). A callout may replace the key ({@link Args#setTsigKey}); any status
 * other than CONTINUE makes D2 skip this server and try the next one.
 */
@FunctionalInterface
public interface SelectKeyCallout {

    NextStep selectKey(Args args);

    /** {@code current_server} (in) and {@code tsig_key} (in/out). */
    final class Args {
        private final DnsServerInfo currentServer;
        private TsigKeyInfo tsigKey;

        public Args(DnsServerInfo currentServer, Optional<TsigKeyInfo> tsigKey) {
            this.currentServer = currentServer;
            this.tsigKey = tsigKey.orElse(null);
        }

        public DnsServerInfo currentServer() {
            return currentServer;
        }

        /** The key the update will be signed with; empty: it goes unsigned. */
        public Optional<TsigKeyInfo> tsigKey() {
            return Optional.ofNullable(tsigKey);
        }

        /** Replaces the key (null: send unsigned). */
        public void setTsigKey(TsigKeyInfo key) {
            this.tsigKey = key;
        }
    }
}

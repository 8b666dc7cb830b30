package ruru.ddns.d2;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.daemon.config.ConfigException;
import ruru.daemon.config.schema.KeaDefaults;
import ruru.daemon.hooks.CalloutRegistry;
import ruru.ddns.d2.config.D2Config;
import ruru.ddns.d2.config.DdnsDomain;
import ruru.ddns.d2.config.DnsServerSpec;
import ruru.ddns.d2.config.DomainList;
import ruru.ddns.d2.config.TsigAlgorithm;
import ruru.ddns.d2.config.TsigKeySpec;
import ruru.ddns.d2.update.ServerChoice;
import ruru.ddns.ncr.AddressText;
import ruru.hooks.D2SrvConfiguredCallout;
import ruru.hooks.DdnsDomainInfo;
import ruru.hooks.DnsServerInfo;
import ruru.hooks.HookPoint;
import ruru.hooks.NextStep;
import ruru.hooks.SelectKeyCallout;
import ruru.hooks.TsigKeyInfo;

/** D2's two hook points (seed 004): {@code d2_srv_configured} and {@code select_key}. */
final class D2Hooks {

    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp-ddns.hooks");

    private D2Hooks() {
    }

    /**
     * DROP rejects the configuration: logged as DHCP_DDNS_CONFIGURED_CALLOUT_DROP, answered (and at
     * start-up reported) with the callout's error text alone, as Kea's D2Process::configure. Unlike
     * Kea 2.2, whose D2 has already committed the rejected configuration by then (config-get shows
     * it), ruru keeps the configuration in force.
     */
    static void configured(CalloutRegistry callouts, D2Config config) throws ConfigException {
        if (!callouts.has(HookPoint.D2_SRV_CONFIGURED)) {
            return;
        }
        var args = new D2SrvConfiguredCallout.Args(KeaDefaults.fill("DhcpDdns", config.element()), config.keys().stream().map(D2Hooks::info).toList(),
                domains(config.forward()), domains(config.reverse()));
        if (callouts.call(HookPoint.D2_SRV_CONFIGURED, args, D2SrvConfiguredCallout::d2SrvConfigured)
                == NextStep.DROP) {
            LOG.error("DHCP_DDNS_CONFIGURED_CALLOUT_DROP configuration was rejected because a callout set the next"
                    + " step to 'drop': {}", args.error());
            throw new ConfigException(args.error());
        }
    }

    /** The key for each update: the configured one, or what a {@code select_key} callout chose. */
    static ServerChoice serverChoice(CalloutRegistry callouts) {
        return server -> {
            if (!callouts.has(HookPoint.SELECT_KEY)) {
                return Optional.of(server.key());
            }
            var args = new SelectKeyCallout.Args(info(server), server.key().map(D2Hooks::info));
            if (callouts.call(HookPoint.SELECT_KEY, args, SelectKeyCallout::selectKey) != NextStep.CONTINUE) {
                return Optional.empty();
            }
            Optional<TsigKeyInfo> chosen = args.tsigKey();
            if (chosen.isEmpty()) {
                return Optional.of(Optional.empty());
            }
            Optional<TsigAlgorithm> algorithm = TsigAlgorithm.byName(chosen.get().algorithm());
            if (algorithm.isEmpty()) {
                LOG.error("HOOKS_CALLOUT_ERROR select_key returned a key with the unknown algorithm {}: server {}"
                        + " skipped", chosen.get().algorithm(), server.toText());
                return Optional.empty();
            }
            TsigKeyInfo k = chosen.get();
            return Optional.of(Optional.of(new TsigKeySpec(k.name(), algorithm.get(), k.digestBits(), k.secret())));
        };
    }

    static TsigKeyInfo info(TsigKeySpec k) {
        return new TsigKeyInfo(k.name(), k.algorithm().keaName(), k.digestBits(), k.secret());
    }

    static DnsServerInfo info(DnsServerSpec s) {
        return new DnsServerInfo(AddressText.of(s.address()), s.port(), s.key().map(TsigKeySpec::name));
    }

    private static List<DdnsDomainInfo> domains(DomainList list) {
        return list.domains().stream().map(D2Hooks::info).toList();
    }

    private static DdnsDomainInfo info(DdnsDomain d) {
        return new DdnsDomainInfo(d.name(), d.servers().stream().map(D2Hooks::info).toList());
    }
}

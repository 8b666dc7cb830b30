package ruru.dhcp6.service;

import java.util.ArrayList;
import java.util.List;

import ruru.classify.ClassGuard;
import ruru.classify.ClassSet;
import ruru.dhcp6.config.PdPool;
import ruru.dhcp6.config.Pool6;
import ruru.dhcp6.config.Subnet6;
import ruru.lease.Lease6;
import ruru.wire.Ipv6Prefix;
import ruru.wire.v6.IaType;

/**
 * The class guards of the DHCPv6 packet path (Kea's clientSupported): a subnet or shared network a
 * query's classes do not admit is skipped at subnet selection and allocation; a pool or pd-pool
 * they do not admit gives it nothing (and does not renew what it holds there).
 */
final class ClassGuards6 {

    private ClassGuards6() {
    }

    /** The subnets selection may choose from: every subnet whose guards the query passes. */
    static List<Subnet6> admitted(Exchange6 ex) {
        List<Subnet6> all = ex.snap().config().subnets();
        ClassSet classes = ex.classes().classes();
        for (Subnet6 s : all) {
            if (!s.admits(classes)) {
                return all.stream().filter(x -> x.admits(classes)).toList();
            }
        }
        return all;
    }

    /** The subnets an allocation may use: the selected one, then those of its shared network the query may use. */
    static List<Subnet6> candidates(Exchange6 ex, Subnet6 selected) {
        List<Subnet6> all = ex.snap().candidates(selected);
        if (all.size() == 1) {
            return all;
        }
        ClassSet classes = ex.classes().classes();
        return all.stream().filter(s -> s == selected || s.admits(classes)).toList();
    }

    static boolean admits(Exchange6 ex, Pool6 pool) {
        return pool.classes().admits(ex.classes().classes());
    }

    static boolean admits(Exchange6 ex, PdPool pool) {
        return pool.classes().admits(ex.classes().classes());
    }

    /** Whether a lease the client holds lies in a pool it may no longer use (a reserved one outside pools may). */
    static boolean inForbiddenPool(Exchange6 ex, Subnet6 subnet, Lease6 lease) {
        if (lease.type() == IaType.PD) {
            return subnet.pdPoolOf(new Ipv6Prefix(lease.address(), lease.prefixLength()))
                    .map(p -> !admits(ex, p)).orElse(false);
        }
        return subnet.poolOf(lease.address()).map(p -> !admits(ex, p)).orElse(false);
    }

    /** The guards with additional classes of the pools the granted leases came from, in order, each once. */
    static List<ClassGuard> poolsOf(List<IaOutcome.Granted> granted) {
        List<ClassGuard> out = new ArrayList<>();
        for (IaOutcome.Granted g0 : granted) {
            Lease6 l = g0.lease();
            Subnet6 subnet = g0.subnet();
            ClassGuard g = l.type() == IaType.PD
                    ? subnet.pdPoolOf(new Ipv6Prefix(l.address(), l.prefixLength())).map(PdPool::classes).orElse(null)
                    : subnet.poolOf(l.address()).map(Pool6::classes).orElse(null);
            if (g != null && !g.additional().isEmpty() && !out.contains(g)) {
                out.add(g);
            }
        }
        return out;
    }
}

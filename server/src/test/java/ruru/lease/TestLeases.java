package ruru.lease;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

/** Lease values and fixture access for the lease tests. */
final class TestLeases {

    private TestLeases() {
    }

    static Ipv4Address ip(String text) {
        try {
            return Ipv4Address.parse(text);
        } catch (WireFormatException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static HardwareAddress mac(String text) {
        try {
            return HardwareAddress.parse(text);
        } catch (WireFormatException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A plain active lease: hw derived from the address, 3600 s from cltt 1800000000, subnet 1. */
    static Lease4 lease(Ipv4Address a) {
        byte[] b = a.toBytes();
        HardwareAddress hw = new HardwareAddress(1, new byte[] {0x02, 0, b[0], b[1], b[2], b[3]});
        return new Lease4(a, hw, null, 3600, 1_800_000_000L, 1, false, false, "", LeaseState.DEFAULT, null, 0);
    }

    static Lease4 lease(String address) {
        return lease(ip(address));
    }

    /** Copies a test resource into {@code dir} under {@code name}. */
    static Path resource(String resource, Path dir, String name) {
        try (InputStream in = TestLeases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<Ipv4Address, Lease4> load(Path file) throws LeaseStoreException {
        Map<Ipv4Address, Lease4> m = new HashMap<>();
        new CsvLeaseLoader<>(Lease4Csv.INSTANCE, org.slf4j.LoggerFactory.getLogger("test")).load(file, 0, m);
        return m;
    }

    /** One data row of a lease file whose header has {@code headerColumns} of the current columns. */
    static Lease4 parseLine(byte[] line, int headerColumns) throws LeaseFormat.RowException {
        return new CsvLeaseLoader<>(Lease4Csv.INSTANCE, org.slf4j.LoggerFactory.getLogger("test"))
                .parseLine(line, headerColumns);
    }

    static MemfileSettings persistent(Path file) {
        return new MemfileSettings(file, true, 0, 0);
    }
}

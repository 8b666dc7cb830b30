package ruru.dhcp6.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ruru.dhcp.engine.CandidatePicker;
import ruru.wire.Ipv6Address;
import ruru.wire.Ipv6Prefix;

/** The candidate walk's long arithmetic agrees with BigInteger arithmetic on pools of every size. */
class PoolArithmeticTest {

    private static final BigInteger CAP = BigInteger.ONE.shiftLeft(62);

    @Test
    void spansOfAddressRanges() throws Exception {
        Random r = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            Ipv6Address first = new Ipv6Address(r.nextLong(), r.nextLong());
            int bits = r.nextInt(129);
            BigInteger add = new BigInteger(bits, r);
            BigInteger lastValue = first.toBigInteger().add(add);
            if (lastValue.bitLength() > 128) {
                continue;
            }
            Ipv6Address last = Ipv6Address.ofBigInteger(lastValue);
            BigInteger size = add.add(BigInteger.ONE);
            long expected = size.compareTo(CAP) >= 0 ? CAP.longValueExact() : size.longValueExact();
            assertThat(CandidatePicker.span(first, last)).as("%s - %s", first, last).isEqualTo(expected);
            assertThat(CandidatePicker.span(size)).isEqualTo(expected);
        }
        assertThat(CandidatePicker.span(Ipv6Address.parse("2001:db8::"), Ipv6Address.parse("2001:db8::"))).isEqualTo(1);
        assertThat(CandidatePicker.span(Ipv6Address.parse("::"), Ipv6Address.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")))
                .isEqualTo(1L << 62);
    }

    @Test
    void delegatedPrefixesByIndex() throws Exception {
        Random r = new Random(12);
        for (int prefixLen = 1; prefixLen <= 128; prefixLen++) {
            for (int delegated = prefixLen; delegated <= 128; delegated += 1 + r.nextInt(9)) {
                Ipv6Address base = new Ipv6Address(r.nextLong(), r.nextLong());
                PdPool pool = new PdPool(new Ipv6Prefix(base, prefixLen), delegated, Optional.empty(), 0, List.of());
                long span = pool.span();
                for (long index : new long[] {0, Math.min(1, span - 1), span - 1, span / 2,
                    (r.nextLong() & Long.MAX_VALUE) % span}) {
                    assertThat(pool.prefixAt(index)).as("/%d by /%d #%d", prefixLen, delegated, index)
                            .isEqualTo(pool.prefixAt(BigInteger.valueOf(index)));
                }
            }
        }
    }
}

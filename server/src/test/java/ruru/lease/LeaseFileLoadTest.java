package ruru.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ruru.lease.TestLeases.ip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseFileLoadTest {

    private static final String H = Lease4Csv.HEADER + "\n";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private MemfileLease4Store open(Path file, int maxRowErrors) throws LeaseStoreException {
        return MemfileLease4Store.open(new MemfileSettings(file, true, 0, maxRowErrors), Clock.systemUTC());
    }

    @Test
    void lastRowWinsAndZeroLifetimeErases() throws Exception {
        Path f = write("l.csv", H
                + "192.0.2.1,aa:bb:cc:dd:ee:01,,3600,1800000000,1,0,0,first,0,,0\n"
                + "192.0.2.2,aa:bb:cc:dd:ee:02,,3600,1800000000,1,0,0,,0,,0\n"
                + "192.0.2.1,aa:bb:cc:dd:ee:01,,7200,1800003600,1,0,0,second,0,,0\n"
                + "192.0.2.2,aa:bb:cc:dd:ee:02,,0,1799996400,1,0,0,,0,,0\n"
                + "192.0.2.3,aa:bb:cc:dd:ee:03,,0,1800000000,1,0,0,,0,,0\n"
                + "\n"
                + "192.0.2.2,aa:bb:cc:dd:ee:02,,60,1800000000,1,0,0,back,0,,0\r\n");
        try (MemfileLease4Store s = open(f, 0)) {
            assertThat(s.size()).isEqualTo(2);
            assertThat(s.get(ip("192.0.2.1")).orElseThrow().hostname()).isEqualTo("second");
            assertThat(s.get(ip("192.0.2.1")).orElseThrow().cltt()).isEqualTo(1_799_996_400L);
            assertThat(s.get(ip("192.0.2.2")).orElseThrow().hostname()).isEqualTo("back");
            assertThat(s.get(ip("192.0.2.3"))).isEmpty();
            assertThat(s.loadSummary()).isEqualTo(new MemfileLease4Store.LoadSummary(6, 0, false));
        }
    }

    @Test
    void corruptLinesAreCountedAndSkipped() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(H.getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("192.0.2.1,aa:bb:cc:dd:ee:01,,3600,1800000000,1,0,0,,0,,0\n".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {0, (byte) 0xff, (byte) 0xfe, 0x13, 0x37, ',', 0x7f, '\n'});
        b.writeBytes("192.0.2.2,aa:bb:cc:dd:ee:02,,3600,1800000000,1,0,0,,0\n".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("192.0.2.256,aa:bb:cc:dd:ee:03,,3600,1800000000,1,0,0,,0,,0\n".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("192.0.2.4,aa:bb:cc:dd:ee:04,,3600,soon,1,0,0,,0,,0\n".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("192.0.2.5,aa:bb:cc:dd:ee:05,,3600,1800000000,1,0,0,,0,,0\n".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("192.0.2.6,aa:bb:cc:dd:ee:06,,36".getBytes(StandardCharsets.US_ASCII)); // torn last row
        Path f = dir.resolve("l.csv");
        Files.write(f, b.toByteArray());
        try (MemfileLease4Store s = open(f, 0)) {
            assertThat(s.all()).extracting(l -> l.address().toString()).containsExactly("192.0.2.1", "192.0.2.5");
            assertThat(s.loadSummary().rowErrors()).isEqualTo(5);
            s.insert(TestLeases.lease("192.0.2.7"));
        }
        // the torn row was closed with a newline before appending, so the new row stands alone
        try (MemfileLease4Store s = open(f, 0)) {
            assertThat(s.get(ip("192.0.2.7"))).isPresent();
            assertThat(s.loadSummary().rowErrors()).isEqualTo(5);
        }
    }

    @Test
    void maxRowErrorsFailsTheLoadWithKeasText() throws Exception {
        String bad = "192.0.2.9,aa:bb,,x,1,1,0,0,,0,,0\n";
        Path f = write("l.csv", H + bad + bad + "192.0.2.1,aa:bb:cc:dd:ee:01,,3600,1800000000,1,0,0,,0,,0\n" + bad);
        try (MemfileLease4Store s = open(f, 3)) {
            assertThat(s.size()).isEqualTo(1);
        }
        assertThatThrownBy(() -> open(f, 2)).isInstanceOf(LeaseStoreException.class)
                .hasMessage("exceeded maximum number of failures 2 to read a lease from the lease file " + f);
    }

    @Test
    void aHeaderThatIsNotKeasFailsTheLoad() throws Exception {
        Path f = write("l.csv", "address,hwaddr,client_id,valid_lifetime,expiry,subnet_id,fqdn_fwd,fqdn_rev,hostname\n");
        assertThatThrownBy(() -> open(f, 0)).isInstanceOf(LeaseStoreException.class)
                .hasMessageContaining("header contains an invalid column: 'expiry'");
        Path g = write("g.csv", "address,hwaddr,client_id\n");
        assertThatThrownBy(() -> open(g, 0)).isInstanceOf(LeaseStoreException.class)
                .hasMessageContaining("header has only 3 valid column(s), it must have at least 9");
    }

    @Test
    void aNewerSchemaDropsItsExtraColumnsAndIsRewritten() throws Exception {
        Path f = write("l.csv", Lease4Csv.HEADER + ",future\n"
                + "192.0.2.1,aa:bb:cc:dd:ee:01,,3600,1800000000,1,0,0,,0,,3,x\n"
                + "192.0.2.2,aa:bb:cc:dd:ee:02,,3600,1800000000,1,0,0,,0,,0\n"
                + "192.0.2.3,aa:bb:cc:dd:ee:03,,3600,1800000000,1,0,0,,0,,0,x,y\n");
        try (MemfileLease4Store s = open(f, 0)) {
            assertThat(s.all()).extracting(l -> l.address().toString()).containsExactly("192.0.2.1", "192.0.2.2");
            assertThat(s.get(ip("192.0.2.1")).orElseThrow().poolId()).isEqualTo(3);
            assertThat(s.loadSummary().converted()).isTrue();
        }
        assertThat(Files.readString(f)).isEqualTo(H);
    }

    @Test
    void loadOrderIsCompletedElseDot2ThenDot1ThenFile() throws Exception {
        String a1 = "192.0.2.1,aa:bb:cc:dd:ee:01,,3600,1800000000,1,0,0,from-2,0,,0\n";
        String b1 = "192.0.2.1,aa:bb:cc:dd:ee:01,,3600,1800000000,1,0,0,from-1,0,,0\n";
        String c2 = "192.0.2.2,aa:bb:cc:dd:ee:02,,3600,1800000000,1,0,0,from-completed,0,,0\n";
        Path f = dir.resolve("l.csv");
        write("l.csv.2", H + a1 + "192.0.2.3,aa:bb:cc:dd:ee:03,,3600,1800000000,1,0,0,only-2,0,,0\n");
        write("l.csv.1", H + b1);
        write("l.csv", H + "192.0.2.4,aa:bb:cc:dd:ee:04,,3600,1800000000,1,0,0,file,0,,0\n");
        try (MemfileLease4Store s = open(f, 0)) {
            assertThat(s.get(ip("192.0.2.1")).orElseThrow().hostname()).isEqualTo("from-1");
            assertThat(s.get(ip("192.0.2.3")).orElseThrow().hostname()).isEqualTo("only-2");
            assertThat(s.get(ip("192.0.2.4"))).isPresent();
        }
        // a finished cleanup (.completed) already holds .2 + .1: those are then ignored
        write("l.csv.completed", H + c2);
        try (MemfileLease4Store s = open(f, 0)) {
            assertThat(s.all()).extracting(Lease4::hostname).containsExactly("from-completed", "file");
        }
    }

    @Test
    void refusesToLoadWhileKeaLfcRuns() throws Exception {
        Path f = dir.resolve("l.csv");
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            write("l.csv.pid", sleeper.pid() + "\n");
            assertThatThrownBy(() -> open(f, 0)).isInstanceOf(LeaseStoreException.class)
                    .hasMessage("unable to load leases from files while the lease file cleanup is in progress");
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
        try (MemfileLease4Store s = open(f, 0)) { // the pid is dead now: a stale pid file is ignored
            assertThat(s.size()).isZero();
        }
    }
    /**
     * A file of several chunks, parsed by worker threads at once, loads as if read row by row: the
     * rows of one address are spread over every chunk (the last one wins, a valid lifetime of 0
     * removes), bad rows anywhere are counted, CRLF and blank lines are as in a small file, and a
     * 2.1-schema file gets its missing columns' defaults.
     */
    @Test
    void aFileOfManyChunksLoadsAsIfReadRowByRow() throws Exception {
        for (boolean oldSchema : new boolean[] {false, true}) {
            StringBuilder b = new StringBuilder(oldSchema
                    ? "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context\n"
                    : H);
            java.util.Map<String, String> expected = new java.util.HashMap<>();
            int bad = 0;
            int rows = 0;
            for (int r = 0; b.length() < 3 * CsvLeaseLoader.CHUNK + 12345; r++) {
                String address = "10.0." + (r % 7001 / 250) + "." + (r % 7001 % 250 + 1);
                boolean delete = r % 13 == 5;
                String end = oldSchema ? ",0,\n" : ",0,,0\n";
                if (r % 4999 == 17) {
                    b.append(address).append(",aa:bb:cc:dd:ee:zz,,3600,1800000000,1,0,0,bad-").append(r).append(end);
                    bad++;
                } else {
                    b.append(address).append(",02:00:00:00:00:01,,").append(delete ? 0 : 3600).append(",1800000000,1,0,0,row-")
                            .append(r).append(end.replace("\n", r % 101 == 3 ? "\r\n\n" : "\n"));
                    if (delete) {
                        expected.remove(address);
                    } else {
                        expected.put(address, "row-" + r);
                    }
                }
                rows++;
            }
            Path f = write(oldSchema ? "old.csv" : "chunks.csv", b.toString());
            try (MemfileLease4Store s = open(f, 0)) {
                assertThat(s.loadSummary()).isEqualTo(new MemfileLease4Store.LoadSummary(rows, bad, oldSchema));
                java.util.Map<String, String> loaded = new java.util.HashMap<>();
                s.all().forEach(l -> loaded.put(l.address().toString(), l.hostname()));
                assertThat(loaded).isEqualTo(expected);
                assertThat(s.all()).allSatisfy(l -> assertThat(l.poolId()).isZero());
            }
        }
    }
}

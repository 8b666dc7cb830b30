package ruru.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.Ipv6Address;
import ruru.wire.v6.IaType;

/**
 * The compact lease table behind the memfile store: records round-trip, the int-array indexes
 * agree with a plain model through growth, collisions, deletes and re-inserts, paging and expiry
 * keep their order, and concurrent changes lose nothing.
 */
class LeaseTableTest {

    private static final long T0 = 1_800_000_000L;

    private static Lease4 v4(int bits, int hwTail, byte[] clientId, long valid, long cltt, long subnet, String host,
            LeaseState state) {
        HardwareAddress hw = hwTail < 0 ? null : new HardwareAddress(1, new byte[] {2, 0, 0, 0, (byte) (hwTail >> 8),
                (byte) hwTail});
        return new Lease4(new Ipv4Address(bits), hw, clientId, valid, cltt, subnet, false, true, host, state, null, 0);
    }

    private static MemfileLease4Store store() throws LeaseStoreException {
        return MemfileLease4Store.open(MemfileSettings.inMemory(), Clock.systemUTC());
    }

    /** A cleanup's merging table: later rows win, deletions remove, growth keeps everything, address order out. */
    @Test
    void mergingTableKeepsTheLastRowOfEachAddressInOrder() {
        LeaseTable<Ipv4Address, Lease4> t = LeaseTable.forMerging(Lease4Codec.INSTANCE);
        TableFill<Ipv4Address, Lease4> fill = new TableFill<>(t, Lease4Codec.INSTANCE);
        TreeMap<Ipv4Address, Lease4> model = new TreeMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            int bits = 0x0A000000 + random.nextInt(3000);
            Lease4 l = v4(bits, i, null, 3600, T0 + i, 1 + random.nextInt(3), "h" + i + ".example.",
                    LeaseState.DEFAULT);
            if (random.nextInt(5) == 0) {
                fill.remove(l.address());
                model.remove(l.address());
            } else {
                fill.put(l.address(), l);
                model.put(l.address(), l);
            }
        }
        assertEquals(model.size(), t.size());
        assertEquals(new ArrayList<>(model.values()), new ArrayList<>(t.inOrder()));
        Ipv4Address first = model.firstKey();
        assertEquals(model.get(first), Lease4Codec.INSTANCE.decode(t.current(Lease4Codec.INSTANCE.addressKey(first))));
    }

    @Test
    void recordsRoundTripEveryField() {
        byte[] longContext = new byte[300];
        java.util.Arrays.fill(longContext, (byte) 'x');
        String context = "{ \"a\": \"" + new String(longContext) + "\" }";
        List<Lease4> fours = List.of(
                v4(0xC0000201, 5, new byte[] {1, 2, 3}, 3600, T0, 7, "host.example.org.", LeaseState.DEFAULT),
                v4(0xFFFFFFFF, -1, null, Lease.INFINITE_LIFETIME, 0, 0xFFFFFFFFL, "", LeaseState.DECLINED),
                new Lease4(new Ipv4Address(1), new HardwareAddress(6, new byte[] {9, 8}), null, 0, T0, 1, true, false,
                        "ünïcode.example.", LeaseState.RELEASED, context, 0xFFFFFFFFL));
        for (Lease4 l : fours) {
            byte[] r = Lease4Codec.INSTANCE.encode(l);
            Lease4 back = Lease4Codec.INSTANCE.decode(r);
            assertEquals(l, back);
            assertEquals(l.toString(), back.toString());
            assertEquals(l.hwAddress() == null ? -1 : l.hwAddress().type(), back.hwAddress() == null ? -1 : back.hwAddress().type());
            assertTrue(java.util.Arrays.equals(r, Lease4Codec.INSTANCE.encode(back)), "canonical");
        }
        List<Lease6> sixes = List.of(
                new Lease6(new Ipv6Address(0x20010db8L << 32, 5), IaType.NA, 128, 0xFFFFFFFFL, new byte[] {0, 1, 2},
                        300, 3600, T0, 1, true, true, "six.example.", new HardwareAddress(1, new byte[] {1, 2, 3, 4, 5, 6}),
                        4, LeaseState.DEFAULT, context, 3),
                new Lease6(new Ipv6Address(-1L, -1L), IaType.PD, 56, 1, Lease6.DECLINED_DUID, 0, 0, 0, 2, false, false,
                        "", null, 0, LeaseState.DECLINED, null, 0));
        for (Lease6 l : sixes) {
            byte[] r = Lease6Codec.INSTANCE.encode(l);
            assertEquals(l, Lease6Codec.INSTANCE.decode(r));
            assertEquals(l.type(), Lease6Codec.INSTANCE.type(r));
        }
        // a changed field changes the record: compare-and-set compares records
        Lease4 a = fours.get(0);
        assertFalse(java.util.Arrays.equals(Lease4Codec.INSTANCE.encode(a),
                Lease4Codec.INSTANCE.encode(a.withState(LeaseState.DECLINED))));
        assertFalse(java.util.Arrays.equals(Lease4Codec.INSTANCE.encode(a),
                Lease4Codec.INSTANCE.encode(new Lease4(a.address(), new HardwareAddress(2, a.hwAddress().bytes()),
                        a.clientId(), a.validLifetime(), a.cltt(), a.subnetId(), a.fqdnFwd(), a.fqdnRev(),
                        a.hostname(), a.state(), a.userContext(), a.poolId()))));
    }

    @Test
    void chainsKeepCollidingSlotsApart() {
        SlotChains c = new SlotChains(8);
        // every slot in bucket 3 (same hash): link, then unlink head, middle and tail
        for (int s = 0; s < 6; s++) {
            c.link(s, 3 + 8 * s);
        }
        assertEquals(List.of(5, 4, 3, 2, 1, 0), walk(c, 3));
        c.unlink(5, 43);
        c.unlink(2, 19);
        c.unlink(0, 3);
        assertEquals(List.of(4, 3, 1), walk(c, 3));
        assertFalse(c.contains(2));
        c.unlink(2, 19); // not a member: nothing happens
        assertEquals(List.of(4, 3, 1), walk(c, 3));
        c.grow(64, s -> 3 + 8 * s);
        assertEquals(List.of(1), walk(c, 11));
        assertEquals(List.of(3), walk(c, 27));
        assertEquals(List.of(4), walk(c, 35));
        assertTrue(walk(c, 3).isEmpty());
    }

    private static List<Integer> walk(SlotChains c, int hash) {
        List<Integer> out = new ArrayList<>();
        for (int s = c.first(hash); s >= 0; s = c.next(s)) {
            out.add(s);
        }
        return out;
    }

    @Test
    void pagesNeverAllocateHumongousArraysAndKeepValuesAcrossGrowth() {
        Pages.Ints ints = new Pages.Ints(10, -1);
        assertEquals(10, ints.capacity());
        ints.set(9, 42);
        ints.grow(Pages.SIZE * 3 + 1);
        assertEquals(Pages.SIZE * 4, ints.capacity());
        assertEquals(42, ints.get(9));
        assertEquals(-1, ints.get(10));
        assertEquals(-1, ints.get(Pages.SIZE * 4 - 1));
        for (int[] p : ints.pages) {
            assertTrue(p.length <= Pages.SIZE);
        }
    }

    @Test
    void addressOrderSplitsAndMergesChunks() {
        Map<Integer, byte[]> keys = new TreeMap<>();
        byte[][] bySlot = new byte[5000][];
        AddressOrder order = new AddressOrder((key, slot) -> java.util.Arrays.compareUnsigned(key, bySlot[slot]));
        Random rnd = new Random(7);
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            values.add(i * 3);
        }
        java.util.Collections.shuffle(values, rnd);
        for (int slot = 0; slot < values.size(); slot++) {
            int v = values.get(slot);
            bySlot[slot] = new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
            keys.put(v, bySlot[slot]);
            order.insert(bySlot[slot], slot);
        }
        assertTrue(order.chunks() >= 5000 / AddressOrder.CHUNK, "split into chunks");
        assertEquals(new ArrayList<>(keys.keySet()), inOrder(order, bySlot, null));
        // pages start strictly above the key, present or not
        List<Integer> above = inOrder(order, bySlot, new byte[] {0, 0, 0x27, 0x10}); // 10000
        assertEquals(10_002, above.get(0));
        for (int slot = 0; slot < values.size(); slot++) {
            if (slot % 50 != 0) {
                assertTrue(order.remove(bySlot[slot]));
                keys.remove(values.get(slot));
            }
        }
        assertFalse(order.remove(new byte[] {0, 0, 0, 1}));
        assertEquals(new ArrayList<>(keys.keySet()), inOrder(order, bySlot, null));
        assertTrue(order.chunks() <= 3, "merged: " + order.chunks());
    }

    private static List<Integer> inOrder(AddressOrder order, byte[][] bySlot, byte[] after) {
        List<Integer> out = new ArrayList<>();
        order.from(after, s -> out.add(java.nio.ByteBuffer.wrap(bySlot[s]).getInt()));
        return out;
    }

    /** Random inserts, replaces, deletes and re-inserts checked against a TreeMap, through growth and slot reuse. */
    @Test
    void indexesAgreeWithAModelThroughGrowthDeletesAndReinserts() throws Exception {
        Random rnd = new Random(42);
        TreeMap<Ipv4Address, Lease4> model = new TreeMap<>();
        try (MemfileLease4Store s = store()) {
            for (int step = 0; step < 40_000; step++) {
                // few hardware addresses and hostnames, many addresses: keys collide and chains are long
                int addr = 0x0A000000 + rnd.nextInt(6000);
                Ipv4Address a = new Ipv4Address(addr);
                Lease4 now = model.get(a);
                int op = rnd.nextInt(10);
                Lease4 l = v4(addr, rnd.nextInt(8) == 0 ? -1 : rnd.nextInt(300),
                        rnd.nextInt(3) == 0 ? null : new byte[] {1, (byte) rnd.nextInt(50)},
                        rnd.nextInt(20) == 0 ? Lease.INFINITE_LIFETIME : 100 + rnd.nextInt(50), T0 + rnd.nextInt(100),
                        1 + rnd.nextInt(4), rnd.nextInt(4) == 0 ? "" : "h" + rnd.nextInt(40) + ".example.",
                        LeaseState.of(rnd.nextInt(4)));
                if (now == null) {
                    assertTrue(s.insert(l));
                    model.put(a, l);
                } else if (op < 5) {
                    assertFalse(s.insert(l));
                    assertTrue(s.replace(now, l));
                    assertFalse(s.replace(now, l) && !now.equals(l), "stale expected refused");
                    model.put(a, l);
                } else {
                    assertTrue(s.delete(now));
                    assertFalse(s.delete(now));
                    model.remove(a);
                }
                if (step % 5000 == 4999) {
                    checkAgainst(s, model);
                }
            }
            checkAgainst(s, model);
        }
    }

    private static void checkAgainst(MemfileLease4Store s, TreeMap<Ipv4Address, Lease4> model) {
        assertEquals(model.size(), s.size());
        assertEquals(new ArrayList<>(model.values()), s.all());
        for (Lease4 l : model.values()) {
            assertEquals(l, s.get(l.address()).orElseThrow());
        }
        assertTrue(s.get(new Ipv4Address(0x0B000000)).isEmpty());
        for (int hw = 0; hw < 300; hw += 37) {
            HardwareAddress mac = new HardwareAddress(1, new byte[] {2, 0, 0, 0, (byte) (hw >> 8), (byte) hw});
            assertEquals(model.values().stream().filter(l -> mac.equals(l.hwAddress())).toList(), s.byHwAddress(mac));
        }
        for (int id = 0; id < 50; id += 7) {
            byte[] cid = {1, (byte) id};
            assertEquals(model.values().stream().filter(l -> l.hasClientId(cid)).toList(), s.byClientId(cid));
        }
        for (int h = 0; h < 40; h += 9) {
            String name = "h" + h + ".example.";
            assertEquals(model.values().stream().filter(l -> l.hostname().equals(name)).toList(), s.byHostname(name));
        }
        assertTrue(s.byHostname("").isEmpty());
        for (long subnet = 1; subnet <= 5; subnet++) {
            long id = subnet;
            assertEquals(model.values().stream().filter(l -> l.subnetId() == id).toList(), s.bySubnet(subnet));
        }
        // paging in address order, from the start and from any address
        List<Lease4> paged = new ArrayList<>();
        Ipv4Address after = null;
        for (List<Lease4> page; !(page = s.page(after, 97)).isEmpty(); after = page.get(page.size() - 1).address()) {
            paged.addAll(page);
        }
        assertEquals(new ArrayList<>(model.values()), paged);
        // expiry per state, oldest first then by address, infinite never
        long before = T0 + 120;
        Comparator<Lease4> due = Comparator.<Lease4>comparingLong(Lease::expire).thenComparing(Lease::address);
        assertEquals(expiring(model, List.of(LeaseState.DEFAULT), before, due, 25), s.expired(before, 25));
        assertEquals(expiring(model, List.of(LeaseState.DEFAULT), before, due, Integer.MAX_VALUE), s.expired(before, 0));
        assertEquals(expiring(model, List.of(LeaseState.DECLINED), before, due, 10), s.expiredDeclined(before, 10));
        assertEquals(expiring(model, List.of(LeaseState.EXPIRED_RECLAIMED, LeaseState.RELEASED), before, due, 33),
                s.reclaimedBefore(before, 33));
        assertEquals(LeaseCount.of(model.values()).stream().sorted(Comparator.comparing(LeaseCount::toString)).toList(),
                s.counts().stream().sorted(Comparator.comparing(LeaseCount::toString)).toList());
    }

    private static List<Lease4> expiring(TreeMap<Ipv4Address, Lease4> model, List<LeaseState> states, long before,
            Comparator<Lease4> due, int max) {
        return model.values().stream()
                .filter(l -> states.contains(l.state()) && l.validLifetime() != Lease.INFINITE_LIFETIME
                        && l.expire() <= before) // Kea's memfile: up to and including that second
                .sorted(due).limit(max).toList();
    }

    @Test
    void deletedSlotsAreReusedAndTheTableGrowsOnlyPastItsCapacity() throws Exception {
        LeaseTable<Ipv4Address, Lease4> t = new LeaseTable<>(Lease4Codec.INSTANCE, 0);
        int n = Pages.SIZE + 5000; // past one page
        java.util.concurrent.locks.Lock w = t.writeLock();
        w.lock();
        try {
            for (int i = 0; i < n; i++) {
                t.apply(null, Lease4Codec.INSTANCE.encode(v4(i, i, null, 60, T0, 1, "", LeaseState.DEFAULT)));
            }
            int capacity = t.capacity();
            assertTrue(capacity >= n);
            for (int i = 0; i < n; i += 2) {
                byte[] r = t.current(Lease4Codec.INSTANCE.addressKey(new Ipv4Address(i)));
                t.apply(r, null);
            }
            for (int i = 0; i < n; i += 2) {
                assertNull(t.current(Lease4Codec.INSTANCE.addressKey(new Ipv4Address(i))));
                t.apply(null, Lease4Codec.INSTANCE.encode(v4(i, i, null, 60, T0 + 1, 2, "back", LeaseState.DEFAULT)));
            }
            assertEquals(capacity, t.capacity(), "re-inserts reuse the freed slots");
        } finally {
            w.unlock();
        }
        assertEquals(n, t.size());
        assertEquals((n + 1) / 2, t.byField(0, "back".getBytes()).size());
        assertEquals(n / 2, t.bySubnet(1).size());
        assertEquals(new Ipv4Address(n - 1), t.page(new Ipv4Address(n - 2), 5).get(0).address());
    }

    /** Four threads race compare-and-set on shared addresses and insert/delete their own: nothing lost or doubled. */
    @Test
    void concurrentChangesKeepIndexesConsistent() throws Exception {
        try (MemfileLease4Store s = store()) {
            for (int i = 0; i < 64; i++) {
                s.insert(v4(0x0A000000 + i, i, null, 100, T0, 1, "", LeaseState.DEFAULT));
            }
            AtomicInteger wins = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    Random rnd = new Random(thread);
                    for (int i = 0; i < 5000; i++) {
                        Ipv4Address shared = new Ipv4Address(0x0A000000 + rnd.nextInt(64));
                        Lease4 cur = s.get(shared).orElseThrow();
                        if (s.replace(cur, cur.withLifetime(cur.validLifetime() + 1, cur.cltt()))) {
                            wins.incrementAndGet();
                        }
                        int own = 0x0B000000 + thread * 100_000 + i;
                        Lease4 mine = v4(own, own & 0xffff, new byte[] {(byte) thread}, 50, T0, 2 + thread,
                                "t" + thread, LeaseState.DEFAULT);
                        assertTrue(s.insert(mine));
                        if (i % 3 == 0) {
                            assertTrue(s.delete(mine));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            long total = 0;
            for (int i = 0; i < 64; i++) {
                total += s.get(new Ipv4Address(0x0A000000 + i)).orElseThrow().validLifetime() - 100;
            }
            assertEquals(wins.get(), total, "every successful compare-and-set counted once");
            int kept = 5000 - (5000 + 2) / 3;
            assertEquals(64 + 4 * kept, s.size());
            for (int t = 0; t < 4; t++) {
                assertEquals(kept, s.bySubnet(2 + t).size());
                assertEquals(kept, s.byHostname("t" + t).size());
                assertEquals(kept, s.byClientId(new byte[] {(byte) t}).size());
            }
            assertEquals(s.size(), s.all().size());
        }
    }
}

package ruru.classify.expr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LALR(1) parse tables built the way Bison builds them, because Kea's syntax errors are Bison's:
 * the same states, conflicts resolved by precedence (an unresolved shift/reduce conflict shifts,
 * a reduce/reduce conflict takes the earlier rule), and a default reduction in every state that
 * has one (the rule with the most lookaheads), so an error is only detected in a state without
 * one and the "expecting ..." list is that state's explicit actions. A state whose only action is
 * its default reduction reduces without reading the next token.
 *
 * <p>Lookaheads are computed by the propagation method (Aho, Sethi and Ullman, 4.7).
 */
final class LalrTable {

    static final int ERROR = 0;

    private final Grammar g;
    /** Per state: terminal to action; shift n is n + 1, reduce p is -(p + 1), 0 is "use the default". */
    private final int[][] action;
    private final int[][] gotos;
    private final int[] defaultReduction;
    private final boolean[] needsLookahead;
    private final int acceptState;
    private int conflicts;

    private final List<long[]> states = new ArrayList<>();
    private final Map<String, Integer> stateIndex = new HashMap<>();
    /** Per state: symbol to target state. */
    private final List<Map<Integer, Integer>> transitions = new ArrayList<>();
    /** Per nonterminal: its productions. */
    private final Map<Integer, List<Grammar.Production>> byLhs = new HashMap<>();

    LalrTable(Grammar grammar) {
        this.g = grammar;
        buildLr0();
        int n = states.size();
        this.action = new int[n][Grammar.TERMINALS];
        this.gotos = new int[n][g.symbols()];
        this.defaultReduction = new int[n];
        this.needsLookahead = new boolean[n];
        BitSet[][] lookaheads = lookaheads();
        int accept = -1;
        for (int s = 0; s < n; s++) {
            fill(s, lookaheads[s]);
            if (accept < 0 && isAccept(s)) {
                accept = s;
            }
        }
        this.acceptState = accept;
    }

    Grammar grammar() {
        return g;
    }

    int action(int state, Terminal t) {
        return action[state][t.ordinal()];
    }

    int defaultReduction(int state) {
        return defaultReduction[state];
    }

    /** False for a state whose only action is its default reduction (Bison reads no token there). */
    boolean needsLookahead(int state) {
        return needsLookahead[state];
    }

    int gotoState(int state, int nonterminal) {
        return gotos[state][nonterminal] - 1;
    }

    int acceptState() {
        return acceptState;
    }

    int conflicts() {
        return conflicts;
    }

    int stateCount() {
        return states.size();
    }

    /** The tokens a syntax error in this state lists, in token order. */
    List<Terminal> expected(int state) {
        List<Terminal> out = new ArrayList<>();
        for (Terminal t : Terminal.values()) {
            if (t != Terminal.ERROR && action[state][t.ordinal()] != ERROR) {
                out.add(t);
            }
        }
        return out;
    }

    // ----- LR(0) items: production index << 16 | dot -----

    private static long item(int production, int dot) {
        return ((long) production << 16) | dot;
    }

    private static int prod(long item) {
        return (int) (item >>> 16);
    }

    private static int dot(long item) {
        return (int) (item & 0xFFFF);
    }

    private int next(long item) {
        int[] rhs = g.productions().get(prod(item)).rhs();
        return dot(item) < rhs.length ? rhs[dot(item)] : -1;
    }

    private void buildLr0() {
        for (Grammar.Production p : g.productions()) {
            byLhs.computeIfAbsent(p.lhs(), k -> new ArrayList<>()).add(p);
        }
        addState(new long[] {item(0, 0)});
        for (int s = 0; s < states.size(); s++) {
            long[] closure = closure0(states.get(s));
            Map<Integer, List<Long>> bySymbol = new LinkedHashMap<>();
            for (long it : closure) {
                int x = next(it);
                if (x >= 0) {
                    bySymbol.computeIfAbsent(x, k -> new ArrayList<>()).add(item(prod(it), dot(it) + 1));
                }
            }
            Map<Integer, Integer> out = new HashMap<>();
            for (Map.Entry<Integer, List<Long>> e : bySymbol.entrySet()) {
                long[] kernel = e.getValue().stream().mapToLong(Long::longValue).sorted().distinct().toArray();
                out.put(e.getKey(), addState(kernel));
            }
            transitions.add(out);
        }
    }

    private int addState(long[] kernel) {
        String key = Arrays.toString(kernel);
        Integer existing = stateIndex.get(key);
        if (existing != null) {
            return existing;
        }
        states.add(kernel);
        stateIndex.put(key, states.size() - 1);
        return states.size() - 1;
    }

    private int gotoOf(int state, int symbol) {
        return transitions.get(state).get(symbol);
    }

    private long[] closure0(long[] kernel) {
        List<Long> out = new ArrayList<>();
        BitSet added = new BitSet();
        Deque<Long> work = new ArrayDeque<>();
        for (long k : kernel) {
            out.add(k);
            work.add(k);
        }
        while (!work.isEmpty()) {
            int x = next(work.poll());
            if (x >= Grammar.TERMINALS && !added.get(x)) {
                added.set(x);
                for (Grammar.Production p : byLhs.get(x)) {
                    long it = item(p.index(), 0);
                    out.add(it);
                    work.add(it);
                }
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    // ----- FIRST sets -----

    private BitSet[] first;
    private boolean[] nullable;

    private void firstSets() {
        int n = g.symbols();
        first = new BitSet[n];
        nullable = new boolean[n];
        for (int x = 0; x < n; x++) {
            first[x] = new BitSet();
            if (x < Grammar.TERMINALS) {
                first[x].set(x);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Grammar.Production p : g.productions()) {
                BitSet f = first[p.lhs()];
                int before = f.cardinality();
                boolean allNullable = true;
                for (int x : p.rhs()) {
                    f.or(first[x]);
                    if (!nullable[x]) {
                        allNullable = false;
                        break;
                    }
                }
                if (allNullable && !nullable[p.lhs()]) {
                    nullable[p.lhs()] = true;
                    changed = true;
                }
                changed |= f.cardinality() != before;
            }
        }
    }

    /** FIRST of rhs[from..] followed by {@code follow}. */
    private BitSet firstOf(int[] rhs, int from, BitSet follow) {
        BitSet out = new BitSet();
        for (int i = from; i < rhs.length; i++) {
            out.or(first[rhs[i]]);
            if (!nullable[rhs[i]]) {
                return out;
            }
        }
        out.or(follow);
        return out;
    }

    /** LR(1) closure: item to lookahead set ({@link #PROPAGATE} stands for the kernel's own). */
    private Map<Long, BitSet> closure1(Map<Long, BitSet> kernel) {
        Map<Long, BitSet> out = new LinkedHashMap<>();
        Deque<Long> work = new ArrayDeque<>();
        for (Map.Entry<Long, BitSet> e : kernel.entrySet()) {
            out.put(e.getKey(), (BitSet) e.getValue().clone());
            work.add(e.getKey());
        }
        while (!work.isEmpty()) {
            long it = work.poll();
            int x = next(it);
            if (x < Grammar.TERMINALS) {
                continue;
            }
            int[] rhs = g.productions().get(prod(it)).rhs();
            BitSet la = firstOf(rhs, dot(it) + 1, out.get(it));
            for (Grammar.Production p : byLhs.get(x)) {
                long child = item(p.index(), 0);
                BitSet have = out.get(child);
                if (have == null) {
                    out.put(child, (BitSet) la.clone());
                    work.add(child);
                } else {
                    BitSet merged = (BitSet) have.clone();
                    merged.or(la);
                    if (!merged.equals(have)) {
                        have.or(la);
                        work.add(child);
                    }
                }
            }
        }
        return out;
    }

    /** A marker lookahead, one past the terminals. */
    private static final int PROPAGATE = Grammar.TERMINALS;

    private BitSet[][] lookaheads() {
        firstSets();
        int n = states.size();
        BitSet[][] la = new BitSet[n][];
        for (int s = 0; s < n; s++) {
            la[s] = new BitSet[states.get(s).length];
            for (int k = 0; k < la[s].length; k++) {
                la[s][k] = new BitSet();
            }
        }
        // propagation links: (state, kernel index) -> list of (state, kernel index)
        List<List<List<int[]>>> links = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            long[] kernel = states.get(s);
            List<List<int[]>> mine = new ArrayList<>();
            for (int k = 0; k < kernel.length; k++) {
                mine.add(new ArrayList<>());
            }
            links.add(mine);
            for (int k = 0; k < kernel.length; k++) {
                BitSet marker = new BitSet();
                marker.set(PROPAGATE);
                Map<Long, BitSet> c = closure1(Map.of(kernel[k], marker));
                for (Map.Entry<Long, BitSet> e : c.entrySet()) {
                    int x = next(e.getKey());
                    if (x < 0) {
                        continue;
                    }
                    int t = gotoOf(s, x);
                    int tk = Arrays.binarySearch(states.get(t), item(prod(e.getKey()), dot(e.getKey()) + 1));
                    BitSet spontaneous = (BitSet) e.getValue().clone();
                    if (spontaneous.get(PROPAGATE)) {
                        spontaneous.clear(PROPAGATE);
                        links.get(s).get(k).add(new int[] {t, tk});
                    }
                    la[t][tk].or(spontaneous);
                }
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int s = 0; s < n; s++) {
                for (int k = 0; k < la[s].length; k++) {
                    for (int[] to : links.get(s).get(k)) {
                        BitSet target = la[to[0]][to[1]];
                        int before = target.cardinality();
                        target.or(la[s][k]);
                        changed |= target.cardinality() != before;
                    }
                }
            }
        }
        return la;
    }

    private boolean isAccept(int s) {
        for (long it : states.get(s)) {
            if (prod(it) == 0 && next(it) < 0) {
                return true;
            }
        }
        return false;
    }

    private void fill(int s, BitSet[] kernelLookaheads) {
        long[] kernel = states.get(s);
        Map<Long, BitSet> seed = new LinkedHashMap<>();
        for (int k = 0; k < kernel.length; k++) {
            seed.put(kernel[k], kernelLookaheads[k]);
        }
        Map<Long, BitSet> items = closure1(seed);
        int[] row = action[s];
        for (long it : items.keySet()) {
            int x = next(it);
            if (x >= 0) {
                int t = gotoOf(s, x);
                if (x < Grammar.TERMINALS) {
                    row[x] = t + 1;
                } else {
                    gotos[s][x] = t + 1;
                }
            }
        }
        // Reductions, in rule order, each resolved against the shifts and earlier reductions.
        List<Long> completed = new ArrayList<>();
        for (long it : items.keySet()) {
            if (next(it) < 0 && prod(it) != 0) {
                completed.add(it);
            }
        }
        completed.sort((a, b) -> Integer.compare(prod(a), prod(b)));
        for (long it : completed) {
            Grammar.Production p = g.productions().get(prod(it));
            BitSet la = items.get(it);
            for (int t = la.nextSetBit(0); t >= 0 && t < Grammar.TERMINALS; t = la.nextSetBit(t + 1)) {
                int current = row[t];
                if (current == ERROR) {
                    row[t] = -(p.index() + 1);
                } else if (current > 0) {
                    row[t] = resolve(p, t, current);
                } else {
                    conflicts++; // reduce/reduce: the earlier rule stays
                }
            }
        }
        defaultReduction[s] = -1;
        if (isAccept(s)) {
            defaultReduction[s] = 0;
        } else {
            int best = -1;
            int bestCount = 0;
            for (long it : completed) {
                int p = prod(it);
                int count = 0;
                for (int v : row) {
                    if (v == -(p + 1)) {
                        count++;
                    }
                }
                if (count > bestCount) {
                    best = p;
                    bestCount = count;
                }
            }
            if (best >= 0) {
                defaultReduction[s] = best;
                for (int t = 0; t < row.length; t++) {
                    if (row[t] == -(best + 1)) {
                        row[t] = ERROR;
                    }
                }
            }
        }
        boolean explicit = false;
        for (int v : row) {
            explicit |= v != ERROR;
        }
        needsLookahead[s] = explicit || defaultReduction[s] < 0;
    }

    /** A shift/reduce conflict on terminal t, settled by precedence as Bison does. */
    private int resolve(Grammar.Production p, int t, int shift) {
        int tokenPrec = g.precedence(t);
        if (p.precedence() == 0 || tokenPrec == 0) {
            conflicts++;
            return shift;
        }
        if (p.precedence() > tokenPrec) {
            return -(p.index() + 1);
        }
        if (p.precedence() < tokenPrec) {
            return shift;
        }
        return g.assoc(t) == Grammar.Assoc.LEFT ? -(p.index() + 1) : shift;
    }
}

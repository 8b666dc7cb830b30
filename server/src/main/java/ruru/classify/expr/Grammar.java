package ruru.classify.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A context-free grammar over {@link Terminal}s with Bison's precedence declarations. Symbols are
 * ints: terminals first (their ordinals), then nonterminals in order of first appearance.
 * Production 0 is {@code $accept: <start> END}. Each production carries the {@link Action} the
 * parser runs when it reduces it.
 */
final class Grammar {

    static final int TERMINALS = Terminal.values().length;

    /** A production; {@code precedence} is that of its last terminal (0 when it has none). */
    record Production(int index, int lhs, int[] rhs, int precedence, Assoc assoc, Action action) {
    }

    enum Assoc { LEFT, PRECEDENCE }

    private final List<String> nonterminals;
    private final List<Production> productions;
    private final int[] precedence;
    private final Assoc[] assoc;

    private Grammar(Builder b) {
        this.nonterminals = List.copyOf(b.nonterminals.keySet());
        this.productions = List.copyOf(b.productions);
        this.precedence = b.precedence;
        this.assoc = b.assoc;
    }

    int symbols() {
        return TERMINALS + nonterminals.size();
    }

    boolean isTerminal(int symbol) {
        return symbol < TERMINALS;
    }

    String name(int symbol) {
        return isTerminal(symbol) ? Terminal.values()[symbol].name() : nonterminals.get(symbol - TERMINALS);
    }

    List<Production> productions() {
        return productions;
    }

    int precedence(int terminal) {
        return precedence[terminal];
    }

    Assoc assoc(int terminal) {
        return assoc[terminal];
    }

    static Builder builder(String start) {
        return new Builder(start);
    }

    static final class Builder {
        private final Map<String, Integer> nonterminals = new LinkedHashMap<>();
        private final List<Production> productions = new ArrayList<>();
        private final List<Object[]> pending = new ArrayList<>();
        private final int[] precedence = new int[TERMINALS];
        private final Assoc[] assoc = new Assoc[TERMINALS];
        private int level;

        private Builder(String start) {
            nonterminals.put("$accept", TERMINALS);
            pending.add(new Object[] {"$accept", Action.ACCEPT, new String[] {start, "END"}});
        }

        /** One precedence level, higher than the ones declared before it (Bison's %left). */
        Builder left(Terminal... terminals) {
            return level(Assoc.LEFT, terminals);
        }

        /** Bison's %precedence: a level without associativity. */
        Builder precedence(Terminal... terminals) {
            return level(Assoc.PRECEDENCE, terminals);
        }

        private Builder level(Assoc a, Terminal... terminals) {
            level++;
            for (Terminal t : terminals) {
                precedence[t.ordinal()] = level;
                assoc[t.ordinal()] = a;
            }
            return this;
        }

        /** {@code lhs: rhs...}; a symbol in upper case names a {@link Terminal}, else a nonterminal. */
        Builder rule(String lhs, Action action, String... rhs) {
            pending.add(new Object[] {lhs, action, rhs});
            return this;
        }

        Grammar build() {
            for (Object[] p : pending) {
                nonterminals.putIfAbsent((String) p[0], TERMINALS + nonterminals.size());
            }
            for (Object[] p : pending) {
                String[] names = (String[]) p[2];
                int[] rhs = new int[names.length];
                int prec = 0;
                Assoc a = null;
                for (int i = 0; i < names.length; i++) {
                    rhs[i] = symbol(names[i]);
                    if (rhs[i] < TERMINALS) {
                        // Bison: a rule takes the precedence of its last terminal, declared or not.
                        prec = precedence[rhs[i]];
                        a = assoc[rhs[i]];
                    }
                }
                productions.add(new Production(productions.size(), nonterminals.get((String) p[0]), rhs, prec, a,
                        (Action) p[1]));
            }
            return new Grammar(this);
        }

        private int symbol(String name) {
            if (Character.isUpperCase(name.charAt(0))) {
                return Terminal.valueOf(name).ordinal();
            }
            Integer n = nonterminals.get(name);
            if (n == null) {
                throw new IllegalStateException("nonterminal " + name + " has no rule");
            }
            return n;
        }
    }
}

package ruru.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kea 2.2's eval traces as Kea 3 writes them for the same expressions, for the tests that compare
 * ruru's traces (Kea 3's) with a live kea-dhcp4 / kea-dhcp6 2.2.
 *
 * <p>Kea 2.2 evaluates every token of an expression and writes one EVAL_DEBUG_* line per token in
 * postfix order, so its lines give back the expression's tree (each message's token pops a known
 * number of values). Kea 3 compiles {@code and}, {@code or} and {@code ifelse} lazily (its
 * {@code parser.yy}): {@code A and B} is A, pop-or-branch-if-false to L, B, label L ({@code or}:
 * if-true); {@code ifelse(C, T, F)} is C, pop-and-branch-if-false to L1, T, branch to L2, label L1,
 * F, label L2. The labels are numbered from 1 per expression as its parser meets the operators
 * (an in-order walk of the tree, skipped operands included). A branch taken writes one line
 * (token.cc: {@code EVAL_DEBUG_POP_OR_BRANCH_FALSE} / {@code _TRUE}, {@code _POP_AND_BRANCH_FALSE},
 * {@code EVAL_DEBUG_BRANCH}, without the query's label), a pop without a branch writes none, and
 * the skipped operand writes nothing. So: Kea 2.2's AND / OR / IFELSE lines go, the operand Kea 3
 * skips goes with its lines, and the branch lines come in.
 *
 * <p>Lines are {@code SEVERITY [logger] ID text}; other lines pass unchanged and end an expression.
 */
public final class Kea3EvalTrace {

    private static final Pattern LINE = Pattern.compile("^(\\S+ \\[[^\\]]*\\] )(EVAL_DEBUG_[A-Z0-9_]+) (.*)$");
    private static final Pattern AND_OR = Pattern.compile("^Popping '(\\w+)' and '(\\w+)' pushing '\\w+'$");

    /** How many values each traced token pops (those not listed push only). */
    private static final Map<String, Integer> POPS = Map.ofEntries(
            Map.entry("NOT", 1), Map.entry("INT8TOTEXT", 1), Map.entry("INT16TOTEXT", 1),
            Map.entry("INT32TOTEXT", 1), Map.entry("UINT8TOTEXT", 1), Map.entry("UINT16TOTEXT", 1),
            Map.entry("UINT32TOTEXT", 1), Map.entry("IPADDRESSTOTEXT", 1), Map.entry("LCASE", 1),
            Map.entry("UCASE", 1), Map.entry("MATCH", 1),
            Map.entry("EQUAL", 2), Map.entry("CONCAT", 2), Map.entry("AND", 2), Map.entry("OR", 2),
            Map.entry("TOHEXSTRING", 2),
            Map.entry("SUBSTRING", 3), Map.entry("SUBSTRING_EMPTY", 3), Map.entry("SUBSTRING_RANGE", 3),
            Map.entry("SPLIT", 3), Map.entry("SPLIT_DELIM_EMPTY", 3), Map.entry("SPLIT_EMPTY", 3),
            Map.entry("SPLIT_FIELD_OUT_OF_RANGE", 3), Map.entry("IFELSE_TRUE", 3), Map.entry("IFELSE_FALSE", 3));

    /** Push-only tokens (literals, packet data, membership): anything else unknown fails the test. */
    private static final List<String> PUSHES = List.of("STRING", "HEXSTRING", "IPADDRESS", "OPTION", "PKT", "PKT4",
            "PKT6", "RELAY6", "RELAY6_RANGE", "MEMBER", "SUB_OPTION", "SUB_OPTION_NO_OPTION");

    private static final Pattern RESULT = Pattern.compile(
            "^\\S+ +\\[(kea-dhcp[46])\\.[a-z0-9-]+\\] EVAL_RESULT Expression (\\S+) evaluated to ([01])$");

    private Kea3EvalTrace() {
    }

    /**
     * Kea 2.2's EVAL_RESULT lines (a class test's result: INFO when true, debug 50 when false, on
     * kea-dhcp4.options / kea-dhcp6.dhcp6, the bool as 1 or 0) as Kea 3 writes them in a log at
     * debug level {@code level}: DHCPSRV_EVAL_RESULT on the daemon's dhcpsrv logger at debug level
     * 50 (none below), the class name quoted, true or false (Kea 3's message manual).
     */
    public static List<String> results(List<String> kea22, int level) {
        List<String> out = new ArrayList<>();
        for (String l : kea22) {
            Matcher m = RESULT.matcher(l);
            if (!m.matches()) {
                out.add(l);
            } else if (level >= 50) {
                out.add("DEBUG [" + m.group(1) + ".dhcpsrv] DHCPSRV_EVAL_RESULT Expression '" + m.group(2)
                        + "' evaluated to " + (m.group(3).equals("1") ? "true" : "false"));
            }
        }
        return out;
    }

    private static final class Node {
        final String prefix;
        final String token;
        final String line;
        final String text;
        final List<Node> kids = new ArrayList<>();
        int first;
        int second;

        Node(String prefix, String token, String line, String text) {
            this.prefix = prefix;
            this.token = token;
            this.line = line;
            this.text = text;
        }
    }

    /** {@code kea22}'s lines with every eval trace in Kea 3's lazy form. */
    public static List<String> lazy(List<String> kea22) {
        List<String> out = new ArrayList<>();
        List<Node> stack = new ArrayList<>();
        for (String l : kea22) {
            Matcher m = LINE.matcher(l);
            if (!m.matches()) {
                flush(stack, out);
                out.add(l);
                continue;
            }
            String token = m.group(2).substring("EVAL_DEBUG_".length());
            int pops = POPS.getOrDefault(token, 0);
            if (pops == 0 && !PUSHES.contains(token) && !token.startsWith("VENDOR")) {
                throw new IllegalArgumentException("an eval token whose pops are not known: " + l);
            }
            if (stack.size() < pops) {
                throw new IllegalArgumentException("a trace with too few operands before: " + l);
            }
            Node n = new Node(m.group(1), token, l, m.group(3));
            List<Node> operands = stack.subList(stack.size() - pops, stack.size());
            n.kids.addAll(operands);
            operands.clear();
            stack.add(n);
        }
        flush(stack, out);
        return out;
    }

    /** Each finished expression (a tree on the stack) written the Kea 3 way. */
    private static void flush(List<Node> stack, List<String> out) {
        for (Node n : stack) {
            number(n, new int[] {0});
            write(n, out);
        }
        stack.clear();
    }

    /** The branch targets, as Kea 3's parser takes them: in the text's order of the operators. */
    private static void number(Node n, int[] counter) {
        switch (n.token) {
            case "AND", "OR" -> {
                number(n.kids.get(0), counter);
                n.first = ++counter[0];
                number(n.kids.get(1), counter);
            }
            case "IFELSE_TRUE", "IFELSE_FALSE" -> {
                number(n.kids.get(0), counter);
                n.first = ++counter[0];
                number(n.kids.get(1), counter);
                n.second = ++counter[0];
                number(n.kids.get(2), counter);
            }
            default -> n.kids.forEach(k -> number(k, counter));
        }
    }

    private static void write(Node n, List<String> out) {
        switch (n.token) {
            case "AND", "OR" -> {
                Matcher m = AND_OR.matcher(n.text);
                if (!m.matches()) {
                    throw new IllegalArgumentException("an and / or line Kea 2.2 does not write: " + n.line);
                }
                boolean left = m.group(2).equals("true"); // Kea pops the right operand first
                write(n.kids.get(0), out);
                boolean and = n.token.equals("AND");
                if (left != and) {
                    out.add(n.prefix + (and ? "EVAL_DEBUG_POP_OR_BRANCH_FALSE Value is false" : "EVAL_DEBUG_POP_OR_BRANCH_TRUE Value is true")
                            + ": keeping it and branching to " + n.first);
                } else {
                    write(n.kids.get(1), out);
                }
            }
            case "IFELSE_TRUE" -> {
                write(n.kids.get(0), out);
                write(n.kids.get(1), out);
                out.add(n.prefix + "EVAL_DEBUG_BRANCH Branching to " + n.second);
            }
            case "IFELSE_FALSE" -> {
                write(n.kids.get(0), out);
                out.add(n.prefix + "EVAL_DEBUG_POP_AND_BRANCH_FALSE Value is false: branching to " + n.first);
                write(n.kids.get(2), out);
            }
            default -> {
                n.kids.forEach(k -> write(k, out));
                out.add(n.line);
            }
        }
    }
}

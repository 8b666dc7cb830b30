package ruru.classify.expr;

/** One lexeme: its terminal, its text (the string without quotes, the number, the name) and span. */
record Token(Terminal terminal, String text, Location location) {
}

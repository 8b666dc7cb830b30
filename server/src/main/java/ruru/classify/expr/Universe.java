package ruru.classify.expr;

/** The address family an expression is compiled for; some tokens exist in one family only. */
public enum Universe {
    V4(255, 3),
    V6(65535, 5);

    private final int maxOptionCode;
    private final int textWidth;

    Universe(int maxOptionCode, int textWidth) {
        this.maxOptionCode = maxOptionCode;
        this.textWidth = textWidth;
    }

    public int maxOptionCode() {
        return maxOptionCode;
    }

    /** Digits of the type and length in Kea's option text ({@code type=061, len=007}). */
    int textWidth() {
        return textWidth;
    }
}

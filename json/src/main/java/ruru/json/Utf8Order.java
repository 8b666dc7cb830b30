package ruru.json;

/**
 * Compares strings by the unsigned bytes of their UTF-8 encoding, the order of std::map keys in
 * Kea, without encoding them. UTF-8 byte order equals code point order, which differs from
 * {@link String#compareTo} only where surrogate pairs meet U+E000..U+FFFF.
 */
final class Utf8Order {

    private Utf8Order() {
    }

    static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) != Character.isSurrogate(y) && x >= 0xd800 && y >= 0xd800) {
                    // A surrogate (code point >= U+10000) sorts after any U+E000..U+FFFF char.
                    return Character.isSurrogate(x) ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }
}

package ruru.testing;

/** Test clean-up: closes what a test started, in order, each whatever the others do. */
public final class Closer {

    private Closer() {
    }

    /** Closes each non-null resource; a failure to close one does not keep the others open. */
    public static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable c : resources) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // best effort: a test's clean-up must not hide its result
            }
        }
    }
}

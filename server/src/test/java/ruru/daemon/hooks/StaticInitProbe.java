package ruru.daemon.hooks;

/**
 * Not a hook library: a class whose static initialiser leaves a mark (a system property), standing
 * in for issue 8's {@code Evil}. The loader must never initialise it.
 */
public final class StaticInitProbe {

    static final String MARK = "ruru.test.static-init";

    static {
        System.setProperty(MARK, "ran in " + StaticInitProbe.class.getClassLoader());
    }

    private StaticInitProbe() {
    }
}

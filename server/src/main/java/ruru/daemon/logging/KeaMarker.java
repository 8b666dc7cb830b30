package ruru.daemon.logging;

import java.util.Collections;
import java.util.Iterator;
import org.slf4j.Marker;

/**
 * Carries Kea semantics SLF4J has no level for: FATAL, and the 0–99 debug level of a DEBUG
 * message. Instances are interned, so filters recognise them by type without string work.
 */
// SLF4J 2.0.x deprecates most Marker methods for callers; an implementation must still provide them.
@SuppressWarnings("deprecation")
public final class KeaMarker implements Marker {

    private static final long serialVersionUID = 1L;

    /** FATAL messages are logged at ERROR with this marker. */
    public static final KeaMarker FATAL = new KeaMarker("FATAL", -1);

    private static final KeaMarker[] DEBUG = new KeaMarker[LoggerSpec.MAX_DEBUGLEVEL + 1];

    static {
        for (int i = 0; i < DEBUG.length; i++) {
            DEBUG[i] = new KeaMarker("DEBUG" + i, i);
        }
    }

    private final String name;
    private final int debugLevel;

    private KeaMarker(String name, int debugLevel) {
        this.name = name;
        this.debugLevel = debugLevel;
    }

    /** The marker for a debug message at {@code level}, clamped to 0–99. */
    public static KeaMarker debug(int level) {
        return DEBUG[Math.clamp(level, 0, LoggerSpec.MAX_DEBUGLEVEL)];
    }

    /** The debug level, or -1 for {@link #FATAL}. */
    public int debugLevel() {
        return debugLevel;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void add(Marker reference) {
        throw new UnsupportedOperationException("Kea markers are immutable");
    }

    @Override
    public boolean remove(Marker reference) {
        return false;
    }

    @Override
    @Deprecated
    public boolean hasChildren() {
        return false;
    }

    @Override
    public boolean hasReferences() {
        return false;
    }

    @Override
    public Iterator<Marker> iterator() {
        return Collections.emptyIterator();
    }

    @Override
    public boolean contains(Marker other) {
        return this == other;
    }

    @Override
    public boolean contains(String other) {
        return name.equals(other);
    }

    @Override
    public String toString() {
        return name;
    }
}

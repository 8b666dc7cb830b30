package ruru.classify;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The classes one packet belongs to, in the order it joined them (Kea's {@code ClientClasses}):
 * that order decides which class's options, lifetimes and boot fields win. Per packet, used by
 * one thread; a handful of names, so a list beats a hash.
 */
public final class ClassSet implements Iterable<String> {

    private final ArrayList<String> names = new ArrayList<>(8);

    /** Adds a class once; false when the packet was already a member. */
    public boolean add(String name) {
        if (contains(name)) {
            return false;
        }
        names.add(name);
        return true;
    }

    public boolean contains(String name) {
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the packet is in at least one of {@code any}. */
    public boolean containsAny(List<String> any) {
        for (int i = 0, n = any.size(); i < n; i++) {
            if (contains(any.get(i))) {
                return true;
            }
        }
        return false;
    }

    public void clear() {
        names.clear();
    }

    public int size() {
        return names.size();
    }

    public List<String> toList() {
        return List.copyOf(names);
    }

    @Override
    public Iterator<String> iterator() {
        return names.iterator();
    }

    /** Kea's {@code ClientClasses::toText}: names joined by ", ". */
    @Override
    public String toString() {
        return String.join(", ", names);
    }

    /** A copy, for hook arguments and logs. */
    public List<String> snapshot() {
        return new ArrayList<>(names);
    }

    /** This set as hook callouts see it: they may read it and add classes (Kea's addClass). */
    public ruru.hooks.QueryClasses forHooks() {
        return new ruru.hooks.QueryClasses() {
            @Override
            public boolean contains(String name) {
                return ClassSet.this.contains(name);
            }

            @Override
            public boolean add(String name) {
                return ClassSet.this.add(java.util.Objects.requireNonNull(name, "name"));
            }

            @Override
            public List<String> names() {
                return snapshot();
            }
        };
    }
}

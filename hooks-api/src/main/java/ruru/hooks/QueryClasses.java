package ruru.hooks;

import java.util.List;

/**
 * The client classes of the query being processed, in the order it joined them (Kea's
 * {@code query->getClasses()}, {@code inClass()}, {@code addClass()}). A class a callout adds counts
 * from then on, as if the query had matched its test: for guards, options and {@code member()}.
 */
public interface QueryClasses {

    boolean contains(String name);

    /** Adds the class (once); false when the query was already in it. */
    boolean add(String name);

    /** The classes so far. */
    List<String> names();

    /** For callouts run where no query is classified. */
    QueryClasses NONE = new QueryClasses() {
        @Override
        public boolean contains(String name) {
            return false;
        }

        @Override
        public boolean add(String name) {
            return false;
        }

        @Override
        public List<String> names() {
            return List.of();
        }
    };
}

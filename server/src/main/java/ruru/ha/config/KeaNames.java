package ruru.ha.config;

import java.util.function.Function;

import ruru.daemon.config.ConfigException;

/** Finds the enum constant whose Kea name is {@code text}; else the given Kea error text. */
final class KeaNames {

    private KeaNames() {
    }

    static <E extends Enum<E>> E parse(E[] values, Function<E, String> name, String text, String error)
            throws ConfigException {
        for (E e : values) {
            if (name.apply(e).equals(text)) {
                return e;
            }
        }
        throw new ConfigException(error);
    }
}

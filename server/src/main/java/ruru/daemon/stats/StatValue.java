package ruru.daemon.stats;

import java.time.Duration;
import java.util.Objects;

import ruru.json.Element;

/**
 * One sample's value. Kea keeps four kinds of observation (integer, float, duration, string) and
 * an observation never changes kind; the kind names below are the ones Kea's error texts use.
 */
public sealed interface StatValue {

    /** Kea's name for the kind: integer, float, duration or string. */
    String kindName();

    /** The value as it appears in a statistic-get sample pair. */
    Element toElement();

    record IntegerValue(long value) implements StatValue {
        @Override
        public String kindName() {
            return "integer";
        }

        @Override
        public Element toElement() {
            return Element.of(value);
        }
    }

    record RealValue(double value) implements StatValue {
        @Override
        public String kindName() {
            return "float";
        }

        @Override
        public Element toElement() {
            return Element.of(value);
        }
    }

    /** Rendered as Kea's durationToText: {@code HH:MM:SS.ffffff}. */
    record DurationValue(Duration value) implements StatValue {
        public DurationValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String kindName() {
            return "duration";
        }

        @Override
        public Element toElement() {
            return Element.of(KeaTimeText.duration(value));
        }
    }

    record StringValue(String value) implements StatValue {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String kindName() {
            return "string";
        }

        @Override
        public Element toElement() {
            return Element.of(value);
        }
    }
}

package ruru.hooks;

import ruru.json.Element;
import ruru.json.MapElement;

/**
 * {@code command_processed}: a control command was answered. A callout may change the answer
 * (Kea's HA adds its state to status-get this way). The status is ignored.
 */
@FunctionalInterface
public interface CommandProcessedCallout {

    NextStep commandProcessed(Args args);

    final class Args {
        private final String name;
        private final Element arguments;
        private MapElement response;

        public Args(String name, Element arguments, MapElement response) {
            this.name = name;
            this.arguments = arguments;
            this.response = response;
        }

        public String name() {
            return name;
        }

        /** The command's arguments, or null. */
        public Element arguments() {
            return arguments;
        }

        /** The answer as sent: {@code result}, {@code text}, {@code arguments}. */
        public MapElement response() {
            return response;
        }

        public void setResponse(MapElement response) {
            this.response = java.util.Objects.requireNonNull(response);
        }
    }
}

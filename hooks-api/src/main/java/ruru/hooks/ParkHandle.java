package ruru.hooks;

/**
 * A parked exchange (Kea's parking lot). The library ends it exactly once, from any thread:
 * {@link #resume} lets the server go on (send the response), {@link #drop} discards it. Calls
 * after the first are ignored.
 */
public interface ParkHandle {

    void resume();

    void drop();
}

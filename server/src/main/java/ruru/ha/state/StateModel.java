package ruru.ha.state;

import java.util.EnumMap;
import java.util.Map;

import ruru.ha.config.Pausing;

/**
 * The bookkeeping of Kea's StateModel that the HA handlers depend on: current and previous state,
 * the next and last events, the one-shot on-entry and on-exit flags, and pausing. A transition
 * keeps the pending event, so the run loop goes on with the new state's handler; a handler posts
 * {@link HaEvent#NOP} to end the run. Not thread-safe: one thread runs the model.
 */
public final class StateModel {

    private final Map<HaState, Pausing> pausing;
    private HaState current;
    private HaState previous;
    private HaEvent nextEvent = HaEvent.NOP;
    private HaEvent lastEvent = HaEvent.NOP;
    private boolean onEntry;
    private boolean onExit;
    private boolean paused;

    public StateModel(Map<HaState, Pausing> pausing) {
        this.pausing = new EnumMap<>(HaState.class);
        this.pausing.putAll(pausing);
    }

    public HaState current() {
        return current;
    }

    /** The state before the last transition (ha-maintenance-cancel goes back to it). */
    public HaState previous() {
        return previous;
    }

    public HaEvent nextEvent() {
        return nextEvent;
    }

    /** The event that was next before the latest {@link #postNextEvent}. */
    public HaEvent lastEvent() {
        return lastEvent;
    }

    public void postNextEvent(HaEvent event) {
        lastEvent = nextEvent;
        nextEvent = event;
    }

    /** Enters {@code state} (entry and exit flags set when it differs) and keeps {@code event} pending. */
    public void transition(HaState state, HaEvent event) {
        setState(state);
        postNextEvent(event);
    }

    private void setState(HaState state) {
        previous = current;
        current = state;
        onEntry = previous != current;
        onExit = onEntry;
        if (onEntry && !paused && shouldPause(state)) {
            paused = true;
        }
    }

    private boolean shouldPause(HaState state) {
        Pausing p = pausing.getOrDefault(state, Pausing.NEVER);
        if (p == Pausing.ONCE) {
            pausing.put(state, Pausing.NEVER);
            return true;
        }
        return p == Pausing.ALWAYS;
    }

    /** True once after each transition into a new state. */
    public boolean doOnEntry() {
        boolean r = onEntry;
        onEntry = false;
        return r;
    }

    /** True once after each transition out of the state. */
    public boolean doOnExit() {
        boolean r = onExit;
        onExit = false;
        return r;
    }

    public boolean isPaused() {
        return paused;
    }

    /** ha-continue: true when the model was paused. */
    public boolean unpause() {
        boolean was = paused;
        paused = false;
        return was;
    }
}

package ruru.daemon.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ruru.json.Element;
import ruru.json.Json;
import ruru.json.MapElement;

class NetworkStateTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final NetworkState state = new NetworkState(scheduler);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static MapElement dhcpState(boolean global, boolean user, Element db, Element local, Element remote) {
        return MapElement.builder()
                .put("disabled-by-db-connection", db)
                .put("disabled-by-local-command", local)
                .put("disabled-by-remote-command", remote)
                .put("disabled-by-user", user)
                .put("globally-disabled", global)
                .build();
    }

    @Test
    void enabledInitiallyWithKeaStatusShape() {
        assertThat(state.isServiceEnabled()).isTrue();
        assertThat(state.toElement()).isEqualTo(
                dhcpState(false, false, Element.list(), Element.list(), Element.list()));
        assertThat(Json.toCompact(state.toElement())).isEqualTo("{ \"disabled-by-db-connection\": [  ], "
                + "\"disabled-by-local-command\": [  ], \"disabled-by-remote-command\": [  ], "
                + "\"disabled-by-user\": false, \"globally-disabled\": false }");
    }

    @Test
    void originKinds() {
        assertThat(Origin.USER.kind()).isEqualTo(Origin.Kind.USER);
        assertThat(new Origin(1000).kind()).isEqualTo(Origin.Kind.HA_LOCAL);
        assertThat(new Origin(1999).kind()).isEqualTo(Origin.Kind.HA_LOCAL);
        assertThat(Origin.HA_PARTNER).isEqualTo(new Origin(2000));
        assertThat(new Origin(2999).kind()).isEqualTo(Origin.Kind.HA_REMOTE);
        assertThat(new Origin(3000).kind()).isEqualTo(Origin.Kind.DB_CONNECTION);
        assertThat(new Origin(0).kind()).isEqualTo(Origin.Kind.OTHER);
        assertThat(new Origin(999).kind()).isEqualTo(Origin.Kind.OTHER);
        assertThat(Origin.fromJson(-1)).isEqualTo(new Origin(4_294_967_295L));
        assertThatThrownBy(() -> new Origin(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void disabledUntilEveryOriginHasEnabled() {
        state.disable(Origin.USER);
        state.disable(new Origin(2001));
        state.disable(new Origin(1001));
        state.disable(new Origin(1000));
        state.disable(new Origin(3001));
        assertThat(state.isServiceEnabled()).isFalse();
        assertThat(state.toElement()).isEqualTo(dhcpState(true, true, Element.list(Element.of(3001L)),
                Element.list(Element.of(1000L), Element.of(1001L)), Element.list(Element.of(2001L))));

        state.enable(Origin.USER);
        state.enable(new Origin(2001));
        state.enable(new Origin(1000));
        state.enable(new Origin(1001));
        assertThat(state.isServiceEnabled()).isFalse();
        state.enable(new Origin(3001));
        assertThat(state.isServiceEnabled()).isTrue();
    }

    @Test
    void enablingAnOriginThatNeverDisabledChangesNothing() {
        state.disable(Origin.USER);
        state.enable(Origin.HA_PARTNER);
        assertThat(state.isServiceEnabled()).isFalse();
    }

    @Test
    void otherOriginsDisableButAreListedNowhere() {
        state.disable(new Origin(5));
        assertThat(state.toElement()).isEqualTo(
                dhcpState(true, false, Element.list(), Element.list(), Element.list()));
    }

    @Test
    void resetsClearOneGroup() {
        state.disable(new Origin(1000));
        state.disable(new Origin(2000));
        state.disable(new Origin(3000));
        state.resetForLocalCommands();
        state.resetForRemoteCommands();
        assertThat(state.isServiceEnabled()).isFalse();
        state.resetForDbConnection();
        assertThat(state.isServiceEnabled()).isTrue();
    }

    @Test
    void maxPeriodReenablesOnlyItsOrigin() {
        state.delayedEnable(Origin.USER, Duration.ofMillis(800));
        state.disable(Origin.USER);
        state.disable(Origin.HA_PARTNER);
        assertThat(state.isDelayedEnable()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !state.isDelayedEnable());
        assertThat(state.toElement()).isEqualTo(
                dhcpState(true, false, Element.list(), Element.list(), Element.list(Element.of(2000L))));
        state.enable(Origin.HA_PARTNER);
        assertThat(state.isServiceEnabled()).isTrue();
    }

    @Test
    void explicitEnableCancelsTheTimer() {
        state.delayedEnable(Origin.USER, Duration.ofSeconds(20));
        state.disable(Origin.USER);
        assertThat(state.remainingDelay(Origin.USER)).hasValueSatisfying(
                d -> assertThat(d).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20)));
        state.enable(Origin.USER);
        assertThat(state.isDelayedEnable()).isFalse();
        assertThat(state.remainingDelay(Origin.USER)).isEmpty();
        assertThat(state.isServiceEnabled()).isTrue();
    }

    @Test
    void aNewTimerReplacesTheOldOne() throws Exception {
        state.delayedEnable(Origin.USER, Duration.ofMillis(30));
        state.delayedEnable(Origin.USER, Duration.ofSeconds(30));
        state.disable(Origin.USER);
        Thread.sleep(150);
        assertThat(state.isServiceEnabled()).isFalse();
        assertThat(state.remainingDelay(Origin.USER)).isPresent();
    }

    @Test
    void dbConnectionOriginsHaveNoTimer() {
        assertThatThrownBy(() -> state.delayedEnable(new Origin(3000), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DB connection does not support delayed enable");
        assertThat(state.isDelayedEnable()).isFalse();
    }
}

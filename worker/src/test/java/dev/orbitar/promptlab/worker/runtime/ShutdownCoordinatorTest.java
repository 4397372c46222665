package dev.orbitar.promptlab.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ShutdownCoordinatorTest {

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void graceDefaultsToEight() {
        assertThat(ShutdownCoordinator.fromEnv(Map.of()).grace()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void graceFromSetting() {
        ShutdownCoordinator coordinator = ShutdownCoordinator.fromEnv(Map.of("LAB_SHUTDOWN_GRACE_SECONDS", "3"));

        assertThat(coordinator.grace()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void negativeGraceRejected() {
        assertThatThrownBy(() -> ShutdownCoordinator.fromEnv(Map.of("LAB_SHUTDOWN_GRACE_SECONDS", "-1")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("LAB_SHUTDOWN_GRACE_SECONDS '-1'");
    }

    @Test
    void stopAllRequestsStop() {
        ShutdownCoordinator coordinator = new ShutdownCoordinator(Duration.ofSeconds(5));
        AtomicReference<ShutdownCoordinator.BatchGuard> guard = new AtomicReference<>();
        guard.set(coordinator.guard(reason -> {
            events.add("stop: " + reason);
            guard.get().close();
        }));

        ShutdownOutcome outcome = coordinator.stopAll(ShutdownCoordinator.SIGTERM);

        assertThat(events).containsExactly("stop: SIGTERM");
        assertThat(outcome.cutShort()).isFalse();
        assertThat(coordinator.stopReason()).hasValue("SIGTERM");
    }

    @Test
    void batchFinishingInTimeSkipsActions() {
        ShutdownCoordinator coordinator = new ShutdownCoordinator(Duration.ofSeconds(10));
        coordinator.onCutShort(() -> events.add("cut short"));
        AtomicReference<ShutdownCoordinator.BatchGuard> guard = new AtomicReference<>();
        // The batch finishes on its own thread shortly after the stop request, as a real runner does.
        guard.set(coordinator.guard(reason -> new Thread(() -> guard.get().close()).start()));

        ShutdownOutcome outcome = coordinator.stopAll(ShutdownCoordinator.SIGTERM);

        assertThat(outcome.unfinished()).isZero();
        assertThat(outcome.waited()).isTrue();
        assertThat(events).isEmpty();
    }

    @Test
    void stuckBatchRunsActions() {
        ShutdownCoordinator coordinator = new ShutdownCoordinator(Duration.ofMillis(100));
        coordinator.onCutShort(() -> events.add("mark unfinished runs"));
        coordinator.onCutShort(() -> events.add("release leases"));
        coordinator.guard(reason -> events.add("stop: " + reason));

        ShutdownOutcome outcome = coordinator.stopAll(ShutdownCoordinator.SIGTERM);

        assertThat(outcome.cutShort()).isTrue();
        assertThat(outcome.unfinished()).isEqualTo(1);
        assertThat(events).containsExactly("stop: SIGTERM", "mark unfinished runs", "release leases");
    }

    @Test
    void failingActionDoesNotStopOthers() {
        ShutdownCoordinator coordinator = new ShutdownCoordinator(Duration.ZERO);
        coordinator.onCutShort(() -> {
            throw new IllegalStateException("database gone");
        });
        coordinator.onCutShort(() -> events.add("release leases"));
        coordinator.guard(reason -> { });

        coordinator.stopAll(ShutdownCoordinator.SIGTERM);

        assertThat(events).containsExactly("release leases");
    }

    @Test
    void waitNeverExceedsGrace() {
        Duration grace = Duration.ofMillis(300);
        ShutdownCoordinator coordinator = new ShutdownCoordinator(grace);
        List<Duration> timeouts = new CopyOnWriteArrayList<>();
        coordinator.register(recordingParticipant(timeouts));
        coordinator.register(recordingParticipant(timeouts));

        coordinator.stopAll(ShutdownCoordinator.SIGTERM);

        assertThat(timeouts).hasSize(2);
        assertThat(timeouts).allSatisfy(timeout -> assertThat(timeout).isLessThanOrEqualTo(grace));
    }

    @Test
    void closedGuardNotAwaited() {
        ShutdownCoordinator coordinator = new ShutdownCoordinator(Duration.ofSeconds(10));
        coordinator.onCutShort(() -> events.add("cut short"));
        try (ShutdownCoordinator.BatchGuard guard = coordinator.guard(reason -> events.add("stop"))) {
            events.add("batch ran");
        }

        ShutdownOutcome outcome = coordinator.stopAll(ShutdownCoordinator.SIGTERM);

        assertThat(outcome.cutShort()).isFalse();
        assertThat(events).containsExactly("batch ran");
    }

    @Test
    void lateGuardStopsAtOnce() {
        ShutdownCoordinator coordinator = new ShutdownCoordinator(Duration.ZERO);
        coordinator.stopAll(ShutdownCoordinator.SIGTERM);

        coordinator.guard(reason -> events.add("stop: " + reason)).close();

        assertThat(events).containsExactly("stop: SIGTERM");
        assertThat(coordinator.stopRequested()).isTrue();
    }

    @Test
    void applicationExitSkipsWait() {
        ShutdownCoordinator coordinator = new ShutdownCoordinator(Duration.ofSeconds(10));
        coordinator.guard(reason -> events.add("stop"));
        coordinator.markExiting();

        ShutdownOutcome outcome = coordinator.stopAll(ShutdownCoordinator.SIGTERM);

        assertThat(outcome.waited()).isFalse();
        assertThat(events).isEmpty();
    }

    private StopParticipant recordingParticipant(List<Duration> timeouts) {
        return new StopParticipant() {
            @Override
            public void requestStop(String reason) {
            }

            @Override
            public boolean awaitStopped(Duration timeout) {
                timeouts.add(timeout);
                return false;
            }
        };
    }
}

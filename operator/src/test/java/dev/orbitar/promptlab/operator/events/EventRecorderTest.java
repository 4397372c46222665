package dev.orbitar.promptlab.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.support.MockCluster;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventRecorderTest {

  private static MockCluster cluster;

  @BeforeAll
  static void start() {
    cluster = new MockCluster();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-06-01T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneId.of("Etc/UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static PromptLabSchedule schedule(String namespace) {
    PromptLabSchedule schedule = MockCluster.example("hourly.yaml");
    schedule.getMetadata().setNamespace(namespace);
    return cluster.client().resource(schedule).create();
  }

  private static List<Event> events(String namespace) {
    return cluster.client().v1().events().inNamespace(namespace).list().getItems();
  }

  @Test
  void repeatWithinWindowNotWritten() {
    PromptLabSchedule schedule = schedule("dedupe");
    EventRecorder recorder = new EventRecorder(cluster.client(), new ManualClock(), Duration.ofMinutes(10));

    recorder.record(schedule, EventReason.InvalidSchedule, "spec.schedule \"61 * * * *\" is not valid");
    recorder.record(schedule, EventReason.InvalidSchedule, "spec.schedule \"61 * * * *\" is not valid");
    recorder.record(schedule, EventReason.InvalidSchedule, "spec.schedule \"61 * * * *\" is not valid");
    List<Event> events = events("dedupe");

    assertThat(events).hasSize(1);
    assertThat(events.get(0).getType()).isEqualTo("Warning");
    assertThat(events.get(0).getCount()).isEqualTo(1);
    assertThat(events.get(0).getInvolvedObject().getUid()).isEqualTo(schedule.getMetadata().getUid());
  }

  @Test
  void repeatAfterWindowRaisesCount() {
    PromptLabSchedule schedule = schedule("window");
    ManualClock clock = new ManualClock();
    EventRecorder recorder = new EventRecorder(cluster.client(), clock, Duration.ofMinutes(10));

    recorder.record(schedule, EventReason.ReconcileFailed, "HTTP 403 Forbidden");
    recorder.record(schedule, EventReason.ReconcileFailed, "HTTP 403 Forbidden");
    clock.now = clock.now.plus(Duration.ofMinutes(11));
    recorder.record(schedule, EventReason.ReconcileFailed, "HTTP 403 Forbidden");
    List<Event> events = events("window");

    assertThat(events).hasSize(1);
    assertThat(events.get(0).getCount()).isEqualTo(3);
    assertThat(events.get(0).getLastTimestamp()).isEqualTo("2026-06-01T10:11:00Z");
  }

  @Test
  void differentMessagesBothWritten() {
    PromptLabSchedule schedule = schedule("distinct");
    EventRecorder recorder = new EventRecorder(cluster.client(), new ManualClock(), Duration.ofMinutes(10));

    recorder.record(schedule, EventReason.CronJobCreated, "created CronJob hourly-prompt-lab (generation 1)");
    recorder.record(schedule, EventReason.CronJobUpdated, "updated CronJob hourly-prompt-lab (generation 2)");

    assertThat(events("distinct")).hasSize(2);
  }
}

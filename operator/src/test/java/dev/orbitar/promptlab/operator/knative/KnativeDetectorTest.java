package dev.orbitar.promptlab.operator.knative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.operator.support.MockCluster;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class KnativeDetectorTest {

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-06-01T10:00:00Z"));

    void advance(Duration duration) {
      now.updateAndGet(instant -> instant.plus(duration));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void missingIsAskedOncePerInterval() throws Exception {
    try (MockCluster cluster = new MockCluster()) {
      ManualClock clock = new ManualClock();
      KnativeDetector detector = new KnativeDetector(Duration.ofSeconds(60), clock);
      cluster.drainRequests();

      KnativeDetector.Availability first = detector.check(cluster.client());
      detector.check(cluster.client());
      List<RecordedRequest> cached = cluster.drainRequests();
      cluster.installKnativeCrds();
      clock.advance(Duration.ofSeconds(61));
      KnativeDetector.Availability later = detector.check(cluster.client());

      assertThat(first.missing()).hasSize(2);
      assertThat(cached).hasSize(2);
      assertThat(later.installed()).isTrue();
    }
  }

  @Test
  void foundIsKept() throws Exception {
    try (MockCluster cluster = new MockCluster()) {
      cluster.installKnativeCrds();
      KnativeDetector detector = new KnativeDetector(Duration.ofSeconds(60), new ManualClock());
      detector.check(cluster.client());
      cluster.drainRequests();

      KnativeDetector.Availability again = detector.check(cluster.client());

      assertThat(again.installed()).isTrue();
      assertThat(cluster.drainRequests()).isEmpty();
    }
  }

  @Test
  void messageNamesWhatIsMissing() {
    KnativeDetector.Availability eventingOnly =
        new KnativeDetector.Availability(List.of("Knative Eventing (sources.knative.dev/v1 PingSource)"));

    assertThat(eventingOnly.message(Duration.ofSeconds(60))).isEqualTo("spec.target Knative needs Knative Eventing "
        + "(sources.knative.dev/v1 PingSource), which this cluster does not serve: install Knative Serving and "
        + "Knative Eventing, or set spec.target to CronJob. The operator checks again every 60 s");
  }
}

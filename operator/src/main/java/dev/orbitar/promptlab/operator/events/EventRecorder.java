package dev.orbitar.promptlab.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 events on schedules, de-duplicated. The same reason and message for the same object within
 * the de-duplication window is counted in memory and not written. The next write after the window raises the
 * event's count, which kubectl describe shows.
 */
public class EventRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  static final String COMPONENT = "prompt-lab-operator";
  private static final int MAX_TRACKED = 10_000;
  private static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;
  private final Clock clock;
  private final Duration window;
  private final Map<String, Seen> seen = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
      return size() > MAX_TRACKED;
    }
  };

  public EventRecorder(KubernetesClient client, Clock clock, Duration window) {
    this.client = client;
    this.clock = clock;
    this.window = window;
  }

  /**
   * Records {@code reason} with {@code message} on {@code resource}. API errors are logged and not raised,
   * because an event is not worth failing a reconcile for.
   */
  public void record(HasMetadata resource, EventReason reason, String message) {
    String trimmed = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    String key = resource.getMetadata().getUid() + "|" + reason + "|" + trimmed;
    Instant now = clock.instant();

    int count;
    synchronized (seen) {
      Seen previous = seen.get(key);
      if (previous != null && now.isBefore(previous.writtenAt.plus(window))) {
        previous.unwritten++;
        return;
      }
      count = previous == null ? 1 : previous.count + previous.unwritten + 1;
      seen.put(key, new Seen(now, count));
    }

    write(resource, reason, trimmed, key, count, now);
  }

  private void write(HasMetadata resource, EventReason reason, String message, String key, int count, Instant now) {
    String namespace = resource.getMetadata().getNamespace();
    String name = resource.getMetadata().getName() + "."
        + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString().substring(0, 13).replace("-", "");
    String timestamp = now.truncatedTo(ChronoUnit.SECONDS).toString();

    try {
      if (count > 1) {
        Event existing = client.v1().events().inNamespace(namespace).withName(name).get();
        if (existing != null) {
          existing.setCount(count);
          existing.setLastTimestamp(timestamp);
          client.v1().events().inNamespace(namespace).resource(existing).update();
          return;
        }
      }

      Event event = new EventBuilder()
          .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder()
              .withApiVersion(resource.getApiVersion())
              .withKind(resource.getKind())
              .withName(resource.getMetadata().getName())
              .withNamespace(namespace)
              .withUid(resource.getMetadata().getUid())
              .withResourceVersion(resource.getMetadata().getResourceVersion())
              .build())
          .withType(reason.type().name())
          .withReason(reason.name())
          .withMessage(message)
          .withCount(count)
          .withFirstTimestamp(timestamp)
          .withLastTimestamp(timestamp)
          .withNewSource().withComponent(COMPONENT).endSource()
          .withReportingComponent(COMPONENT)
          .build();
      client.v1().events().inNamespace(namespace).resource(event).createOr(existing -> existing.update());
    } catch (KubernetesClientException e) {
      LOG.warn("Failed to record event {} on {}/{}: {}", reason, namespace, resource.getMetadata().getName(),
          e.getMessage());
    }
  }

  private static final class Seen {
    private final Instant writtenAt;
    private final int count;
    private int unwritten;

    private Seen(Instant writtenAt, int count) {
      this.writtenAt = writtenAt;
      this.count = count;
    }
  }
}

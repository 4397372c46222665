package dev.orbitar.promptlab.operator.dependents;

import dev.orbitar.promptlab.operator.events.EventReason;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The writes one reconcile made to the resources a schedule owns, collected for the reconciler's events and logs.
 * The workflow may run dependents on several threads, so the log is a concurrent queue.
 */
public final class DependentWrites {

  private static final String KEY = DependentWrites.class.getName();

  /** What a dependent did to its resource. */
  public enum Action {
    Created,
    Updated,
    Deleted
  }

  /** One write: the resource's kind ({@code CronJob}, {@code Service}, {@code PingSource}), name and action. */
  public record Write(String kind, String name, Action action) {

    /** Returns the event reason of this write, such as {@code ServiceCreated}. */
    public EventReason reason() {
      return EventReason.valueOf(kind + action.name());
    }
  }

  private DependentWrites() {
  }

  /** Starts an empty log in {@code context}; call before invoking the workflow. */
  public static void start(Context<?> context) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, new ConcurrentLinkedQueue<Write>());
  }

  /** Returns the writes logged since {@link #start}, in the order they happened. */
  public static List<Write> of(Context<?> context) {
    return context.managedWorkflowAndDependentResourceContext().get(KEY, Queue.class)
        .map(queue -> List.<Write>copyOf((Queue<Write>) queue))
        .orElse(List.of());
  }

  @SuppressWarnings("unchecked")
  static void record(Context<?> context, Write write) {
    context.managedWorkflowAndDependentResourceContext().get(KEY, Queue.class)
        .ifPresent(queue -> ((Queue<Write>) queue).add(write));
  }
}

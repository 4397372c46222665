package dev.orbitar.promptlab.operator.dependents;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/**
 * A resource a schedule owns, written with create and update (PUT with the observed resourceVersion) and compared
 * with {@link OwnedFieldsMatcher}; the operator guide explains why not server-side apply. Every create, update and
 * delete is logged in {@link DependentWrites} for the reconciler's events.
 */
public abstract class OwnedDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, PromptLabSchedule> {

  private final String kind;

  protected OwnedDependent(Class<R> resourceType, String kind) {
    super(resourceType);
    this.kind = kind;
  }

  @Override
  public R create(R desired, PromptLabSchedule primary, Context<PromptLabSchedule> context) {
    R created = super.create(desired, primary, context);
    DependentWrites.record(context,
        new DependentWrites.Write(kind, desired.getMetadata().getName(), DependentWrites.Action.Created));
    return created;
  }

  @Override
  public R update(R actual, R desired, PromptLabSchedule primary, Context<PromptLabSchedule> context) {
    R updated = super.update(actual, desired, primary, context);
    DependentWrites.record(context,
        new DependentWrites.Write(kind, desired.getMetadata().getName(), DependentWrites.Action.Updated));
    return updated;
  }

  @Override
  protected void handleDelete(PromptLabSchedule primary, R secondary, Context<PromptLabSchedule> context) {
    // JOSDK calls this when the schedule's target or suspend flag no longer wants the resource. An absent one needs
    // nothing.
    if (secondary == null) {
      return;
    }
    super.handleDelete(primary, secondary, context);
    DependentWrites.record(context,
        new DependentWrites.Write(kind, secondary.getMetadata().getName(), DependentWrites.Action.Deleted));
  }

  @Override
  public Result<R> match(R actual, R desired, PromptLabSchedule primary, Context<PromptLabSchedule> context) {
    return Result.computed(OwnedFieldsMatcher.matches(actual, desired), desired);
  }
}

package dev.orbitar.promptlab.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A schedule on which the Lab worker runs one batch; the operator turns it into a CronJob.
 */
@Group(PromptLabSchedule.GROUP)
@Version(PromptLabSchedule.VERSION)
@Kind("PromptLabSchedule")
@Plural("promptlabschedules")
@ShortNames("pls")
// NOTE: the CRD generator sorts printer columns by JSON path, so kubectl shows Age first, not in this order.
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule")
@AdditionalPrinterColumn(name = "Time Zone", jsonPath = ".spec.timeZone")
@AdditionalPrinterColumn(name = "Suspend", jsonPath = ".spec.suspend", type = Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Target", jsonPath = ".spec.target")
@AdditionalPrinterColumn(name = "Last Schedule", jsonPath = ".status.lastScheduleTime", type = Type.DATE)
@AdditionalPrinterColumn(name = "Next Schedule", jsonPath = ".status.nextScheduleTime")
@AdditionalPrinterColumn(name = "Runs", jsonPath = ".status.lastRun.runsCreated", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class PromptLabSchedule extends CustomResource<PromptLabScheduleSpec, PromptLabScheduleStatus>
    implements Namespaced {

  public static final String GROUP = "promptlab.orbitar.dev";
  public static final String VERSION = "v1alpha1";

  @Override
  protected PromptLabScheduleSpec initSpec() {
    return new PromptLabScheduleSpec();
  }
}

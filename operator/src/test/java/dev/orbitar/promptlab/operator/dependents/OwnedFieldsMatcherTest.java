package dev.orbitar.promptlab.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.support.MockCluster;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OwnedFieldsMatcherTest {

  private PromptLabSchedule schedule;
  private CronJob desired;

  @BeforeEach
  void build() {
    schedule = MockCluster.example("nightly-berlin.yaml");
    schedule.getMetadata().setNamespace("prompt-lab");
    schedule.getMetadata().setUid("uid-1");
    desired = CronJobDependent.desiredCronJob(schedule);
  }

  private CronJob observed() {
    return new CronJobBuilder(desired).build();
  }

  @Test
  void identicalMatches() {
    assertThat(OwnedFieldsMatcher.matches(observed(), desired)).isTrue();
  }

  @Test
  void serverDefaultsIgnored() {
    CronJob actual = observed();
    var pod = actual.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    pod.setDnsPolicy("ClusterFirst");
    pod.setSchedulerName("default-scheduler");
    pod.setTerminationGracePeriodSeconds(30L);
    pod.getContainers().get(0).setImagePullPolicy("IfNotPresent");
    actual.getMetadata().getLabels().put("team", "lab");
    actual.getMetadata().getAnnotations().put("example.com/note", "kept");
    actual.getMetadata().setResourceVersion("42");

    assertThat(OwnedFieldsMatcher.matches(actual, desired)).isTrue();
  }

  @Test
  void quantitiesCompareByValue() {
    CronJob actual = observed();
    var resources = actual.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0)
        .getResources();
    resources.getRequests().put("cpu", new Quantity("0.5"));
    resources.getLimits().put("memory", new Quantity("1024Mi"));

    assertThat(OwnedFieldsMatcher.matches(actual, desired)).isTrue();
  }

  @Test
  void handEditDiffers() {
    CronJob actual = observed();
    actual.getSpec().setSchedule("*/5 * * * *");

    assertThat(OwnedFieldsMatcher.matches(actual, desired)).isFalse();
  }

  @Test
  void removedFieldDiffers() {
    CronJob actual = observed();
    schedule.getSpec().getWorker().setResources(null);
    CronJob withoutResources = CronJobDependent.desiredCronJob(schedule);

    assertThat(OwnedFieldsMatcher.matches(actual, withoutResources)).isFalse();
  }

  @Test
  void extraEnvDiffers() {
    CronJob actual = observed();
    actual.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
        .add(new io.fabric8.kubernetes.api.model.EnvVar("INJECTED", "1", null));

    assertThat(OwnedFieldsMatcher.matches(actual, desired)).isFalse();
  }

  @Test
  void missingLabelDiffers() {
    CronJob actual = observed();
    actual.getMetadata().getLabels().remove(ScheduleLabels.MANAGED_BY);

    assertThat(OwnedFieldsMatcher.matches(actual, desired)).isFalse();
  }

  @Test
  void missingOwnerDiffers() {
    CronJob actual = observed();
    actual.getMetadata().getOwnerReferences().clear();

    assertThat(OwnedFieldsMatcher.matches(actual, desired)).isFalse();
  }
}

package dev.orbitar.promptlab.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.operator.support.MockCluster;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the CRD generated from the Java types: that crds/ contains the same file, and the schema's main rules, so a
 * schema change is a reviewed change.
 */
class CrdFileTest {

  private static final Path COMMITTED = Path.of("..", "crds", MockCluster.GENERATED_CRD.getFileName().toString());

  private static CustomResourceDefinitionVersion version;
  private static JSONSchemaProps spec;
  private static JSONSchemaProps status;

  @BeforeAll
  static void load() throws IOException {
    CustomResourceDefinition crd =
        Serialization.unmarshal(Files.readString(MockCluster.GENERATED_CRD), CustomResourceDefinition.class);
    version = crd.getSpec().getVersions().get(0);
    spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    status = version.getSchema().getOpenAPIV3Schema().getProperties().get("status");
  }

  @Test
  void crdsFolderIsCurrent() throws IOException {
    String generated = Files.readString(MockCluster.GENERATED_CRD);
    String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";

    assertThat(committed)
        .as("crds/%s differs from the CRD the Java types generate: run "
            + "./mvnw -B -pl operator package -DskipTests, review the change and commit crds/", COMMITTED.getFileName())
        .isEqualTo(generated);
  }

  @Test
  void namesAndScope() throws IOException {
    CustomResourceDefinition crd =
        Serialization.unmarshal(Files.readString(MockCluster.GENERATED_CRD), CustomResourceDefinition.class);

    assertThat(crd.getMetadata().getName()).isEqualTo("promptlabschedules.promptlab.orbitar.dev");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("pls");
    assertThat(version.getName()).isEqualTo("v1alpha1");
    assertThat(version.getSubresources().getStatus()).isNotNull();
  }

  @Test
  void printerColumns() {
    assertThat(version.getAdditionalPrinterColumns()).extracting(CustomResourceColumnDefinition::getName)
        .containsExactlyInAnyOrder("Schedule", "Time Zone", "Suspend", "Target", "Last Schedule", "Next Schedule",
            "Runs", "Ready", "Age");
  }

  @Test
  void scheduleRejectsZonePrefix() {
    JSONSchemaProps schedule = spec.getProperties().get("schedule");

    assertThat(spec.getRequired()).contains("schedule", "worker");
    assertThat(schedule.getXKubernetesValidations()).hasSize(1);
    assertThat(schedule.getXKubernetesValidations().get(0).getRule()).isEqualTo("!self.contains('TZ=')");
    assertThat(schedule.getMaxLength()).isEqualTo(100L);
  }

  @Test
  void defaultsAndBounds() {
    assertThat(spec.getProperties().get("timeZone").getDefault().asText()).isEqualTo("Etc/UTC");
    assertThat(spec.getProperties().get("concurrencyPolicy").getDefault().asText()).isEqualTo("Forbid");
    assertThat(spec.getProperties().get("target").getDefault().asText()).isEqualTo("CronJob");
    assertThat(spec.getProperties().get("startingDeadlineSeconds").getDefault().asLong()).isEqualTo(300L);
    assertThat(spec.getProperties().get("batchLimit").getMinimum()).isEqualTo(1.0);
    assertThat(spec.getProperties().get("batchLimit").getMaximum()).isEqualTo(1000.0);
  }

  @Test
  void enums() {
    assertThat(spec.getProperties().get("concurrencyPolicy").getEnum()).extracting(Object::toString)
        .containsExactly("\"Allow\"", "\"Forbid\"", "\"Replace\"");
    assertThat(spec.getProperties().get("target").getEnum()).extracting(Object::toString)
        .containsExactly("\"CronJob\"", "\"Knative\"");
  }

  @Test
  void secretsAreReferences() {
    JSONSchemaProps worker = spec.getProperties().get("worker");
    JSONSchemaProps database = worker.getProperties().get("databaseUrlSecretRef");

    assertThat(worker.getRequired()).contains("image", "databaseUrlSecretRef");
    assertThat(database.getProperties()).containsOnlyKeys("name", "key");
    assertThat(database.getRequired()).contains("name", "key");
  }

  @Test
  void timestampsAreDateTimes() {
    assertThat(status.getProperties().get("lastScheduleTime").getFormat()).isEqualTo("date-time");
    assertThat(status.getProperties().get("nextScheduleTime").getFormat()).isEqualTo("date-time");
    assertThat(status.getProperties().get("lastRun").getProperties().get("finishedAt").getFormat())
        .isEqualTo("date-time");
  }

  @Test
  void schemaIsStructural() {
    assertThat(version.getSchema().getOpenAPIV3Schema().getXKubernetesPreserveUnknownFields()).isNull();
    assertThat(spec.getType()).isEqualTo("object");
    assertThat(status.getType()).isEqualTo("object");
  }
}

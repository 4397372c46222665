package dev.orbitar.promptlab.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.operator.dependents.CronJobDependent;
import dev.orbitar.promptlab.operator.support.MockCluster;
import dev.orbitar.promptlab.operator.validation.SpecValidator;
import dev.orbitar.promptlab.operator.validation.ValidationResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden-file tests of {@code render}. Run with {@code -Dgolden.update=true} to rewrite the golden files after an
 * intended change, then review their diff.
 */
class RenderCommandTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "render");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** The output and exit code of one run. */
  private record Run(int exitCode, String out, String err) {
  }

  private static Run render(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode = new RenderCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK).run(args);
    return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "hourly, cloud-run, sh",
      "nightly-berlin, cloud-run, sh",
      "suspended, cloud-run, sh",
      "hourly, kubernetes, yaml",
      "nightly-berlin, kubernetes, yaml"})
  void outputMatchesGolden(String example, String target, String extension) throws IOException {
    Run run = render("--target", target, "-f", "../examples/" + example + ".yaml");
    Path golden = GOLDEN.resolve(example + "." + target + "." + extension);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, run.out());
    }

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(Files.readString(golden));
  }

  @Test
  void cloudRunJobParsesBack() {
    String script = render("--target", "cloud-run", "-f", "../examples/nightly-berlin.yaml").out();

    GenericKubernetesResource job = SERIALIZATION.unmarshal(manifest(script), GenericKubernetesResource.class);
    Map<String, Object> execution = job.get("spec", "template", "spec");
    Map<String, Object> task = job.get("spec", "template", "spec", "template", "spec");
    List<Map<String, Object>> containers = job.get("spec", "template", "spec", "template", "spec", "containers");
    List<Map<String, Object>> env = (List<Map<String, Object>>) containers.get(0).get("env");

    assertThat(job.getKind()).isEqualTo("Job");
    assertThat(job.getApiVersion()).isEqualTo("run.googleapis.com/v1");
    assertThat(execution).containsEntry("taskCount", 2).containsEntry("parallelism", 2);
    assertThat(task).containsEntry("maxRetries", 2).containsEntry("timeoutSeconds", "7200");
    assertThat(containers.get(0)).containsEntry("image", "ghcr.io/example/prompt-lab-worker:1.0.0");
    assertThat(env.get(0)).isEqualTo(Map.of("name", "DATABASE_URL",
        "valueFrom", Map.of("secretKeyRef", Map.of("name", "prompt-lab-db-url", "key", "latest"))));
  }

  @Test
  void cloudRunSchedulerUsesZoneAndToken() {
    String script = render("--target", "cloud-run", "-f", "../examples/nightly-berlin.yaml").out();

    assertThat(script).contains("gcloud scheduler jobs create http nightly-berlin-prompt-lab \\\n");
    assertThat(script).contains("  --time-zone=\"Europe/Berlin\" \\\n");
    assertThat(script).contains("  --oauth-service-account-email=\"$SCHEDULER_SA\" \\\n");
    assertThat(script).contains("/jobs/nightly-berlin-prompt-lab:run\" \\\n");
  }

  @Test
  void macroBecomesFiveFields(@TempDir Path folder) throws IOException {
    Path file = folder.resolve("daily.yaml");
    Files.writeString(file, Files.readString(Path.of("..", "examples", "hourly.yaml"))
        .replace("\"0 * * * *\"", "\"@daily\""));

    String script = render("--target", "cloud-run", "-f", file.toString()).out();

    assertThat(script).contains("  --schedule=\"0 0 * * *\" \\\n");
  }

  @Test
  void kubernetesParsesBackToOperatorCronJob() {
    String yaml = render("--target", "kubernetes", "-f", "../examples/nightly-berlin.yaml").out();

    CronJob rendered = SERIALIZATION.unmarshal(yaml, CronJob.class);
    CronJob desired = CronJobDependent.desiredCronJob(MockCluster.example("nightly-berlin.yaml"));

    assertThat(rendered.getSpec()).isEqualTo(desired.getSpec());
    assertThat(rendered.getMetadata().getLabels()).isEqualTo(desired.getMetadata().getLabels());
    assertThat(rendered.getMetadata().getOwnerReferences()).isEmpty();
  }

  @Test
  void invalidScheduleGetsClusterMessage() {
    Run run = render("--target", "cloud-run", "-f", "../examples/invalid-cron.yaml");
    ValidationResult.Invalid expected = (ValidationResult.Invalid) new SpecValidator(CLOCK)
        .validate(MockCluster.example("invalid-cron.yaml"));

    assertThat(run.exitCode()).isEqualTo(RenderCommand.INVALID);
    assertThat(run.err()).isEqualTo("prompt-lab-operator render: " + expected.message() + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void unknownTargetIsUsageError() {
    Run run = render("--target", "lambda", "-f", "../examples/hourly.yaml");

    assertThat(run.exitCode()).isEqualTo(RenderCommand.USAGE_ERROR);
    assertThat(run.err()).contains("--target \"lambda\" is not a render target: use cloud-run or kubernetes");
  }

  @Test
  void missingFileIsNamed() {
    Run run = render("--target", "kubernetes", "-f", "no-such-schedule.yaml");

    assertThat(run.exitCode()).isEqualTo(RenderCommand.INVALID);
    assertThat(run.err()).contains("no-such-schedule.yaml does not exist");
  }

  /** Returns the Cloud Run Job manifest out of the script's heredoc. */
  private static String manifest(String script) {
    int start = script.indexOf("<<'" + CloudRunRenderer.MANIFEST_END + "'\n");
    int end = script.indexOf("\n" + CloudRunRenderer.MANIFEST_END + "\n");
    return script.substring(script.indexOf('\n', start) + 1, end + 1);
  }
}

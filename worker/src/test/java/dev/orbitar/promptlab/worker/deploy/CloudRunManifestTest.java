package dev.orbitar.promptlab.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the Cloud Run manifests: the command each shape runs, and secrets only by reference. */
class CloudRunManifestTest {

    private static final Path DIR = Path.of("..", "deploy", "cloudrun");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> SECRET_VARIABLES = List.of("DATABASE_URL", "OPENROUTER_API_KEY");

    @Test
    void jobRunsOneBatch() throws IOException {
        JsonNode job = read("job.yaml");

        assertThat(job.path("apiVersion").asText()).isEqualTo("run.googleapis.com/v1");
        assertThat(job.path("kind").asText()).isEqualTo("Job");
        assertThat(args(jobContainer(job))).containsExactly("run-batch");
    }

    @Test
    void jobHasTaskLimits() throws IOException {
        JsonNode taskSpec = read("job.yaml").path("spec").path("template").path("spec").path("template").path("spec");

        assertThat(taskSpec.path("timeoutSeconds").asInt()).isPositive();
        assertThat(taskSpec.path("maxRetries").isInt()).isTrue();
    }

    @Test
    void jobSecretsReferenced() throws IOException {
        assertSecretsReferenced(jobContainer(read("job.yaml")));
    }

    @Test
    void serviceServes() throws IOException {
        JsonNode service = read("service.yaml");

        assertThat(service.path("apiVersion").asText()).isEqualTo("serving.knative.dev/v1");
        assertThat(service.path("kind").asText()).isEqualTo("Service");
        assertThat(args(serviceContainer(service))).containsExactly("serve");
    }

    @Test
    void serviceTakesOneRequestAtATime() throws IOException {
        JsonNode spec = read("service.yaml").path("spec").path("template").path("spec");

        assertThat(spec.path("containerConcurrency").asInt()).isEqualTo(1);
    }

    @Test
    void serviceProbesHealth() throws IOException {
        JsonNode container = serviceContainer(read("service.yaml"));

        assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
    }

    @Test
    void serviceSecretsReferenced() throws IOException {
        assertSecretsReferenced(serviceContainer(read("service.yaml")));
    }

    private static void assertSecretsReferenced(JsonNode container) {
        for (JsonNode variable : container.path("env")) {
            if (SECRET_VARIABLES.contains(variable.path("name").asText())) {
                assertThat(variable.has("value")).as(variable.path("name").asText()).isFalse();
                assertThat(variable.path("valueFrom").path("secretKeyRef").path("name").asText()).isNotBlank();
            }
        }
        assertThat(names(container)).containsAll(SECRET_VARIABLES);
    }

    private static List<String> names(JsonNode container) {
        List<String> names = new ArrayList<>();
        container.path("env").forEach(variable -> names.add(variable.path("name").asText()));
        return names;
    }

    private static List<String> args(JsonNode container) {
        List<String> args = new ArrayList<>();
        container.path("args").forEach(arg -> args.add(arg.asText()));
        return args;
    }

    private static JsonNode jobContainer(JsonNode job) {
        return job.path("spec").path("template").path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static JsonNode serviceContainer(JsonNode service) {
        return service.path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static JsonNode read(String name) throws IOException {
        return YAML.readTree(DIR.resolve(name).toFile());
    }
}

package dev.orbitar.promptlab.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's main command, run as its own JVM so that exit codes and a JVM that does not exit are seen as a
 * user sees them.
 */
class OperatorMainTest {

  /** A loopback address with a port nothing listens on, so every connection is refused at once. */
  private static final String CLOSED_API_SERVER = "https://127.0.0.1:1";

  /** Generous bound for a JVM start and the check's few retries; a hanging operator runs past it. */
  private static final long EXIT_WAIT_SECONDS = 90;

  @TempDir
  Path home;

  @Test
  void unreachableApiExitsWithOneLine() throws Exception {
    Path kubeconfig = home.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters:
          - name: closed
            cluster:
              server: %s
              insecure-skip-tls-verify: true
        users:
          - name: nobody
            user: {}
        contexts:
          - name: closed
            context:
              cluster: closed
              user: nobody
        current-context: closed
        """.formatted(CLOSED_API_SERVER));

    Run run = runMain(Map.of("KUBECONFIG", kubeconfig.toString(), "LEADER_ELECTION", "false"));

    assertThat(run.exited()).as("operator exited within %d s", EXIT_WAIT_SECONDS).isTrue();
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).hasSize(1);
    assertThat(run.stderr().get(0))
        .startsWith("prompt-lab-operator: Cannot reach the Kubernetes API at " + CLOSED_API_SERVER)
        .endsWith("; check KUBECONFIG or in-cluster credentials");
    assertThat(run.stdout()).isEmpty();
  }

  @Test
  void helpListsEverySetting() throws Exception {
    Run run = runMain(Map.of(), "--help");

    assertThat(run.exitCode()).isEqualTo(0);
    for (String variable : settingNames()) {
      assertThat(String.join("\n", run.stdout())).as("help").contains(variable);
    }
  }

  @Test
  void helpListsRender() throws Exception {
    Run run = runMain(Map.of(), "-h");

    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.stdout()).anyMatch(line -> line.trim().startsWith("render"));
    assertThat(run.stdout()).anyMatch(line -> line.contains("--target cloud-run|kubernetes -f SCHEDULE.yaml"));
  }

  @Test
  void versionNamesOperator() throws Exception {
    Run run = runMain(Map.of(), "--version");

    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.stdout()).hasSize(1);
    assertThat(run.stdout().get(0)).startsWith("prompt-lab-operator ");
  }

  @Test
  void unknownCommandPointsToHelp() throws Exception {
    Run run = runMain(Map.of(), "serve");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).hasSize(1);
    assertThat(run.stderr().get(0)).contains("\"serve\"").contains("--help");
  }

  /** Returns the environment variable names OperatorSettings reads, from its public constants. */
  private static List<String> settingNames() throws IllegalAccessException {
    List<String> names = new ArrayList<>();
    for (Field field : OperatorSettings.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        names.add((String) field.get(null));
      }
    }
    assertThat(names).as("settings found").isNotEmpty();
    return names;
  }

  private record Run(boolean exited, int exitCode, List<String> stdout, List<String> stderr) {
  }

  /**
   * Runs OperatorMain in a new JVM on the test class path, with a home folder of its own, so that no kubeconfig
   * or in-cluster setting of the machine running the tests is used.
   */
  private Run runMain(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.home=" + home,
        "-cp", System.getProperty("java.class.path"),
        OperatorMain.class.getName()));
    command.addAll(Arrays.asList(args));
    Path stdout = home.resolve("stdout.txt");
    Path stderr = home.resolve("stderr.txt");

    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("KUBERNETES_") || name.startsWith("KUBECONFIG"));
    builder.environment().put("HOME", home.toString());
    // An operator that gets past the API server check starts its HTTP server, so a free port keeps it off ports
    // that other processes use.
    builder.environment().put(OperatorSettings.HTTP_PORT, String.valueOf(freePort()));
    builder.environment().putAll(env);

    Process process = builder.start();
    boolean exited = process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }
    return new Run(exited, exited ? process.exitValue() : -1, Files.readAllLines(stdout), Files.readAllLines(stderr));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

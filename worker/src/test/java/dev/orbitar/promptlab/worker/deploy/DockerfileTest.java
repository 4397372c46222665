package dev.orbitar.promptlab.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbitar.promptlab.worker.cli.PromptLabCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks Dockerfile.prompt-lab against the build, since no Docker engine is available to build it. */
class DockerfileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String JAR_IN_IMAGE = "/app/prompt-lab-worker.jar";

    private static Dockerfile dockerfile;
    private static List<String> entrypoint;

    @BeforeAll
    static void readDockerfile() throws IOException {
        dockerfile = Dockerfile.read(ROOT.resolve("Dockerfile.prompt-lab"));
        List<String> entrypoints = dockerfile.finalStage("ENTRYPOINT");
        assertThat(entrypoints).hasSize(1);
        entrypoint = List.of(new ObjectMapper().readValue(entrypoints.get(0), String[].class));
    }

    @Test
    void buildsInTwoStages() {
        assertThat(dockerfile.all("FROM")).hasSize(2);
        assertThat(dockerfile.all("FROM").get(0)).endsWith(" AS build");
    }

    @Test
    void copiesShadedJar() throws IOException {
        String finalName = shadedJarName();

        List<String> copies = dockerfile.finalStage("COPY");

        assertThat(copies).contains("--from=build /src/worker/target/" + finalName + ".jar " + JAR_IN_IMAGE);
    }

    @Test
    void buildStageWorksInSrc() {
        List<String> buildStage = dockerfile.instructions().subList(0, dockerfile.instructions().size()
                - dockerfile.finalStage().size()).stream()
                .filter(i -> i.keyword().equals("WORKDIR")).map(Dockerfile.Instruction::arguments).toList();

        assertThat(buildStage).containsExactly("/src");
    }

    @Test
    void buildsWithWrapper() {
        assertThat(dockerfile.all("RUN")).anySatisfy(run -> assertThat(run).startsWith("./mvnw ")
                .contains("-pl worker").contains("package"));
    }

    @Test
    void userIsNumericNonRoot() {
        List<String> users = dockerfile.finalStage("USER");

        assertThat(users).hasSize(1);
        String[] ids = users.get(0).split(":");
        assertThat(ids[0]).matches("[0-9]+");
        assertThat(Integer.parseInt(ids[0])).isPositive();
        assertThat(ids[1]).matches("[1-9][0-9]*");
    }

    @Test
    void entrypointRunsJar() {
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size())).containsExactly("-jar", JAR_IN_IMAGE);
    }

    @Test
    void entrypointWritesOnlyTmp() {
        assertThat(entrypoint).contains("-Djava.io.tmpdir=/tmp", "-XX:-UsePerfData");
        assertThat(dockerfile.finalStage("ENV")).anySatisfy(env -> assertThat(env)
                .contains("LAB_DATA_DIR=/tmp/prompt-lab"));
    }

    @Test
    void archiveMadeAndUsed() {
        String archive = flagValue(entrypoint, "-XX:SharedArchiveFile=");

        List<String> runs = dockerfile.finalStage("RUN");

        assertThat(runs).anySatisfy(run -> assertThat(run)
                .contains("-XX:ArchiveClassesAtExit=" + archive)
                .contains("-jar " + JAR_IN_IMAGE));
    }

    @Test
    void defaultCommandIsRunBatch() throws IOException {
        List<String> commands = dockerfile.finalStage("CMD");

        assertThat(commands).hasSize(1);
        assertThat(new ObjectMapper().readValue(commands.get(0), String[].class)).containsExactly("run-batch");
    }

    @Test
    void commandsExistInMain() {
        assertThat(PromptLabCommand.subcommandNames()).contains("run-batch", "serve");
    }

    @Test
    void noSecretBakedIn() {
        List<String> declared = new ArrayList<>(dockerfile.all("ENV"));
        declared.addAll(dockerfile.all("ARG"));

        assertThat(declared).noneSatisfy(line -> assertThat(line.toUpperCase())
                .containsAnyOf("PASSWORD", "API_KEY", "TOKEN", "SECRET", "DATABASE_URL"));
    }

    @Test
    void contextSkipsBuildOutput() throws IOException {
        List<String> ignored = Files.readAllLines(ROOT.resolve("Dockerfile.prompt-lab.dockerignore"));

        assertThat(ignored).contains("**/target/", ".git/");
    }

    @Test
    void entrypointFlagsAccepted() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(entrypoint.subList(1, entrypoint.size() - 2));
        command.add("-version");
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();

        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(stdout).isEmpty();
    }

    private static String shadedJarName() throws IOException {
        String pom = Files.readString(ROOT.resolve("worker/pom.xml"));
        Matcher matcher = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static String flagValue(List<String> arguments, String prefix) {
        return arguments.stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length()))
                .findFirst().orElseThrow(() -> new AssertionError("No " + prefix + " in " + arguments));
    }
}

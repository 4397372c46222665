package dev.orbitar.promptlab.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Starts commands with invalid settings, an unreachable database and a limit above LAB_MAX_SAFE, and checks the
 * exit code and the one line each prints.
 */
class ConfigurationE2eTest {

    private static final String PASSWORD = AppDatabase.PASSWORD;
    private static final String API_KEY = "sk-or-v1-e2e-fake-key-0123456789abcdef";

    /** A loopback port with nothing listening: it was bound once and closed. */
    private static int closedPort;

    @TempDir
    Path dataDir;

    private final Map<String, String> environment = new HashMap<>();

    @BeforeAll
    static void findClosedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
    }

    @BeforeEach
    void pointAtClosedPort() {
        // A setting error must stop the worker before it connects: reaching the database would exit 1, not 2.
        environment.put("DATABASE_URL", unreachableUrl());
        environment.put("LAB_DATA_DIR", dataDir.toString());
    }

    private static String unreachableUrl() {
        return "postgresql://postgres:" + PASSWORD + "@127.0.0.1:" + closedPort + "/lab";
    }

    /** Cases of (variable, value, text the one error line must contain besides the variable's name). */
    static Stream<Arguments> invalidSettings() {
        String url = "postgresql://postgres:" + PASSWORD + "@127.0.0.1:5432/lab";
        return Stream.of(
                Arguments.of("DATABASE_URL", "mysql://root:" + PASSWORD + "@127.0.0.1/lab", "mysql"),
                Arguments.of("DATABASE_URL", url + "?sslmode=verify-all", "verify-all"),
                Arguments.of("DATABASE_URL", url + "?sslaccept=sometimes", "sometimes"),
                Arguments.of("DATABASE_URL", url + "?connection_limit=lots", "connection_limit"),
                Arguments.of("DATABASE_URL", url + "?connect_timeout=-3", "connect_timeout"),
                Arguments.of("DATABASE_URL", url + "?socket_timeout=soon", "socket_timeout"),
                Arguments.of("DATABASE_URL", url + "?pool_timeout=1e3", "pool_timeout"),
                Arguments.of("DATABASE_URL", url + "?pgbouncer=perhaps", "pgbouncer"),
                Arguments.of("DATABASE_URL", url + "?statement_cache_size=-1", "statement_cache_size"),
                Arguments.of("DATABASE_URL", url + "?schema=bad%20schema", "schema"),
                Arguments.of("DATABASE_URL", url + "?sslcert=/no/such/ca.pem", "sslcert"),
                Arguments.of("DATABASE_URL", url + "?frobnicate=1", "frobnicate"),
                Arguments.of("DATABASE_URL", "postgresql://postgres:" + PASSWORD + "@127.0.0.1:port/lab", "port"),
                Arguments.of("DATABASE_URL", "postgresql://postgres:" + PASSWORD + "@127.0.0.1:5432/", "database"),
                Arguments.of("LAB_BATCH_LIMIT", "twenty", "twenty"),
                Arguments.of("LAB_BATCH_LIMIT", "0", "'0'"),
                Arguments.of("LAB_MAX_SAFE", "-5", "-5"),
                Arguments.of("LAB_DRY_RUN", "maybe", "maybe"),
                Arguments.of("LAB_MODEL_NAME", "gpt 4o", "gpt 4o"),
                Arguments.of("LAB_CONCURRENCY", "65", "65"),
                Arguments.of("LAB_LEASE_SECONDS", "5", "'5'"),
                Arguments.of("LAB_MIGRATE", "sometimes", "sometimes"),
                Arguments.of("LAB_WORKER_SCHEMA", "Bad-Schema", "Bad-Schema"),
                Arguments.of("LAB_WORKER_SCHEMA", "public", "public"),
                Arguments.of("LAB_TEMPLATES_DIR", "no/such/templates", "no/such/templates"),
                Arguments.of("LAB_BUDGET_USD", "-1", "-1"),
                Arguments.of("LAB_BUDGET_USD", "ten", "ten"));
    }

    /** Provider settings, read only when OPENROUTER_API_KEY is set. */
    static Stream<Arguments> invalidProviderSettings() {
        return Stream.of(
                Arguments.of("OPENROUTER_BASE_URL", "not a url", "not a url"),
                Arguments.of("LAB_MAX_INPUT_CHARS", "0", "'0'"),
                Arguments.of("LAB_MAX_OUTPUT_TOKENS", "many", "many"),
                Arguments.of("LAB_TEMPERATURE", "5", "'5'"),
                Arguments.of("LAB_CONNECT_TIMEOUT_SECONDS", "-1", "-1"),
                Arguments.of("LAB_READ_TIMEOUT_SECONDS", "forever", "forever"),
                Arguments.of("LAB_CALL_TIMEOUT_SECONDS", "0.01", "0.01"),
                Arguments.of("LAB_MAX_ATTEMPTS", "0", "'0'"),
                Arguments.of("LAB_RETRY_MAX_SECONDS", "7200", "7200"),
                Arguments.of("LAB_REQUESTS_PER_MINUTE", "0", "'0'"),
                Arguments.of("LAB_MODEL_ROUTES", "coding:gpt", "coding:gpt"),
                Arguments.of("LAB_JUDGE_MODEL", "judge model", "judge model"),
                Arguments.of("OPENROUTER_APP_URL", "not a url", "not a url"),
                Arguments.of("OPENROUTER_FALLBACK_MODELS", "a b,c", "a b,c"),
                Arguments.of("OPENROUTER_PROVIDER_SORT", "cheapest", "cheapest"),
                Arguments.of("OPENROUTER_DATA_COLLECTION", "sometimes", "sometimes"));
    }

    /** Settings that only serve mode reads. */
    static Stream<Arguments> invalidServeSettings() {
        return Stream.of(
                Arguments.of("PORT", "99999", "99999"),
                Arguments.of("PORT", "http", "http"),
                Arguments.of("LAB_EVENT_DEDUP_WINDOW_SECONDS", "-1", "-1"),
                Arguments.of("LAB_HTTP_RETRY_AFTER_SECONDS", "0", "'0'"));
    }

    private static void assertOneLineNaming(LabCli.Result result, String setting, String shownValue) {
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.errLines().get(0)).contains(setting);
        assertThat(result.errLines().get(0)).contains(shownValue);
        assertNoSecretOrStackTrace(result);
    }

    private static void assertNoSecretOrStackTrace(LabCli.Result result) {
        assertThat(result.everyLine()).noneMatch(line -> line.contains(PASSWORD));
        assertThat(result.everyLine()).noneMatch(line -> line.contains(API_KEY));
        assertThat(result.everyLine()).noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception"));
        assertThat(result.stackTraces()).isZero();
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalidSettings")
    void invalidSettingExitsTwo(String variable, String value, String shownValue) {
        environment.put(variable, value);

        LabCli.Result result = LabCli.run(environment, "run-batch");

        assertOneLineNaming(result, variable, shownValue);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalidProviderSettings")
    void invalidProviderSettingExitsTwo(String variable, String value, String shownValue) {
        environment.put("OPENROUTER_API_KEY", API_KEY);
        environment.put(variable, value);

        LabCli.Result result = LabCli.run(environment, "run-batch");

        assertOneLineNaming(result, variable, shownValue);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalidServeSettings")
    void invalidServeSettingExitsTwo(String variable, String value, String shownValue) {
        environment.put(variable, value);

        LabCli.Result result = LabCli.run(environment, "serve");

        assertOneLineNaming(result, variable, shownValue);
    }

    @Test
    void malformedKeyIsHidden() {
        environment.put("OPENROUTER_API_KEY", "sk-or-v1 e2e-fake-key");

        LabCli.Result result = LabCli.run(environment, "run-batch");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.errLines().get(0)).contains("OPENROUTER_API_KEY");
        assertThat(result.everyLine()).noneMatch(line -> line.contains("e2e-fake-key"));
    }

    @Test
    void badPasswordEncodingIsHidden() {
        environment.put("DATABASE_URL", "postgresql://postgres:pa%zzword@127.0.0.1:5432/lab");

        LabCli.Result result = LabCli.run(environment, "run-batch");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.errLines().get(0)).contains("DATABASE_URL");
        assertThat(result.everyLine()).noneMatch(line -> line.contains("pa%zzword"));
    }

    @Test
    void invalidUrlFlagExitsTwo() {
        LabCli.Result result = LabCli.run(environment, "run-batch", "--database-url=mysql://root@127.0.0.1/lab");

        // NOTE: URL errors name DATABASE_URL even when the URL came from --database-url.
        assertOneLineNaming(result, "DATABASE_URL", "mysql");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--batch-limit=abc", "--concurrency=0", "--lease-seconds=5", "--dry-run=perhaps",
        "--max-safe=-1", "--budget-usd=free", "--worker-schema=Lab", "--migrate=often"})
    void invalidFlagExitsTwo(String flag) {
        String name = flag.substring(0, flag.indexOf('='));
        String value = flag.substring(flag.indexOf('=') + 1);

        LabCli.Result result = LabCli.run(environment, "run-batch", flag);

        assertOneLineNaming(result, name, value);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"run-batch", "serve", "migrate", "import", "report", "score"})
    void unknownFlagExitsTwo(String command) {
        List<String> args = new ArrayList<>(List.of(command, "--no-such-flag"));
        if (command.equals("import")) {
            args.add("prompts.csv");
        }

        LabCli.Result result = LabCli.run(environment, args.toArray(String[]::new));

        assertOneLineNaming(result, "--no-such-flag", command);
    }

    @Test
    void unknownCommandExitsTwo() {
        LabCli.Result result = LabCli.run(environment, "run-batches");

        assertOneLineNaming(result, "run-batches", "prompt-lab-worker");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"run-batch", "serve", "migrate", "import", "report", "score"})
    void commandHelpExitsZero(String command) {
        LabCli.Result result = LabCli.run(environment, command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: prompt-lab-worker " + command);
        assertThat(result.errLines()).isEmpty();
    }

    @Test
    void topLevelHelpListsCommands() {
        LabCli.Result result = LabCli.run(environment, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("run-batch", "serve", "import", "score", "report", "migrate");
    }

    @Test
    void unreachableDatabaseExitsOne() {
        LabCli.Result result = LabCli.run(environment, "run-batch");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).isEmpty();
        assertThat(result.logLines(Level.ERROR)).hasSize(1);
        assertThat(result.logLines(Level.ERROR).get(0)).contains("127.0.0.1:" + closedPort);
        assertThat(result.everyLine()).noneMatch(line -> line.contains(PASSWORD));
        assertThat(result.stackTraces()).isZero();
    }

    @Test
    void unreachableDatabaseMigrateExitsOne() {
        LabCli.Result result = LabCli.run(environment, "migrate");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.logLines(Level.ERROR)).hasSize(1);
        assertThat(result.logLines(Level.ERROR).get(0)).contains("127.0.0.1:" + closedPort);
        assertThat(result.everyLine()).noneMatch(line -> line.contains(PASSWORD));
        assertThat(result.stackTraces()).isZero();
    }

    @Test
    void limitAboveMaxSafeExitsOne() throws Exception {
        AppDatabase database = AppDatabase.withApplicationTables();
        database.insertSynthetic("general", "explain the difference between a loan and a lease");
        environment.put("DATABASE_URL", database.prismaUrl());
        environment.put("LAB_BATCH_LIMIT", "201");

        LabCli.Result result = LabCli.run(environment, "run-batch");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.logLines(Level.ERROR)).hasSize(1);
        assertThat(result.logLines(Level.ERROR).get(0)).contains("LAB_BATCH_LIMIT 201", "LAB_MAX_SAFE 200");
        assertThat(database.count("LabRun")).isZero();
        assertThat(database.number("SELECT count(*) FROM pg_namespace WHERE nspname = 'prompt_lab'")).isZero();
    }

    @Test
    void limitAtMaxSafeRuns() throws Exception {
        AppDatabase database = AppDatabase.withApplicationTables();
        database.insertSynthetic("general", "explain the difference between a loan and a lease");
        environment.put("DATABASE_URL", database.prismaUrl());
        environment.put("LAB_BATCH_LIMIT", "5");
        environment.put("LAB_MAX_SAFE", "5");

        LabCli.Result result = LabCli.run(environment, "run-batch");

        assertThat(result.exitCode()).isZero();
        assertThat(database.count("LabRun")).isEqualTo(1);
    }
}

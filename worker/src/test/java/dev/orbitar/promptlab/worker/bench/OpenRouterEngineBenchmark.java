package dev.orbitar.promptlab.worker.bench;

import dev.orbitar.promptlab.worker.refining.RefineRequest;
import dev.orbitar.promptlab.worker.refining.Refinement;
import dev.orbitar.promptlab.worker.refining.openrouter.OpenRouterClient;
import dev.orbitar.promptlab.worker.refining.openrouter.OpenRouterEngine;
import dev.orbitar.promptlab.worker.refining.openrouter.OpenRouterSettings;
import dev.orbitar.promptlab.worker.refining.openrouter.OpenRouterSettingsLoader;
import dev.orbitar.promptlab.worker.templates.PromptTemplate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import javax.net.ServerSocketFactory;

/**
 * Measures the openrouter engine's throughput against a local fake provider that responds to every chat-completions
 * request after a fixed latency. Not a unit test: run it by hand and read the figures.
 *
 * <pre>
 * ./mvnw -B -q -pl worker test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.orbitar.promptlab.worker.bench.OpenRouterEngineBenchmark
 * </pre>
 *
 * Arguments (all optional): tasks (200), latency in ms (200), then the concurrency levels (1 16).
 */
public final class OpenRouterEngineBenchmark {

    private static final PromptTemplate TEMPLATE = new PromptTemplate("general_default", "1.0.0", "general", "ga",
            "a careful assistant", "a clear answer", List.of("a short list"), List.of("no filler"));
    private static final String ANSWER = """
            {"id":"gen-bench","model":"openai/gpt-4o-mini","object":"chat.completion",
             "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant",
               "content":"# Role\\nYou are a careful assistant.\\n# Goal\\nSummarise the notes."}}],
             "usage":{"prompt_tokens":420,"completion_tokens":60,"cost":0.0000993}}
            """;

    private OpenRouterEngineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long latencyMillis = args.length > 1 ? Long.parseLong(args[1]) : 200;
        List<Integer> levels = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            levels.add(Integer.parseInt(args[i]));
        }
        if (levels.isEmpty()) {
            levels = List.of(1, 16);
        }

        System.out.printf(Locale.ROOT, "openrouter engine: %d tasks, 1 call per task, fake provider latency %d ms, "
                + "%d cores, Java %s%n", tasks, latencyMillis, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-11s %-9s %-9s %-7s %-9s %-9s%n",
                "concurrency", "wall_s", "ideal_s", "ratio", "requests", "failures");
        for (int concurrency : levels) {
            run(tasks, latencyMillis, concurrency);
        }
    }

    private static void run(int tasks, long latencyMillis, int concurrency) throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                            .body(ANSWER).headersDelay(latencyMillis, TimeUnit.MILLISECONDS).build();
                }
            });
            // MockWebServer writes the status line and headers, then the body, as separate small writes. With
            // Nagle's algorithm on, the body waits for the client's delayed ACK (about 40 ms on Linux), which is
            // a cost of the fake server, not of the engine; TCP_NODELAY on the server side removes it.
            server.setServerSocketFactory(new NoDelayServerSocketFactory());
            server.start();

            OpenRouterSettings settings = OpenRouterSettingsLoader.load(Map.of(
                    "OPENROUTER_API_KEY", "sk-bench-not-a-real-key",
                    "OPENROUTER_BASE_URL", server.url("/api/v1").toString())).orElseThrow();
            try (OpenRouterClient client = OpenRouterClient.create(settings)) {
                OpenRouterEngine engine = new OpenRouterEngine(client);
                ExecutorService pool = Executors.newFixedThreadPool(concurrency);
                try {
                    // Warm-up: open the pooled connections and load the classes before timing.
                    execute(pool, engine, concurrency);
                    int warmupRequests = server.getRequestCount();

                    long started = System.nanoTime();
                    int failures = execute(pool, engine, tasks);
                    double wallSeconds = (System.nanoTime() - started) / 1e9;

                    double idealSeconds = tasks * 1 * latencyMillis / 1000.0 / concurrency;
                    System.out.printf(Locale.ROOT, "%-11d %-9.2f %-9.2f %-7.3f %-9d %-9d%n", concurrency,
                            wallSeconds, idealSeconds, wallSeconds / idealSeconds,
                            server.getRequestCount() - warmupRequests, failures);
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    private static int execute(ExecutorService pool, OpenRouterEngine engine, int tasks) throws Exception {
        List<Future<Refinement>> futures = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            RefineRequest request = new RefineRequest("bench-" + i, "general",
                    "summarise these meeting notes for the team, item " + i, TEMPLATE);
            futures.add(pool.submit(() -> engine.refine(request)));
        }
        int failures = 0;
        for (Future<Refinement> future : futures) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                failures++;
            }
        }
        return failures;
    }

    /** Creates server sockets whose accepted connections have Nagle's algorithm off. */
    private static final class NoDelayServerSocketFactory extends ServerSocketFactory {

        @Override
        public ServerSocket createServerSocket() throws IOException {
            return new NoDelayServerSocket();
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            ServerSocket socket = new NoDelayServerSocket();
            socket.bind(new java.net.InetSocketAddress(port));
            return socket;
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            ServerSocket socket = new NoDelayServerSocket();
            socket.bind(new java.net.InetSocketAddress(port), backlog);
            return socket;
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            ServerSocket socket = new NoDelayServerSocket();
            socket.bind(new java.net.InetSocketAddress(address, port), backlog);
            return socket;
        }
    }

    private static final class NoDelayServerSocket extends ServerSocket {

        NoDelayServerSocket() throws IOException {
            super();
        }

        @Override
        public Socket accept() throws IOException {
            Socket socket = super.accept();
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}

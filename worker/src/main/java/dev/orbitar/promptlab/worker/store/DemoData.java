package dev.orbitar.promptlab.worker.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a small benchmark (24 synthetic tasks, 12 samples, every category) so a fresh embedded database has work
 * for its first batch. The main job calls it only on the embedded database, never on the application's.
 */
public final class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    /** The milestone recorded in the worker's schema when the demo data was loaded. */
    static final String MILESTONE = "demo_data_loaded";

    private static final String SYNTHETIC_TASKS = "/demo/synthetic-tasks.json";
    private static final String PROMPT_SAMPLES = "/demo/prompt-samples.json";

    private final Database database;

    public DemoData(Database database) {
        this.database = database;
    }

    /** A row of the demo SyntheticTask file. */
    record DemoTask(String category, String difficulty, List<String> tags, String inputText) {
    }

    /** A row of the demo PromptSample file. */
    record DemoSample(String source, String category, String plan, String templateSlug, String templateVersion,
            String rawText, String refinedText) {
    }

    /**
     * Loads the demo tasks unless this database got them before, as recorded in the worker's schema (tasks the
     * team deleted since stay deleted). Returns true when it loaded them now.
     */
    public boolean loadOnce() {
        List<DemoTask> tasks = read(SYNTHETIC_TASKS, new TypeReference<>() { });
        List<DemoSample> samples = read(PROMPT_SAMPLES, new TypeReference<>() { });

        boolean loaded = Transactions.inTransaction(database, session -> {
            DemoDataMapper mapper = session.getMapper(DemoDataMapper.class);
            if (mapper.reachMilestone(MILESTONE) == 0) {
                return false;
            }
            for (DemoTask task : tasks) {
                mapper.insertSyntheticTask(Ids.next(), task.category(), task.inputText(), task.difficulty(),
                        task.tags());
            }
            for (DemoSample sample : samples) {
                mapper.insertPromptSample(Ids.next(), sample.source(), sample.category(), sample.rawText(),
                        sample.refinedText(), sample.plan(), sample.templateSlug(), sample.templateVersion());
            }
            return true;
        });

        if (loaded) {
            log.info("Loaded demo data: {} synthetic tasks and {} prompt samples", tasks.size(), samples.size());
        }
        return loaded;
    }

    private static <T> List<T> read(String resource, TypeReference<List<T>> type) {
        try (InputStream in = DemoData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Demo data resource " + resource + " is missing from the jar");
            }
            return new ObjectMapper().readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Demo data resource " + resource + " is not valid: " + e.getMessage(), e);
        }
    }
}

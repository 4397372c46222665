package dev.orbitar.promptlab.worker.lab;

import dev.orbitar.promptlab.worker.refining.OfflineRefineEngine;
import dev.orbitar.promptlab.worker.refining.RefineEngine;
import dev.orbitar.promptlab.worker.refining.openrouter.OpenRouterClient;
import dev.orbitar.promptlab.worker.refining.openrouter.OpenRouterEngine;
import dev.orbitar.promptlab.worker.refining.openrouter.OpenRouterSettings;
import dev.orbitar.promptlab.worker.refining.openrouter.OpenRouterSettingsLoader;
import dev.orbitar.promptlab.worker.scoring.RubricScorer;
import dev.orbitar.promptlab.worker.scoring.Scorer;
import dev.orbitar.promptlab.worker.scoring.judge.JudgedScorer;
import dev.orbitar.promptlab.worker.scoring.judge.LlmJudge;
import dev.orbitar.promptlab.worker.settings.Setting;
import dev.orbitar.promptlab.worker.settings.WorkerSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The refine engine and scorer a batch uses: {@code openrouter} when an API key is set, else {@code offline}; the
 * rubric scorer, with the LLM judge beside it when LAB_JUDGE_MODEL is set.
 *
 * @param engine the refine engine
 * @param scorer the scorer
 * @param client the provider client to close, or null for the offline engine
 */
public record LabEngines(RefineEngine engine, Scorer scorer, OpenRouterClient client) implements AutoCloseable {

    /**
     * Builds the engines. Flags given on the command line (the API key, the model) win over the environment.
     *
     * @throws dev.orbitar.promptlab.worker.settings.InvalidSettingException for an invalid provider setting
     */
    public static LabEngines create(WorkerSettings settings, Map<String, String> environment) {
        Map<String, String> effective = effective(settings, environment);
        OpenRouterSettingsLoader.validate(effective);
        Optional<OpenRouterSettings> provider = OpenRouterSettingsLoader.load(effective);
        if (provider.isEmpty()) {
            return new LabEngines(new OfflineRefineEngine(), new RubricScorer(), null);
        }

        OpenRouterClient client = OpenRouterClient.create(provider.get());
        Scorer rubric = new RubricScorer();
        Scorer scorer = provider.get().judgeEnabled()
                ? new JudgedScorer(rubric, new LlmJudge(client, provider.get().judgeModel()))
                : rubric;
        return new LabEngines(new OpenRouterEngine(client), scorer, client);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    /** Returns the environment with the validated key and model in it, so a flag reaches the provider settings. */
    private static Map<String, String> effective(WorkerSettings settings, Map<String, String> environment) {
        Map<String, String> effective = new HashMap<>(environment);
        effective.remove(Setting.OPENROUTER_API_KEY.environmentVariable());
        if (settings.openRouterApiKey() != null) {
            effective.put(Setting.OPENROUTER_API_KEY.environmentVariable(), settings.openRouterApiKey().reveal());
        }
        effective.remove(Setting.MODEL_NAME.environmentVariable());
        if (settings.modelName() != null) {
            effective.put(Setting.MODEL_NAME.environmentVariable(), settings.modelName());
        }
        return effective;
    }
}

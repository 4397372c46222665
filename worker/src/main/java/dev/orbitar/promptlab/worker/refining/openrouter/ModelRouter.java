package dev.orbitar.promptlab.worker.refining.openrouter;

import java.util.Locale;
import java.util.Map;

/** Chooses the model for a task: LAB_MODEL_NAME when set, else the route of the task's category, else the default. */
public final class ModelRouter {

    private final String override;
    private final Map<String, String> routes;

    public ModelRouter(String override, Map<String, String> routes) {
        if (override == null && !routes.containsKey(OpenRouterSettings.DEFAULT_ROUTE)) {
            throw new IllegalArgumentException("model routes need a '" + OpenRouterSettings.DEFAULT_ROUTE
                    + "' entry when no model override is set");
        }
        this.override = override;
        this.routes = Map.copyOf(routes);
    }

    public static ModelRouter from(OpenRouterSettings settings) {
        return new ModelRouter(settings.modelOverride(), settings.modelRoutes());
    }

    /** Returns the model id requested for a task of this category. */
    public String modelFor(String category) {
        if (override != null) {
            return override;
        }
        String key = category == null ? OpenRouterSettings.DEFAULT_ROUTE : category.toLowerCase(Locale.ROOT);
        return routes.getOrDefault(key, routes.get(OpenRouterSettings.DEFAULT_ROUTE));
    }
}

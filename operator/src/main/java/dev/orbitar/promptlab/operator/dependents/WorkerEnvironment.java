package dev.orbitar.promptlab.operator.dependents;

import dev.orbitar.promptlab.operator.api.PromptLabScheduleSpec;
import dev.orbitar.promptlab.operator.api.SecretKeyRef;
import dev.orbitar.promptlab.operator.api.WorkerSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The worker's environment: the variables the worker reads at start, set from the spec, then the user's extra
 * variables.
 */
public final class WorkerEnvironment {

  public static final String DATABASE_URL = "DATABASE_URL";
  public static final String OPENROUTER_API_KEY = "OPENROUTER_API_KEY";
  public static final String BATCH_LIMIT = "LAB_BATCH_LIMIT";
  public static final String MAX_SAFE = "LAB_MAX_SAFE";
  public static final String MODEL_NAME = "LAB_MODEL_NAME";
  public static final String CONCURRENCY = "LAB_CONCURRENCY";
  public static final String DATA_DIR = "LAB_DATA_DIR";

  /** Names the operator sets; spec.worker.env may not set them. */
  public static final Set<String> RESERVED_NAMES =
      Set.of(DATABASE_URL, OPENROUTER_API_KEY, BATCH_LIMIT, MAX_SAFE, MODEL_NAME, CONCURRENCY, DATA_DIR);

  /**
   * The worker's default LAB_MAX_SAFE. The worker rejects a batch limit above it (run-batch exits 1, serve answers
   * 400), while spec.batchLimit allows up to 1000.
   */
  static final int WORKER_DEFAULT_MAX_SAFE = 200;

  /** The worker's local folder, on the writable temp volume because the root filesystem is read-only. */
  static final String DATA_DIR_PATH = "/tmp/prompt-lab";

  private WorkerEnvironment() {
  }

  /** Returns the container's environment in a fixed order, so an unchanged spec gives an unchanged list. */
  public static List<EnvVar> forSpec(PromptLabScheduleSpec spec) {
    WorkerSpec worker = spec.getWorker();
    List<EnvVar> env = new ArrayList<>();

    env.add(secret(DATABASE_URL, worker.getDatabaseUrlSecretRef()));
    if (worker.getOpenRouterApiKeySecretRef() != null) {
      env.add(secret(OPENROUTER_API_KEY, worker.getOpenRouterApiKeySecretRef()));
    }
    int batchLimit = spec.getBatchLimit() == null ? 20 : spec.getBatchLimit();
    env.add(plain(BATCH_LIMIT, String.valueOf(batchLimit)));
    // The spec's batch limit, bounded by the CRD, is the reviewed size of a batch, so the worker's own guard is
    // raised to it and never lowered below its default.
    env.add(plain(MAX_SAFE, String.valueOf(Math.max(WORKER_DEFAULT_MAX_SAFE, batchLimit))));
    if (worker.getModelName() != null) {
      env.add(plain(MODEL_NAME, worker.getModelName()));
    }
    if (worker.getConcurrency() != null) {
      env.add(plain(CONCURRENCY, String.valueOf(worker.getConcurrency())));
    }
    env.add(plain(DATA_DIR, DATA_DIR_PATH));

    if (worker.getEnv() != null) {
      env.addAll(worker.getEnv());
    }
    return env;
  }

  private static EnvVar plain(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  private static EnvVar secret(String name, SecretKeyRef ref) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(ref.getName())
        .withKey(ref.getKey())
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }
}

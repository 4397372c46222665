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
  public static final String JOB_NAME = "LAB_JOB_NAME";
  public static final String POD_NAME = "LAB_POD_NAME";
  public static final String POD_NAMESPACE = "LAB_POD_NAMESPACE";

  /**
   * The pod label that carries the Job's name. The Job API sets it, and the older unprefixed {@code job-name}, on
   * every Job's pods from Kubernetes 1.27, which the CronJob's timeZone needs anyway. On an older cluster the
   * variable is empty, and the worker then records no Job name.
   */
  public static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

  /** Names the operator sets; spec.worker.env may not set them. */
  public static final Set<String> RESERVED_NAMES =
      Set.of(DATABASE_URL, OPENROUTER_API_KEY, BATCH_LIMIT, MAX_SAFE, MODEL_NAME, CONCURRENCY, DATA_DIR, JOB_NAME,
          POD_NAME, POD_NAMESPACE);

  /**
   * The worker's default LAB_MAX_SAFE. The worker rejects a batch limit above it (run-batch exits 1, and serve
   * responds with HTTP 400), while spec.batchLimit allows up to 1000.
   */
  static final int WORKER_DEFAULT_MAX_SAFE = 200;

  /** The worker's local folder, on the writable temp volume because the root filesystem is read-only. */
  static final String DATA_DIR_PATH = "/tmp/prompt-lab";

  private WorkerEnvironment() {
  }

  /** Returns the container's environment in a fixed order, so an unchanged spec gives an unchanged list. */
  public static List<EnvVar> forSpec(PromptLabScheduleSpec spec) {
    List<EnvVar> env = settings(spec);
    return withUserVariables(spec, env);
  }

  /**
   * Returns the environment of a Job's worker container: {@link #forSpec} plus the Job name, pod name and
   * namespace from the downward API, which the worker records as the batch's origin.
   */
  public static List<EnvVar> forJobPod(PromptLabScheduleSpec spec) {
    List<EnvVar> env = settings(spec);
    env.add(field(JOB_NAME, "metadata.labels['" + JOB_NAME_LABEL + "']"));
    env.add(field(POD_NAME, "metadata.name"));
    env.add(field(POD_NAMESPACE, "metadata.namespace"));
    return withUserVariables(spec, env);
  }

  private static List<EnvVar> settings(PromptLabScheduleSpec spec) {
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
    return env;
  }

  private static List<EnvVar> withUserVariables(PromptLabScheduleSpec spec, List<EnvVar> env) {
    if (spec.getWorker().getEnv() != null) {
      env.addAll(spec.getWorker().getEnv());
    }
    return env;
  }

  private static EnvVar field(String name, String fieldPath) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath(fieldPath)
        .endFieldRef()
        .endValueFrom()
        .build();
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

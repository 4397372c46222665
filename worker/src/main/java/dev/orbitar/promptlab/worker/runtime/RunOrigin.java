package dev.orbitar.promptlab.worker.runtime;

import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The origin of a batch (platform, job, task, pod and host), read from the environment that the scheduler sets, for
 * the batch record's {@code origin} map.
 *
 * <p>Cloud Run Jobs set {@code CLOUD_RUN_JOB}, {@code CLOUD_RUN_EXECUTION}, {@code CLOUD_RUN_TASK_INDEX},
 * {@code CLOUD_RUN_TASK_COUNT} and {@code CLOUD_RUN_TASK_ATTEMPT}; Cloud Run services set {@code K_SERVICE} and
 * {@code K_REVISION}. Kubernetes sets {@code HOSTNAME} to the pod name; the Job name and namespace reach the
 * container only through the downward API, as {@code LAB_JOB_NAME} (from the pod label {@code job-name}),
 * {@code LAB_POD_NAME} ({@code metadata.name}) and {@code LAB_POD_NAMESPACE} ({@code metadata.namespace}).
 *
 * <p>The batch table derives a batch's execution from the keys {@code cloudRunJob} and {@code cloudRunExecution},
 * or {@code kubernetesNamespace} and {@code kubernetesJob} (a generated column in the worker's migrations), and a
 * claim skips the tasks that other batches of the same execution finished. Renaming those keys breaks that.
 */
public final class RunOrigin {

    /** Origin key of the Cloud Run job name. */
    public static final String CLOUD_RUN_JOB = "cloudRunJob";
    /** Origin key of the Cloud Run job execution name. */
    public static final String CLOUD_RUN_EXECUTION = "cloudRunExecution";
    /** Origin key of this task's index in the execution, from 0. */
    public static final String CLOUD_RUN_TASK_INDEX = "cloudRunTaskIndex";
    /** Origin key of the number of tasks in the execution. */
    public static final String CLOUD_RUN_TASK_COUNT = "cloudRunTaskCount";
    /** Origin key of this task's attempt number, from 0 for the first attempt. */
    public static final String CLOUD_RUN_TASK_ATTEMPT = "cloudRunTaskAttempt";
    /** Origin key of the Cloud Run service name. */
    public static final String CLOUD_RUN_SERVICE = "cloudRunService";
    /** Origin key of the Cloud Run service revision. */
    public static final String CLOUD_RUN_REVISION = "cloudRunRevision";
    /** Origin key of the Kubernetes Job name. */
    public static final String KUBERNETES_JOB = "kubernetesJob";
    /** Origin key of the Kubernetes pod name. */
    public static final String KUBERNETES_POD = "kubernetesPod";
    /** Origin key of the Kubernetes namespace. */
    public static final String KUBERNETES_NAMESPACE = "kubernetesNamespace";
    /** Origin key of the host name. */
    public static final String HOSTNAME = "hostname";

    private final Map<String, String> origin;

    private RunOrigin(Map<String, String> origin) {
        this.origin = Map.copyOf(origin);
    }

    /** Reads the origin of this process from its environment and host name. */
    public static RunOrigin current() {
        return from(System.getenv(), RunOrigin::localHostName);
    }

    /**
     * Reads the origin from an environment map. The host name comes from {@code HOSTNAME}, else from
     * {@code hostName}; the Cloud Run numbers must be non-negative integers.
     */
    public static RunOrigin from(Map<String, String> env, Supplier<String> hostName) {
        Map<String, String> origin = new LinkedHashMap<>();

        copy(env, "CLOUD_RUN_JOB", origin, CLOUD_RUN_JOB);
        copy(env, "CLOUD_RUN_EXECUTION", origin, CLOUD_RUN_EXECUTION);
        copyCount(env, "CLOUD_RUN_TASK_INDEX", origin, CLOUD_RUN_TASK_INDEX, 0);
        copyCount(env, "CLOUD_RUN_TASK_COUNT", origin, CLOUD_RUN_TASK_COUNT, 1);
        copyCount(env, "CLOUD_RUN_TASK_ATTEMPT", origin, CLOUD_RUN_TASK_ATTEMPT, 0);
        copy(env, "K_SERVICE", origin, CLOUD_RUN_SERVICE);
        copy(env, "K_REVISION", origin, CLOUD_RUN_REVISION);

        copy(env, "LAB_JOB_NAME", origin, KUBERNETES_JOB);
        copy(env, "LAB_POD_NAMESPACE", origin, KUBERNETES_NAMESPACE);
        String pod = value(env, "LAB_POD_NAME");
        if (pod == null && value(env, "KUBERNETES_SERVICE_HOST") != null) {
            // Kubernetes names the container's host after its pod unless the pod spec sets hostname.
            pod = value(env, "HOSTNAME");
        }
        if (pod != null) {
            origin.put(KUBERNETES_POD, pod);
        }

        String host = value(env, "HOSTNAME");
        if (host == null) {
            host = hostName.get();
        }
        if (host != null && !host.isBlank()) {
            origin.put(HOSTNAME, host);
        }

        return new RunOrigin(origin);
    }

    /** Returns the origin map for the batch record; keys are the constants of this class. */
    public Map<String, String> toMap() {
        return origin;
    }

    /** Returns this task's index in a Cloud Run job execution, when it runs in one. */
    public OptionalInt cloudRunTaskIndex() {
        return intValue(CLOUD_RUN_TASK_INDEX);
    }

    /** Returns the number of tasks in the Cloud Run job execution, when it runs in one. */
    public OptionalInt cloudRunTaskCount() {
        return intValue(CLOUD_RUN_TASK_COUNT);
    }

    /** Returns this task's attempt number, 0 for the first attempt, when it runs in a Cloud Run job. */
    public OptionalInt cloudRunTaskAttempt() {
        return intValue(CLOUD_RUN_TASK_ATTEMPT);
    }

    @Override
    public String toString() {
        return "RunOrigin" + origin;
    }

    private OptionalInt intValue(String key) {
        String value = origin.get(key);
        return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value));
    }

    private static void copy(Map<String, String> env, String name, Map<String, String> origin, String key) {
        String value = value(env, name);
        if (value != null) {
            origin.put(key, value);
        }
    }

    private static void copyCount(Map<String, String> env, String name, Map<String, String> origin, String key,
            int minimum) {
        String value = value(env, name);
        if (value == null) {
            return;
        }

        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(name, value, "expected an integer of at least " + minimum
                    + "; Cloud Run sets it, so unset it when running elsewhere");
        }
        if (number < minimum) {
            throw new InvalidSettingException(name, value, "expected an integer of at least " + minimum);
        }
        origin.put(key, Integer.toString(number));
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}

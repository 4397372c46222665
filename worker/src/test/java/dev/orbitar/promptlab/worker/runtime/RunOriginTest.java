package dev.orbitar.promptlab.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunOriginTest {

    @Test
    void cloudRunJobRecorded() {
        RunOrigin origin = RunOrigin.from(Map.of("CLOUD_RUN_JOB", "prompt-lab", "CLOUD_RUN_EXECUTION",
                "prompt-lab-x7k2p", "CLOUD_RUN_TASK_INDEX", "2", "CLOUD_RUN_TASK_COUNT", "4",
                "CLOUD_RUN_TASK_ATTEMPT", "1", "HOSTNAME", "localhost"), () -> "unused");

        assertThat(origin.toMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                RunOrigin.CLOUD_RUN_JOB, "prompt-lab",
                RunOrigin.CLOUD_RUN_EXECUTION, "prompt-lab-x7k2p",
                RunOrigin.CLOUD_RUN_TASK_INDEX, "2",
                RunOrigin.CLOUD_RUN_TASK_COUNT, "4",
                RunOrigin.CLOUD_RUN_TASK_ATTEMPT, "1",
                RunOrigin.HOSTNAME, "localhost"));
    }

    @Test
    void cloudRunNumbersTyped() {
        RunOrigin origin = RunOrigin.from(Map.of("CLOUD_RUN_TASK_INDEX", "2", "CLOUD_RUN_TASK_COUNT", "4",
                "CLOUD_RUN_TASK_ATTEMPT", "0"), () -> "host");

        assertThat(origin.cloudRunTaskIndex()).hasValue(2);
        assertThat(origin.cloudRunTaskCount()).hasValue(4);
        assertThat(origin.cloudRunTaskAttempt()).hasValue(0);
    }

    @Test
    void cloudRunServiceRecorded() {
        RunOrigin origin = RunOrigin.from(Map.of("K_SERVICE", "prompt-lab", "K_REVISION", "prompt-lab-00007-abc"),
                () -> "host");

        assertThat(origin.toMap()).containsEntry(RunOrigin.CLOUD_RUN_SERVICE, "prompt-lab");
        assertThat(origin.toMap()).containsEntry(RunOrigin.CLOUD_RUN_REVISION, "prompt-lab-00007-abc");
    }

    @Test
    void kubernetesDownwardApiRecorded() {
        RunOrigin origin = RunOrigin.from(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "HOSTNAME",
                "hourly-29000000-abcde", "LAB_JOB_NAME", "hourly-29000000", "LAB_POD_NAME", "hourly-29000000-abcde",
                "LAB_POD_NAMESPACE", "prompt-lab"), () -> "unused");

        assertThat(origin.toMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                RunOrigin.KUBERNETES_JOB, "hourly-29000000",
                RunOrigin.KUBERNETES_POD, "hourly-29000000-abcde",
                RunOrigin.KUBERNETES_NAMESPACE, "prompt-lab",
                RunOrigin.HOSTNAME, "hourly-29000000-abcde"));
    }

    @Test
    void kubernetesPodFromHostname() {
        RunOrigin origin = RunOrigin.from(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "HOSTNAME",
                "hourly-29000000-abcde"), () -> "unused");

        assertThat(origin.toMap()).containsEntry(RunOrigin.KUBERNETES_POD, "hourly-29000000-abcde");
        assertThat(origin.toMap()).doesNotContainKey(RunOrigin.KUBERNETES_JOB);
    }

    @Test
    void terminalHasHostnameOnly() {
        RunOrigin origin = RunOrigin.from(Map.of(), () -> "laptop");

        assertThat(origin.toMap()).containsExactlyEntriesOf(Map.of(RunOrigin.HOSTNAME, "laptop"));
        assertThat(origin.cloudRunTaskIndex()).isEmpty();
    }

    @Test
    void blankValuesIgnored() {
        RunOrigin origin = RunOrigin.from(Map.of("CLOUD_RUN_EXECUTION", " ", "LAB_JOB_NAME", ""), () -> null);

        assertThat(origin.toMap()).isEmpty();
    }

    @Test
    void invalidTaskIndexRejected() {
        assertThatThrownBy(() -> RunOrigin.from(Map.of("CLOUD_RUN_TASK_INDEX", "two"), () -> "host"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("CLOUD_RUN_TASK_INDEX 'two'");
    }

    @Test
    void zeroTaskCountRejected() {
        assertThatThrownBy(() -> RunOrigin.from(Map.of("CLOUD_RUN_TASK_COUNT", "0"), () -> "host"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("at least 1");
    }
}

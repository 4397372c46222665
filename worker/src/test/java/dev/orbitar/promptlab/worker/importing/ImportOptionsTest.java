package dev.orbitar.promptlab.worker.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbitar.promptlab.worker.picking.TaskKind;
import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ImportOptionsTest {

    @Test
    void defaultsLeaveEverythingUnset() {
        ImportOptions options = ImportOptions.defaults();

        assertThat(options.kind()).isEqualTo(TaskKind.SAMPLE);
        assertThat(options.format()).isNull();
        assertThat(options.plan()).isNull();
        assertThat(options.category()).isNull();
    }

    @Test
    void badPlanRejected() {
        assertThatThrownBy(() -> ImportOptions.builder().plan("gold").build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid --plan 'gold': accepted values are free, light, pro, admin");
    }

    @Test
    void planCaseIgnored() {
        assertThat(ImportOptions.builder().plan(" Pro ").build().plan()).isEqualTo("pro");
    }

    @Test
    void badKindRejected() {
        assertThatThrownBy(() -> ImportOptions.builder().kind("samples"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid --kind 'samples': accepted values are sample, synthetic");
    }

    @Test
    void badCategoryRejected() {
        assertThatThrownBy(() -> ImportOptions.builder().category("cooking"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid --category 'cooking': accepted values are coding, writing, planning, research, "
                        + "creative, communication, general");
    }

    @Test
    void badFormatRejected() {
        assertThatThrownBy(() -> ImportOptions.builder().format("xml"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid --format 'xml': accepted values are csv, jsonl, ndjson");
    }

    @Test
    void blankColumnRejected() {
        assertThatThrownBy(() -> ImportOptions.builder().textColumn(" ").build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Invalid --text-column ' '");
    }

    @Test
    void blankSourceRejected() {
        assertThatThrownBy(() -> ImportOptions.builder().source("").build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Invalid --source ''");
    }

    @Test
    void planRejectedForSynthetic() {
        assertThatThrownBy(() -> ImportOptions.builder().kind("synthetic").plan("pro").build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("--plan applies to --kind sample only: SyntheticTask has no plan");
    }

    @Test
    void sourceRejectedForSynthetic() {
        assertThatThrownBy(() -> ImportOptions.builder().kind("synthetic").source("user").build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("--source applies to --kind sample only: SyntheticTask has no source");
    }

    @Test
    void formatFromExtension() {
        assertThat(ImportFormat.fromFileName(Path.of("a.CSV"))).isEqualTo(ImportFormat.CSV);
        assertThat(ImportFormat.fromFileName(Path.of("a.ndjson"))).isEqualTo(ImportFormat.JSONL);
        assertThat(ImportFormat.fromFileName(Path.of("a.txt"))).isNull();
        assertThat(ImportFormat.fromFileName(Path.of("noextension"))).isNull();
    }
}

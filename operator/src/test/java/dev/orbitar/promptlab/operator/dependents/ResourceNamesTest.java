package dev.orbitar.promptlab.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceNamesTest {

  @Test
  void shortNameGetsSuffix() {
    assertThat(ResourceNames.cronJobName("hourly")).isEqualTo("hourly-prompt-lab");
  }

  @Test
  void fortyOneCharactersFit() {
    String name = "a".repeat(41);

    assertThat(ResourceNames.cronJobName(name)).isEqualTo(name + "-prompt-lab");
  }

  @Test
  void longNameIsHashed() {
    String name = "b".repeat(60);
    String cronJobName = ResourceNames.cronJobName(name);

    assertThat(cronJobName).hasSize(52);
    assertThat(cronJobName).matches("b{43}-[0-9a-f]{8}");
  }

  @Test
  void nameJustOverLimitIsHashed() {
    String name = "b".repeat(42);
    String cronJobName = ResourceNames.cronJobName(name);

    assertThat(cronJobName).hasSizeLessThanOrEqualTo(52);
    assertThat(cronJobName).matches("b{42}-[0-9a-f]{8}");
  }

  @Test
  void hashIsStable() {
    String name = "weekly-regression-of-the-refinement-templates-for-support";

    assertThat(ResourceNames.cronJobName(name)).isEqualTo(ResourceNames.cronJobName(name));
  }

  @Test
  void samePrefixDiffers() {
    String prefix = "c".repeat(60);

    assertThat(ResourceNames.cronJobName(prefix + "1")).isNotEqualTo(ResourceNames.cronJobName(prefix + "2"));
  }

  @Test
  void trailingSeparatorDropped() {
    String name = "d".repeat(42) + ".-x".repeat(10);

    assertThat(ResourceNames.cronJobName(name)).matches("d{42}-[0-9a-f]{8}");
  }

  @Test
  void labelValueWithinLimit() {
    assertThat(ResourceNames.labelValue("e".repeat(100))).hasSize(63);
  }
}

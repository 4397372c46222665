package dev.orbitar.promptlab.worker.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import org.junit.jupiter.api.Test;

/** The HikariCP configuration built from a DATABASE_URL. */
class DatabasePoolConfigTest {

    private static HikariConfig configOf(String url) {
        return DatabasePoolConfig.hikariConfig(DatabaseUrlParser.parse(url, 4));
    }

    @Test
    void poolGetsUrlUserAndPassword() {
        HikariConfig config = configOf("postgresql://lab:secret@db:6543/app");

        assertThat(config.getJdbcUrl()).isEqualTo("jdbc:postgresql://db:6543/app");
        assertThat(config.getUsername()).isEqualTo("lab");
        assertThat(config.getPassword()).isEqualTo("secret");
        assertThat(config.getDriverClassName()).isEqualTo("org.postgresql.Driver");
    }

    @Test
    void poolSizeAndTimeoutComeFromUrl() {
        HikariConfig config = configOf("postgresql://lab@db/app?connection_limit=3&pool_timeout=7");

        assertThat(config.getMaximumPoolSize()).isEqualTo(3);
        assertThat(config.getConnectionTimeout()).isEqualTo(7_000);
    }

    @Test
    void poolTimeoutZeroWaitsWithoutLimit() {
        HikariConfig config = configOf("postgresql://lab@db/app?pool_timeout=0");

        assertThat(config.getConnectionTimeout()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void driverPropertiesAreCopied() {
        HikariConfig config = configOf("postgresql://lab@db/app?schema=lab&pgbouncer=true");

        assertThat(config.getDataSourceProperties().getProperty("currentSchema")).isEqualTo("lab");
        assertThat(config.getDataSourceProperties().getProperty("prepareThreshold")).isEqualTo("0");
    }

    @Test
    void poolNameHasNoSecret() {
        HikariConfig config = configOf("postgresql://lab:secret@db/app");

        assertThat(config.getPoolName()).isEqualTo("prompt-lab-db");
    }

    @Test
    void noUserLeavesUsernameUnset() {
        HikariConfig config = configOf("postgresql://db/app");

        assertThat(config.getUsername()).isNull();
        assertThat(config.getPassword()).isNull();
    }
}

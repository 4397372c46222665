package dev.orbitar.promptlab.worker.settings;

import com.zaxxer.hikari.HikariConfig;
import java.util.Properties;

/** Builds the HikariCP pool configuration for a {@link DatabaseSettings}: the one place settings meet the pool. */
public final class DatabasePoolConfig {

    /** The pool's name in logs and metrics; it names no host, user or password. */
    public static final String POOL_NAME = "prompt-lab-db";

    private DatabasePoolConfig() {
    }

    /**
     * Builds a pool configuration: the JDBC URL, user and password, every driver property, the maximum pool size
     * and, from pool_timeout, how long a caller waits for a connection.
     */
    public static HikariConfig hikariConfig(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        // Loading the driver by class name avoids DriverManager's service lookup, which a shaded jar can miss.
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(settings.jdbcUrl());

        if (settings.username() != null) {
            config.setUsername(settings.username());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password().reveal());
        }

        Properties driverProperties = new Properties();
        driverProperties.putAll(settings.driverProperties());
        config.setDataSourceProperties(driverProperties);

        config.setMaximumPoolSize(settings.maxPoolSize());
        // HikariCP turns a connection timeout of 0 into Integer.MAX_VALUE ms (about 25 days): Prisma's "no limit".
        config.setConnectionTimeout(settings.poolTimeout().toMillis());
        return config;
    }
}

package dev.orbitar.promptlab.worker.settings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Translates DATABASE_URL into {@link DatabaseSettings}.
 *
 * <p>Two kinds of URL are accepted. A Prisma URL ({@code postgresql://} or {@code postgres://}) carries Prisma's
 * query parameters, which {@link PrismaUrlTranslator} maps onto PostgreSQL JDBC driver properties and pool
 * settings. A JDBC URL ({@code jdbc:postgresql://}) carries the driver's own property names, which
 * {@link JdbcUrlTranslator} passes through after checking each name against the driver. Both kinds may name the
 * user and password before the host, and both reject a parameter they do not know by its name.
 */
public final class DatabaseUrlParser {

    /** Seconds to wait for a new connection when the URL sets no connect_timeout: Prisma's default. */
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;

    /** Seconds a caller waits for a pooled connection when the URL sets no pool_timeout: Prisma's default. */
    public static final int DEFAULT_POOL_TIMEOUT_SECONDS = 10;

    /** The name the worker's sessions show in pg_stat_activity unless the URL sets application_name. */
    public static final String DEFAULT_APPLICATION_NAME = "prompt-lab-worker";

    /** The schema of the application's tables unless the URL sets one. */
    public static final String DEFAULT_SCHEMA = "public";

    /** Connections beyond one per concurrent task when the URL sets no pool size. */
    static final int SPARE_CONNECTIONS = 2;

    // A day: a longer timeout is most likely a typing error.
    static final int MAX_TIMEOUT_SECONDS = 86_400;
    static final int MAX_POOL_SIZE = 1_000;

    private DatabaseUrlParser() {
    }

    /**
     * Parses and validates a DATABASE_URL.
     *
     * @param databaseUrl the URL; surrounding white space (such as the newline a mounted secret ends with) is
     *     ignored
     * @param concurrency LAB_CONCURRENCY, which sets the default pool size
     * @throws InvalidSettingException on the first part of the URL that is invalid, naming it without the password
     */
    public static DatabaseSettings parse(String databaseUrl, int concurrency) {
        DatabaseUrlParts parts = DatabaseUrlParts.parse(databaseUrl.strip());

        if (parts.database().isEmpty()) {
            throw new InvalidSettingException(DatabaseUrlParts.SETTING + " names no database: add it after the host,"
                    + " as in postgresql://USER:PASSWORD@HOST:5432/DATABASE");
        }

        if (parts.scheme().equals("jdbc:postgresql")) {
            return JdbcUrlTranslator.translate(parts, concurrency);
        }
        return PrismaUrlTranslator.translate(parts, concurrency);
    }

    /**
     * Returns the pool size used when the URL sets none. Each concurrent task gets one connection, the batch's
     * own bookkeeping (batch record, lease renewal) one more, and one is spare so that a health check or an HTTP
     * trigger does not wait behind the tasks.
     */
    public static int defaultPoolSize(int concurrency) {
        return concurrency + SPARE_CONNECTIONS;
    }

    /** Builds {@code jdbc:postgresql://host:port/database} with the host bracketed if IPv6. */
    static String jdbcUrl(String host, int port, String database) {
        String urlHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        // The driver form-decodes the database name, so form encoding round-trips every character.
        String encodedDatabase = URLEncoder.encode(database, StandardCharsets.UTF_8);
        return "jdbc:postgresql://" + urlHost + ":" + port + "/" + encodedDatabase;
    }

    /** Parses connection_limit, the pool's maximum size. */
    static int poolSize(String value) {
        return SettingValues.wholeNumber(parameter("connection_limit"), value, 1, MAX_POOL_SIZE,
                "a whole number of connections from 1 to " + MAX_POOL_SIZE);
    }

    /** Parses pool_timeout: seconds a caller waits for a pooled connection, 0 meaning no limit. */
    static Duration poolTimeout(String value) {
        return Duration.ofSeconds(seconds("pool_timeout", value));
    }

    /** Parses a timeout in whole seconds, 0 meaning no limit. */
    static int seconds(String name, String value) {
        return SettingValues.wholeNumber(parameter(name), value, 0, MAX_TIMEOUT_SECONDS,
                "a whole number of seconds from 0 (no limit) to " + MAX_TIMEOUT_SECONDS);
    }

    /** Returns the name errors use for a URL parameter, such as "DATABASE_URL parameter sslmode". */
    static String parameter(String name) {
        return DatabaseUrlParts.SETTING + " parameter " + name;
    }

    /** Builds the error for a parameter this form of URL does not know; the value is not shown. */
    static InvalidSettingException unknownParameter(String name, String accepted) {
        return new InvalidSettingException("Invalid " + DatabaseUrlParts.SETTING + ": unknown parameter '" + name
                + "'; " + accepted);
    }
}

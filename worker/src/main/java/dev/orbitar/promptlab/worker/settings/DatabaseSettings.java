package dev.orbitar.promptlab.worker.settings;

import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;

/**
 * A validated database connection, translated from DATABASE_URL.
 *
 * @param jdbcUrl a {@code jdbc:postgresql://} URL carrying no user name or password
 * @param username the user name, or null to let the driver choose
 * @param password the password, or null
 * @param driverProperties PostgreSQL JDBC driver properties (ssl, timeouts, application name, options, ...)
 * @param schema the PostgreSQL schema holding the application's four tables ({@code public} unless set)
 * @param maxPoolSize the connection pool's maximum size
 * @param poolTimeout how long a caller waits for a pooled connection
 * @param displayUrl the URL for logs and errors: host, port and database, never the password
 */
public record DatabaseSettings(
        String jdbcUrl,
        String username,
        Secret password,
        Properties driverProperties,
        String schema,
        int maxPoolSize,
        Duration poolTimeout,
        String displayUrl) {

    /** Shows the URL, user, pool and driver property names with every password masked. */
    @Override
    public String toString() {
        StringBuilder properties = new StringBuilder();
        for (String name : new TreeSet<>(driverProperties.stringPropertyNames())) {
            boolean secret = name.toLowerCase(Locale.ROOT).contains("password");
            String displayedValue = secret ? "****" : driverProperties.getProperty(name);
            properties.append(properties.length() == 0 ? "" : ", ").append(name).append('=').append(displayedValue);
        }
        return "DatabaseSettings[url=" + displayUrl + ", user=" + username + ", password=" + password
                + ", schema=" + schema + ", maxPoolSize=" + maxPoolSize + ", poolTimeout=" + poolTimeout
                + ", driverProperties={" + properties + "}]";
    }
}

package dev.orbitar.promptlab.worker.settings;

import static dev.orbitar.promptlab.worker.settings.DatabaseUrlParser.parameter;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.postgresql.PGProperty;

/**
 * Reads the query parameters of a {@code jdbc:postgresql://} URL, which are PostgreSQL JDBC driver properties.
 * Each name must be one the driver defines, and a value must be one of the driver's choices where it lists them.
 * Two pool parameters from Prisma URLs, connection_limit and pool_timeout, are accepted too, because no driver
 * property sets them.
 */
final class JdbcUrlTranslator {

    /** Driver properties that hold a secret: their values are never shown in a message. */
    static final Set<String> SECRET_PROPERTIES = Set.of("password", "sslpassword");

    // The URL itself sets these, so a parameter would contradict it.
    private static final Set<String> URL_PROPERTIES = Set.of("PGDBNAME", "PGHOST", "PGPORT");

    private JdbcUrlTranslator() {
    }

    static DatabaseSettings translate(DatabaseUrlParts parts, int concurrency) {
        Properties driverProperties = new Properties();
        String user = parts.user();
        Secret password = parts.password();
        Integer poolSize = null;
        Duration poolTimeout = null;

        for (Map.Entry<String, String> parameter : parts.parameters().entrySet()) {
            String name = parameter.getKey();
            String value = parameter.getValue();
            switch (name) {
                case "user" -> user = single(name, user, value);
                case "password" -> password = singleSecret(password, value);
                case "connection_limit" -> poolSize = DatabaseUrlParser.poolSize(value);
                case "pool_timeout" -> poolTimeout = DatabaseUrlParser.poolTimeout(value);
                default -> driverProperties.setProperty(name, driverValue(name, value));
            }
        }

        if (parts.host().isEmpty()) {
            throw new InvalidSettingException(DatabaseUrlParts.SETTING + " names no host: add it after"
                    + " jdbc:postgresql://, as in jdbc:postgresql://HOST:5432/DATABASE");
        }
        driverProperties.putIfAbsent("ApplicationName", DatabaseUrlParser.DEFAULT_APPLICATION_NAME);
        String options = driverProperties.getProperty("options");
        if (options == null || !PrismaUrlTranslator.SETS_SEARCH_PATH.matcher(options).find()) {
            driverProperties.putIfAbsent("currentSchema", DatabaseUrlParser.DEFAULT_SCHEMA);
        }

        return new DatabaseSettings(
                DatabaseUrlParser.jdbcUrl(parts.host(), parts.port(), parts.database()),
                user,
                password,
                driverProperties,
                schemaOf(driverProperties.getProperty("currentSchema")),
                poolSize == null ? DatabaseUrlParser.defaultPoolSize(concurrency) : poolSize,
                poolTimeout == null ? Duration.ofSeconds(DatabaseUrlParser.DEFAULT_POOL_TIMEOUT_SECONDS) : poolTimeout,
                parts.displayUrl());
    }

    private static String driverValue(String name, String value) {
        PGProperty property = PGProperty.forName(name);
        if (property == null || URL_PROPERTIES.contains(name)) {
            throw DatabaseUrlParser.unknownParameter(name, "a jdbc:postgresql:// URL accepts the PostgreSQL JDBC"
                    + " driver's property names (case-sensitive), connection_limit and pool_timeout");
        }

        String[] choices = property.getChoices();
        if (choices != null && !Arrays.asList(choices).contains(value)) {
            String valueInMessage = SECRET_PROPERTIES.contains(name) ? "(hidden)" : value;
            throw new InvalidSettingException(parameter(name), valueInMessage, SettingValues.oneOf(List.of(choices)));
        }
        return value;
    }

    private static String single(String name, String fromUserInfo, String value) {
        if (fromUserInfo != null) {
            throw new InvalidSettingException("Invalid " + DatabaseUrlParts.SETTING + ": the " + name
                    + " is given both before the host and as a parameter; keep one");
        }
        return value.isEmpty() ? null : value;
    }

    private static Secret singleSecret(Secret fromUserInfo, String value) {
        if (fromUserInfo != null) {
            throw new InvalidSettingException("Invalid " + DatabaseUrlParts.SETTING + ": the password is given"
                    + " both before the host and as a parameter; keep one");
        }
        return Secret.ofNullable(value);
    }

    /** Takes the first schema of a currentSchema list, without quotes, as the application's schema. */
    private static String schemaOf(String currentSchema) {
        if (currentSchema == null || currentSchema.isBlank()) {
            return DatabaseUrlParser.DEFAULT_SCHEMA;
        }
        String first = currentSchema.split(",", 2)[0].strip();
        if (first.length() >= 2 && first.startsWith("\"") && first.endsWith("\"")) {
            return first.substring(1, first.length() - 1).replace("\"\"", "\"");
        }
        return first;
    }
}

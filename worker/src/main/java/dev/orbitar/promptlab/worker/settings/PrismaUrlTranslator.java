package dev.orbitar.promptlab.worker.settings;

import static dev.orbitar.promptlab.worker.settings.DatabaseUrlParser.parameter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Maps the query parameters of a Prisma {@code postgresql://} URL onto PostgreSQL JDBC driver properties
 * (pgjdbc 42.7) and pool settings. The table of what each parameter becomes is in docs/settings.md.
 */
final class PrismaUrlTranslator {

    static final List<String> PARAMETERS = List.of(
            "schema", "sslmode", "sslaccept", "sslcert", "sslidentity", "sslpassword", "connect_timeout",
            "socket_timeout", "connection_limit", "pool_timeout", "pgbouncer", "statement_cache_size",
            "application_name", "options", "channel_binding", "host");

    /** junixsocket's factory that pgjdbc instantiates with the socket file path as its one argument. */
    static final String UNIX_SOCKET_FACTORY = "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg";

    // PostgreSQL truncates identifiers to NAMEDATALEN - 1 = 63 bytes, which would name another schema.
    private static final int MAX_IDENTIFIER_BYTES = 63;
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");
    static final Pattern SETS_SEARCH_PATH = Pattern.compile("search_path\\s*=", Pattern.CASE_INSENSITIVE);

    private final DatabaseUrlParts parts;
    private final Properties driverProperties = new Properties();

    private String schema;
    private String sslMode;
    private String sslAccept;
    private String caCertificate;
    private String clientIdentity;
    private Secret sslPassword;
    private String options;
    private String socketDirectory;
    private Integer poolSize;
    private Duration poolTimeout;

    private PrismaUrlTranslator(DatabaseUrlParts parts) {
        this.parts = parts;
    }

    static DatabaseSettings translate(DatabaseUrlParts parts, int concurrency) {
        PrismaUrlTranslator translator = new PrismaUrlTranslator(parts);
        for (Map.Entry<String, String> parameter : parts.parameters().entrySet()) {
            translator.read(parameter.getKey(), parameter.getValue());
        }
        return translator.settings(concurrency);
    }

    private void read(String name, String value) {
        switch (name) {
            case "schema" -> schema = schemaName(value);
            case "sslmode" -> sslMode = SettingValues.choice(parameter(name), value,
                    List.of("disable", "prefer", "require"));
            case "sslaccept" -> sslAccept = SettingValues.choice(parameter(name), value,
                    List.of("strict", "accept_invalid_certs"));
            case "sslcert" -> caCertificate = readableFile(name, value, "the CA certificate file (PEM or DER)");
            case "sslidentity" -> clientIdentity = clientIdentityFile(value);
            case "sslpassword" -> sslPassword = Secret.ofNullable(value);
            case "connect_timeout" -> setConnectTimeout(DatabaseUrlParser.seconds(name, value));
            case "socket_timeout" -> driverProperties.setProperty("socketTimeout",
                    Integer.toString(DatabaseUrlParser.seconds(name, value)));
            case "connection_limit" -> poolSize = DatabaseUrlParser.poolSize(value);
            case "pool_timeout" -> poolTimeout = DatabaseUrlParser.poolTimeout(value);
            case "pgbouncer" -> {
                // PgBouncer in transaction mode hands each transaction to any server connection, where a
                // server-side prepared statement from an earlier transaction may not exist.
                if (SettingValues.bool(parameter(name), value)) {
                    driverProperties.setProperty("prepareThreshold", "0");
                }
            }
            case "statement_cache_size" -> driverProperties.setProperty("preparedStatementCacheQueries",
                    Integer.toString(SettingValues.wholeNumber(parameter(name), value, 0, Integer.MAX_VALUE,
                            "a whole number of statements from 0 (no cache) up")));
            case "application_name" -> driverProperties.setProperty("ApplicationName", nonEmpty(name, value,
                    "a name for pg_stat_activity, such as prompt-lab-worker"));
            case "options" -> options = nonEmpty(name, value, "server options, such as -c statement_timeout=30s");
            case "channel_binding" -> driverProperties.setProperty("channelBinding",
                    SettingValues.choice(parameter(name), value, List.of("disable", "prefer", "require")));
            case "host" -> socketDirectory = socketDirectory(value);
            default -> throw DatabaseUrlParser.unknownParameter(name,
                    "a postgresql:// URL accepts " + SettingValues.oneOf(PARAMETERS));
        }
    }

    private DatabaseSettings settings(int concurrency) {
        String appSchema = schema == null ? DatabaseUrlParser.DEFAULT_SCHEMA : schema;
        applySearchPath(appSchema);
        applyTls();
        applySocket();
        driverProperties.putIfAbsent("ApplicationName", DatabaseUrlParser.DEFAULT_APPLICATION_NAME);
        if (!driverProperties.containsKey("connectTimeout")) {
            setConnectTimeout(DatabaseUrlParser.DEFAULT_CONNECT_TIMEOUT_SECONDS);
        }

        if (parts.host().isEmpty() && socketDirectory == null) {
            throw new InvalidSettingException(DatabaseUrlParts.SETTING + " names no host: add it after the '@',"
                    + " as in postgresql://USER:PASSWORD@HOST:5432/DATABASE");
        }
        // The driver still needs a host name when a socket factory ignores it.
        String jdbcHost = socketDirectory == null ? parts.host() : "localhost";
        String displayUrl = socketDirectory == null
                ? parts.displayUrl()
                : parts.displayUrl() + "?host=" + socketDirectory;

        return new DatabaseSettings(
                DatabaseUrlParser.jdbcUrl(jdbcHost, parts.port(), parts.database()),
                parts.user(),
                parts.password(),
                driverProperties,
                appSchema,
                poolSize == null ? DatabaseUrlParser.defaultPoolSize(concurrency) : poolSize,
                poolTimeout == null ? Duration.ofSeconds(DatabaseUrlParser.DEFAULT_POOL_TIMEOUT_SECONDS) : poolTimeout,
                displayUrl);
    }

    /**
     * Sets the search path so that unqualified SQL finds the application's tables. The driver sends currentSchema
     * as the search_path startup parameter, which PostgreSQL applies after the options parameter (seen with
     * PostgreSQL 14), so a search_path in options takes effect only when currentSchema is left unset.
     */
    private void applySearchPath(String appSchema) {
        boolean optionsSetSearchPath = options != null && SETS_SEARCH_PATH.matcher(options).find();
        if (optionsSetSearchPath && schema != null) {
            throw new InvalidSettingException("Invalid " + DatabaseUrlParts.SETTING + ": parameters schema and"
                    + " options both set the search path; keep schema, which names the application's tables,"
                    + " or remove it and keep options");
        }

        if (!optionsSetSearchPath) {
            driverProperties.setProperty("currentSchema", quoteIdentifier(appSchema));
        }
        if (options != null) {
            driverProperties.setProperty("options", options);
        }
    }

    /**
     * Maps Prisma's sslmode and sslaccept onto the driver's sslmode. Prisma checks the server certificate only
     * with sslaccept=strict, which becomes verify-full (certificate chain and host name). With pgjdbc's default
     * SSL factory, sslmode prefer and require encrypt without checking the certificate, which is Prisma's
     * default accept_invalid_certs, and unlike the driver's NonValidatingFactory they still send a client
     * identity.
     */
    private void applyTls() {
        String mode = sslMode == null ? "prefer" : sslMode;
        boolean tlsParametersGiven = sslAccept != null || caCertificate != null || clientIdentity != null
                || sslPassword != null;

        if (mode.equals("disable") && tlsParametersGiven) {
            throw new InvalidSettingException("Invalid " + DatabaseUrlParts.SETTING + ": sslmode=disable turns"
                    + " TLS off, so sslaccept, sslcert, sslidentity and sslpassword have no effect; set"
                    + " sslmode=require or remove them");
        }
        if (sslPassword != null && clientIdentity == null) {
            throw new InvalidSettingException("Invalid " + DatabaseUrlParts.SETTING + ": sslpassword is set"
                    + " without sslidentity; it unlocks the PKCS#12 file that sslidentity names");
        }

        // NOTE: prefer with strict becomes verify-full, which needs TLS, where Prisma would fall back to plain.
        boolean strict = "strict".equals(sslAccept);
        driverProperties.setProperty("sslmode", strict ? "verify-full" : mode);
        if (caCertificate != null) {
            driverProperties.setProperty("sslrootcert", caCertificate);
        }
        if (clientIdentity != null) {
            driverProperties.setProperty("sslkey", clientIdentity);
        }
        if (sslPassword != null) {
            driverProperties.setProperty("sslpassword", sslPassword.reveal());
        }
    }

    /** Connects through the Unix socket {@code <directory>/.s.PGSQL.<port>}, the file name PostgreSQL uses. */
    private void applySocket() {
        if (socketDirectory == null) {
            return;
        }

        String mode = sslMode == null ? "prefer" : sslMode;
        if (!mode.equals("prefer") && !mode.equals("disable") || sslAccept != null || caCertificate != null
                || clientIdentity != null) {
            throw new InvalidSettingException("Invalid " + DatabaseUrlParts.SETTING + ": PostgreSQL does not"
                    + " offer TLS on a Unix socket (parameter host); remove the ssl parameters");
        }
        try {
            Class.forName(UNIX_SOCKET_FACTORY, false, PrismaUrlTranslator.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new InvalidSettingException(parameter("host"), socketDirectory,
                    "Unix sockets need junixsocket on the class path; connect over TCP instead");
        }

        driverProperties.setProperty("sslmode", "disable");
        driverProperties.setProperty("socketFactory", UNIX_SOCKET_FACTORY);
        driverProperties.setProperty("socketFactoryArg",
                Path.of(socketDirectory).resolve(".s.PGSQL." + parts.port()).toString());
    }

    private void setConnectTimeout(int seconds) {
        // connectTimeout covers the TCP connect only; loginTimeout also covers TLS and authentication, as
        // Prisma's connect_timeout does.
        driverProperties.setProperty("connectTimeout", Integer.toString(seconds));
        driverProperties.setProperty("loginTimeout", Integer.toString(seconds));
    }

    private static String schemaName(String value) {
        if (value.isEmpty() || value.indexOf('\0') >= 0
                || value.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
            throw new InvalidSettingException(parameter("schema"), value,
                    "a schema name of 1 to " + MAX_IDENTIFIER_BYTES + " bytes, such as public");
        }
        return value;
    }

    /** Quotes a schema name for search_path unless it is a plain lower-case identifier, as Prisma does. */
    static String quoteIdentifier(String name) {
        if (PLAIN_IDENTIFIER.matcher(name).matches()) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String clientIdentityFile(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        // pgjdbc reads sslkey as PKCS#12 only when the file name ends in .p12 or .pfx, and as a PKCS#8 key otherwise.
        if (!lower.endsWith(".p12") && !lower.endsWith(".pfx")) {
            throw new InvalidSettingException(parameter("sslidentity"), value,
                    "a PKCS#12 client identity file whose name ends in .p12 or .pfx; rename the file if needed");
        }
        return readableFile("sslidentity", value, "a PKCS#12 client identity file (.p12 or .pfx)");
    }

    /**
     * Resolves a file path against the working directory and checks the file can be read.
     * NOTE: Prisma resolves these paths against the folder of schema.prisma; here they are resolved against the
     * worker's working directory, so an absolute path is the safe form.
     */
    private static String readableFile(String name, String value, String accepted) {
        Path path;
        try {
            path = Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(parameter(name), value, accepted);
        }
        if (value.isEmpty() || !Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new InvalidSettingException(parameter(name), value,
                    accepted + " that exists and can be read (relative paths start at the working directory)");
        }
        return path.toString();
    }

    private static String socketDirectory(String value) {
        if (!value.startsWith("/") || value.indexOf('\0') >= 0) {
            throw new InvalidSettingException(parameter("host"), value,
                    "the absolute path of the folder holding the server's Unix socket, such as /var/run/postgresql");
        }
        return value.length() > 1 && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private static String nonEmpty(String name, String value, String accepted) {
        if (value.isBlank()) {
            throw new InvalidSettingException(parameter(name), value, accepted);
        }
        return value;
    }
}

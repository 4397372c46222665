package dev.orbitar.promptlab.worker.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.orbitar.promptlab.worker.experiments.ExperimentRunMapper;
import dev.orbitar.promptlab.worker.picking.TaskClaimMapper;
import dev.orbitar.promptlab.worker.picking.TaskKind;
import dev.orbitar.promptlab.worker.picking.TaskKindTypeHandler;
import dev.orbitar.promptlab.worker.settings.DatabasePoolConfig;
import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import java.time.Instant;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

/**
 * A connection pool and the MyBatis session factory over it, for one database holding the application's four tables
 * (in {@link #appSchema()}) and the worker's own bookkeeping (in {@link #workerSchema()}).
 *
 * <p>Every connection runs with the session time zone UTC, so database defaults such as {@code CURRENT_TIMESTAMP}
 * store UTC in {@code TIMESTAMP WITHOUT TIME ZONE} columns. The PostgreSQL driver would otherwise set the session
 * zone to the JVM's zone.
 */
public final class Database implements AutoCloseable {

    /** The worker's own schema unless the caller names another. */
    public static final String DEFAULT_WORKER_SCHEMA = "prompt_lab";

    // Schema names are put into SQL text (quoted), so only plain identifiers are accepted.
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final HikariDataSource dataSource;
    private final SqlSessionFactory sessionFactory;
    private final String appSchema;
    private final String workerSchema;

    private Database(HikariDataSource dataSource, String appSchema, String workerSchema) {
        this.dataSource = dataSource;
        this.appSchema = appSchema;
        this.workerSchema = workerSchema;
        this.sessionFactory = new SqlSessionFactoryBuilder().build(mybatisConfiguration());
    }

    /** Opens a pool with the worker's schema {@value #DEFAULT_WORKER_SCHEMA}. */
    public static Database open(DatabaseSettings settings) {
        return open(settings, DEFAULT_WORKER_SCHEMA);
    }

    /**
     * Opens a pool to the database in {@code settings}, with the worker's bookkeeping in {@code workerSchema}.
     *
     * @throws InvalidSettingException when a schema name is not a plain identifier, or both name the same schema
     */
    public static Database open(DatabaseSettings settings, String workerSchema) {
        String appSchema = settings.schema() == null || settings.schema().isBlank() ? "public" : settings.schema();
        // The application's schema always comes from DATABASE_URL (Prisma's schema or the JDBC currentSchema).
        checkSchemaName("DATABASE_URL schema", appSchema);
        checkSchemaName("worker schema", workerSchema);
        if (appSchema.equals(workerSchema)) {
            throw new InvalidSettingException("The worker schema '" + workerSchema
                    + "' must differ from the application's schema, so the application's migrations never see the"
                    + " worker's tables; choose another worker schema");
        }

        HikariConfig config = DatabasePoolConfig.hikariConfig(settings);
        config.setConnectionInitSql("SET TIME ZONE 'UTC'");
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("Cannot connect to the database at " + settings.displayUrl()
                    + ": " + innermostMessage(e) + ". Check DATABASE_URL and that the server accepts connections", e);
        }
        return new Database(dataSource, appSchema, workerSchema);
    }

    /** Returns the pool, for Flyway and for tests that read rows with plain JDBC. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Returns the schema holding SyntheticTask, PromptSample, LabRun and LabScore. */
    public String appSchema() {
        return appSchema;
    }

    /** Returns the schema holding the worker's batches, claims and usage. */
    public String workerSchema() {
        return workerSchema;
    }

    /** Opens a session with auto-commit off; commit it with {@code commit(true)} (see {@link Transactions}). */
    public SqlSession openSession() {
        return sessionFactory.openSession(false);
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private Configuration mybatisConfiguration() {
        Configuration configuration = new Configuration(
                new Environment("prompt-lab", new JdbcTransactionFactory(), dataSource));
        configuration.setMapUnderscoreToCamelCase(true);

        // Mapper XML reads the schema names as ${appSchema} and ${workerSchema}, substituted once when parsed.
        Properties variables = new Properties();
        variables.setProperty("appSchema", appSchema);
        variables.setProperty("workerSchema", workerSchema);
        configuration.setVariables(variables);

        configuration.getTypeHandlerRegistry().register(Instant.class, new UtcInstantTypeHandler());
        configuration.getTypeHandlerRegistry().register(TaskKind.class, new TaskKindTypeHandler());

        configuration.addMapper(LabRunMapper.class);
        configuration.addMapper(LabScoreMapper.class);
        configuration.addMapper(RunUsageMapper.class);
        configuration.addMapper(BatchMapper.class);
        configuration.addMapper(DemoDataMapper.class);
        configuration.addMapper(TaskClaimMapper.class);
        configuration.addMapper(ExperimentRunMapper.class);
        return configuration;
    }

    // The pool wraps the driver's error; the innermost one names the cause (refused, timed out, bad password).
    private static String innermostMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().strip();
    }

    private static void checkSchemaName(String setting, String name) {
        if (name == null || !SCHEMA_NAME.matcher(name).matches()) {
            throw new InvalidSettingException(setting, String.valueOf(name),
                    "use 1 to 63 letters, digits or underscores, starting with a letter or underscore");
        }
    }
}

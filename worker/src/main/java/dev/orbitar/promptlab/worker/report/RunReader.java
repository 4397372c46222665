package dev.orbitar.promptlab.worker.report;

import java.util.List;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

/** Reads the runs a report covers through {@link ReportMapper}, in one read-only session. */
public final class RunReader {

    private final SqlSessionFactory sessions;
    private final String quotedAppSchema;
    private final String quotedWorkerSchema;

    public RunReader(ReportDatabase database) {
        this.quotedAppSchema = quoteIdentifier(database.appSchema());
        this.quotedWorkerSchema = quoteIdentifier(database.workerSchema());

        Configuration configuration =
                new Configuration(new Environment("report", new JdbcTransactionFactory(), database.dataSource()));
        configuration.addMapper(ReportMapper.class);
        this.sessions = new SqlSessionFactoryBuilder().build(configuration);
    }

    /** Returns the runs matching the filter, oldest first. */
    public List<RunRow> read(ReportFilter filter) {
        try (SqlSession session = sessions.openSession()) {
            return session.getMapper(ReportMapper.class).selectRuns(quotedAppSchema, quotedWorkerSchema,
                    filter.since(), filter.until(), filter.category(), filter.model(), filter.engine());
        }
    }

    /**
     * Quotes a schema name as a PostgreSQL identifier, so it can be spliced into SQL whatever it contains.
     *
     * @throws IllegalArgumentException when the name is blank
     */
    static String quoteIdentifier(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Schema name is missing: set the application and worker schemas");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}

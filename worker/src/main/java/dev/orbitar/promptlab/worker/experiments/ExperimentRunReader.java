package dev.orbitar.promptlab.worker.experiments;

import dev.orbitar.promptlab.worker.report.ReportDatabase;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

/** Reads the runs of one experiment through {@link ExperimentReportMapper}, in one read-only session. */
public final class ExperimentRunReader {

    private final SqlSessionFactory sessions;
    private final ReportDatabase database;

    public ExperimentRunReader(ReportDatabase database) {
        this.database = database;
        Configuration configuration =
                new Configuration(new Environment("experiments", new JdbcTransactionFactory(), database.dataSource()));
        configuration.addMapper(ExperimentReportMapper.class);
        this.sessions = new SqlSessionFactoryBuilder().build(configuration);
    }

    /** Returns the experiment's runs created in the window (null bounds are open), oldest first. */
    public List<ExperimentRun> read(String experiment, Instant since, Instant until) {
        try (SqlSession session = sessions.openSession()) {
            return session.getMapper(ExperimentReportMapper.class).selectRuns(quote(database.appSchema()),
                    quote(database.workerSchema()), experiment, since, until);
        }
    }

    // Schema names are spliced into the SQL text, so they are quoted as PostgreSQL identifiers.
    private static String quote(String schema) {
        if (schema == null || schema.isBlank()) {
            throw new IllegalArgumentException("Schema name is missing: set the application and worker schemas");
        }
        return '"' + schema.replace("\"", "\"\"") + '"';
    }
}

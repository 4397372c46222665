package dev.orbitar.promptlab.worker.report;

import javax.sql.DataSource;

/**
 * Database access for the report: the application's tables and the worker's usage records. The integrator
 * implements it over the worker's connection pool, and the report never closes the data source.
 */
public interface ReportDatabase {

    /** Returns the pool that hands out connections to the Lab database. */
    DataSource dataSource();

    /** Returns the PostgreSQL schema holding LabRun, LabScore, SyntheticTask and PromptSample. */
    String appSchema();

    /** Returns the PostgreSQL schema holding the worker's own tables, among them the per-run usage. */
    String workerSchema();

    /** Returns a fixed database description. */
    static ReportDatabase of(DataSource dataSource, String appSchema, String workerSchema) {
        return new ReportDatabase() {
            @Override
            public DataSource dataSource() {
                return dataSource;
            }

            @Override
            public String appSchema() {
                return appSchema;
            }

            @Override
            public String workerSchema() {
                return workerSchema;
            }
        };
    }
}

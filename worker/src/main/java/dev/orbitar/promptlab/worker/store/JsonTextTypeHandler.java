package dev.orbitar.promptlab.worker.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

/**
 * Writes a value as JSON text into a {@code TEXT} column (LabScore.metricsJson, SyntheticTask.tags, the batch
 * origin) and reads it back as a generic JSON value: objects become maps, arrays become lists.
 *
 * <p>Mappers name it per parameter ({@code typeHandler=...}) because the same Java types elsewhere are not JSON.
 */
public final class JsonTextTypeHandler extends BaseTypeHandler<Object> {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Override
    public void setNonNullParameter(PreparedStatement statement, int index, Object value, JdbcType jdbcType)
            throws SQLException {
        statement.setString(index, write(value));
    }

    @Override
    public Object getNullableResult(ResultSet resultSet, String columnName) throws SQLException {
        return read(resultSet.getString(columnName));
    }

    @Override
    public Object getNullableResult(ResultSet resultSet, int columnIndex) throws SQLException {
        return read(resultSet.getString(columnIndex));
    }

    @Override
    public Object getNullableResult(CallableStatement statement, int columnIndex) throws SQLException {
        return read(statement.getString(columnIndex));
    }

    /** Serialises a value as JSON text; the SQLException rolls back the statement's transaction. */
    static String write(Object value) throws SQLException {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SQLException("Cannot write " + value.getClass().getName() + " as JSON text: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static Object read(String text) throws SQLException {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("Invalid JSON text in a JSON column: " + e.getOriginalMessage(), e);
        }
    }
}

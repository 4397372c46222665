package dev.orbitar.promptlab.worker.picking;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

/** Maps {@link TaskKind} to its wire value ({@code synthetic} or {@code sample}), as LabRun.taskType stores it. */
public final class TaskKindTypeHandler extends BaseTypeHandler<TaskKind> {

    @Override
    public void setNonNullParameter(PreparedStatement statement, int index, TaskKind kind, JdbcType jdbcType)
            throws SQLException {
        statement.setString(index, kind.wireValue());
    }

    @Override
    public TaskKind getNullableResult(ResultSet resultSet, String columnName) throws SQLException {
        return fromWire(resultSet.getString(columnName));
    }

    @Override
    public TaskKind getNullableResult(ResultSet resultSet, int columnIndex) throws SQLException {
        return fromWire(resultSet.getString(columnIndex));
    }

    @Override
    public TaskKind getNullableResult(CallableStatement statement, int columnIndex) throws SQLException {
        return fromWire(statement.getString(columnIndex));
    }

    private static TaskKind fromWire(String value) throws SQLException {
        if (value == null) {
            return null;
        }
        for (TaskKind kind : TaskKind.values()) {
            if (kind.wireValue().equals(value)) {
                return kind;
            }
        }
        throw new SQLException("Unknown task kind '" + value + "': expected synthetic or sample");
    }
}

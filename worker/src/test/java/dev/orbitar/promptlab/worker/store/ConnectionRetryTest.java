package dev.orbitar.promptlab.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ibatis.exceptions.PersistenceException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConnectionRetryTest {

    @ParameterizedTest
    @CsvSource({
        "08006, true",
        "08001, true",
        "57P01, true",
        "57P03, true",
        "23505, false",
        "28P01, false",
        "40001, false"
    })
    void sqlStateDecidesRetry(String state, boolean retried) {
        PersistenceException error = new PersistenceException("### Error", new SQLException("failed", state));

        assertThat(ConnectionRetry.isConnectionFailure(error)).isEqualTo(retried);
    }

    @Test
    void poolTimeoutRetried() {
        SQLTransientConnectionException timeout = new SQLTransientConnectionException("request timed out");

        assertThat(ConnectionRetry.isConnectionFailure(new PersistenceException(timeout))).isTrue();
    }

    @Test
    void errorWithoutSqlCauseNotRetried() {
        assertThat(ConnectionRetry.isConnectionFailure(new IllegalStateException("no"))).isFalse();
    }

    @Test
    void retriesUntilWorkSucceeds() {
        AtomicInteger calls = new AtomicInteger();

        String result = new ConnectionRetry(Duration.ofSeconds(10)).call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw connectionLost();
            }
            return "stored";
        });

        assertThat(result).isEqualTo("stored");
        assertThat(calls).hasValue(3);
    }

    @Test
    void givesUpWhenWindowEnds() {
        AtomicInteger calls = new AtomicInteger();
        ConnectionRetry retry = new ConnectionRetry(Duration.ofMillis(600));

        assertThatThrownBy(() -> retry.call(() -> {
            calls.incrementAndGet();
            throw connectionLost();
        })).isInstanceOf(PersistenceException.class);
        // Pauses of 250 and 500 ms: the second would end past the window.
        assertThat(calls).hasValue(2);
    }

    @Test
    void otherErrorThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        ConnectionRetry retry = new ConnectionRetry(Duration.ofSeconds(10));

        assertThatThrownBy(() -> retry.call(() -> {
            calls.incrementAndGet();
            throw new PersistenceException(new SQLException("duplicate key", "23505"));
        })).isInstanceOf(PersistenceException.class);
        assertThat(calls).hasValue(1);
    }

    private static PersistenceException connectionLost() {
        return new PersistenceException(new SQLException("terminating connection due to administrator command",
                "57P01"));
    }
}

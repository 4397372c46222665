package dev.orbitar.promptlab.worker.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The database password and the TLS key password appear in no message, display URL or toString. */
class SecretLeakTest {

    private static final String PASSWORD = "Zq9pW3xK";

    /** URLs that are invalid for many reasons, each carrying the password somewhere. */
    static List<String> invalidUrls() {
        return List.of(
                "mysql://lab:" + PASSWORD + "@db/app",
                "postgresql://lab:" + PASSWORD + "@db/app?sslmode=verify-full",
                "postgresql://lab:" + PASSWORD + "@db/app?unknown=1",
                "postgresql://lab:" + PASSWORD + "@db/app?connect_timeout=x",
                "postgresql://lab:" + PASSWORD + "@db/app?pgbouncer=maybe",
                "postgresql://lab:" + PASSWORD + "@db:99999/app",
                "postgresql://lab:" + PASSWORD + "@db",
                "postgresql://lab:" + PASSWORD + "@/app",
                "postgresql://lab:" + PASSWORD + "@db1,db2/app",
                "postgresql://lab:" + PASSWORD + "@[::1/app",
                "postgresql://lab:" + PASSWORD + "%zz@db/app",
                "postgresql://lab:" + PASSWORD + "#@db/app",
                "postgresql://lab:" + PASSWORD + "/x@db/app",
                "postgresql://lab:" + PASSWORD + "?x@db/app",
                "postgresql://lab:" + PASSWORD.substring(0, 4) + ":" + PASSWORD.substring(4) + "@db/app?x=1",
                "postgresql://lab:pw@db/app?sslmode=require&sslpassword=" + PASSWORD,
                "postgresql://lab:pw@db/app?sslmode=disable&sslpassword=" + PASSWORD,
                "postgresql://lab@db/app?passwd=" + PASSWORD,
                "postgresql://" + PASSWORD + "@db:x/app",
                "postgresql://lab:" + PASSWORD,
                "postgresql://lab:" + PASSWORD + "@db/app/x",
                "jdbc:postgresql://db/app?password=" + PASSWORD + "&sslmode=nope",
                "jdbc:postgresql://db/app?sslpassword=" + PASSWORD + "&bogus=1",
                "jdbc:postgresql://lab:one@db/app?password=" + PASSWORD);
    }

    @ParameterizedTest
    @MethodSource("invalidUrls")
    void rejectionMessageHasNoPassword(String url) {
        String message = null;
        try {
            DatabaseUrlParser.parse(url, 4);
        } catch (InvalidSettingException e) {
            message = e.getMessage();
        }

        assertThat(message).isNotNull();
        assertThat(message).doesNotContain(PASSWORD);
        assertThat(message).doesNotContain(PASSWORD.substring(4));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "postgresql://lab:" + PASSWORD + "@db/app",
        "postgresql://lab:" + PASSWORD + "@[::1]:6000/app?schema=x",
        "jdbc:postgresql://db/app?user=lab&password=" + PASSWORD,
        "postgresql://lab:" + PASSWORD + "@localhost/app?host=/tmp"})
    void settingsShowNoPassword(String url) {
        DatabaseSettings settings = DatabaseUrlParser.parse(url, 4);

        assertThat(settings.displayUrl()).doesNotContain(PASSWORD);
        assertThat(settings.toString()).doesNotContain(PASSWORD);
        assertThat(settings.jdbcUrl()).doesNotContain(PASSWORD);
        assertThat(settings.password().reveal()).isEqualTo(PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sslpassword", "password"})
    void toStringMasksPasswordProperties(String name) {
        DatabaseSettings settings = DatabaseUrlParser.parse("jdbc:postgresql://db/app?sslmode=require", 4);
        settings.driverProperties().setProperty(name, PASSWORD);

        assertThat(settings.toString()).doesNotContain(PASSWORD);
        assertThat(settings.toString()).contains(name + "=****");
    }
}

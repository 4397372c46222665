package dev.orbitar.promptlab.worker.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A jdbc:postgresql:// URL carries the driver's own property names. */
class JdbcUrlTranslatorTest {

    private static DatabaseSettings parse(String url) {
        return DatabaseUrlParser.parse(url, 4);
    }

    @Test
    void driverPropertiesPassThrough() {
        Properties properties = parse("jdbc:postgresql://db/app?sslmode=verify-ca&sslrootcert=/ca.pem"
                + "&prepareThreshold=0&tcpKeepAlive=true").driverProperties();

        assertThat(properties.getProperty("sslmode")).isEqualTo("verify-ca");
        assertThat(properties.getProperty("sslrootcert")).isEqualTo("/ca.pem");
        assertThat(properties.getProperty("prepareThreshold")).isEqualTo("0");
        assertThat(properties.getProperty("tcpKeepAlive")).isEqualTo("true");
    }

    @Test
    void currentSchemaSetsSchema() {
        DatabaseSettings settings = parse("jdbc:postgresql://db/app?currentSchema=%22LabApp%22,public");

        assertThat(settings.schema()).isEqualTo("LabApp");
        assertThat(settings.driverProperties().getProperty("currentSchema")).isEqualTo("\"LabApp\",public");
    }

    @Test
    void defaultsApply() {
        DatabaseSettings settings = parse("jdbc:postgresql://db/app");

        assertThat(settings.schema()).isEqualTo("public");
        assertThat(settings.driverProperties().getProperty("currentSchema")).isEqualTo("public");
        assertThat(settings.driverProperties().getProperty("ApplicationName")).isEqualTo("prompt-lab-worker");
        assertThat(settings.maxPoolSize()).isEqualTo(6);
        assertThat(settings.poolTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void poolParametersAreAccepted() {
        DatabaseSettings settings = parse("jdbc:postgresql://db/app?connection_limit=2&pool_timeout=4");

        assertThat(settings.maxPoolSize()).isEqualTo(2);
        assertThat(settings.poolTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.driverProperties().getProperty("connection_limit")).isNull();
    }

    @Test
    void userInfoIsAccepted() {
        DatabaseSettings settings = parse("jdbc:postgresql://lab:secret@db/app");

        assertThat(settings.username()).isEqualTo("lab");
        assertThat(settings.password().reveal()).isEqualTo("secret");
    }

    @Test
    void passwordStaysOutOfDriverProperties() {
        DatabaseSettings settings = parse("jdbc:postgresql://db/app?user=lab&password=secret");

        assertThat(settings.driverProperties().getProperty("password")).isNull();
        assertThat(settings.driverProperties().getProperty("user")).isNull();
    }

    @Test
    void userTwiceIsRejected() {
        assertThatThrownBy(() -> parse("jdbc:postgresql://lab@db/app?user=other"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid DATABASE_URL: the user is given both before the host and as a parameter;"
                        + " keep one");
    }

    @Test
    void passwordTwiceIsRejected() {
        assertThatThrownBy(() -> parse("jdbc:postgresql://lab:Xk4first@db/app?password=Xk4second"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid DATABASE_URL: the password is given both before the host and as a"
                        + " parameter; keep one");
    }

    @Test
    void unknownPropertyIsRejectedByName() {
        assertThatThrownBy(() -> parse("jdbc:postgresql://db/app?sslMode=require"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Invalid DATABASE_URL: unknown parameter 'sslMode'; a jdbc:postgresql://"
                        + " URL accepts the PostgreSQL JDBC driver's property names");
    }

    @Test
    void prismaParameterIsRejectedByName() {
        assertThatThrownBy(() -> parse("jdbc:postgresql://db/app?schema=lab"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Invalid DATABASE_URL: unknown parameter 'schema'");
    }

    @Test
    void urlPropertyIsRejected() {
        assertThatThrownBy(() -> parse("jdbc:postgresql://db/app?PGHOST=other"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Invalid DATABASE_URL: unknown parameter 'PGHOST'");
    }

    @Test
    void valueOutsideDriverChoicesIsRejected() {
        assertThatThrownBy(() -> parse("jdbc:postgresql://db/app?autosave=sometimes"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid DATABASE_URL parameter autosave 'sometimes': always, never or conservative");
    }

    @Test
    void missingHostIsRejected() {
        assertThatThrownBy(() -> parse("jdbc:postgresql:///app"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL names no host");
    }
}

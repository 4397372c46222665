package dev.orbitar.promptlab.worker.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.Driver;

/** The URL forms DATABASE_URL accepts, and the malformed ones it rejects. */
class DatabaseUrlParserTest {

    private static DatabaseSettings parse(String url) {
        return DatabaseUrlParser.parse(url, 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "postgres", "POSTGRESQL"})
    void prismaSchemesGiveJdbcUrl(String scheme) {
        DatabaseSettings settings = parse(scheme + "://lab:secret@db.example.com:6543/app");

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/app");
        assertThat(settings.username()).isEqualTo("lab");
        assertThat(settings.password().reveal()).isEqualTo("secret");
    }

    @Test
    void jdbcSchemeGivesJdbcUrl() {
        DatabaseSettings settings = parse("jdbc:postgresql://db.example.com:6543/app?user=lab&password=secret");

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/app");
        assertThat(settings.username()).isEqualTo("lab");
        assertThat(settings.password().reveal()).isEqualTo("secret");
    }

    @Test
    void missingPortIs5432() {
        DatabaseSettings settings = parse("postgresql://lab@db.example.com/app");

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/app");
    }

    @Test
    void emptyPortIs5432() {
        DatabaseSettings settings = parse("postgresql://lab@db.example.com:/app");

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/app");
    }

    @Test
    void percentEncodedUserAndPasswordAreDecoded() {
        DatabaseSettings settings = parse("postgresql://lab%40corp:p%40ss%3Aw%2Frd%3F%23%25+x@db:5432/app");

        assertThat(settings.username()).isEqualTo("lab@corp");
        assertThat(settings.password().reveal()).isEqualTo("p@ss:w/rd?#%+x");
    }

    @Test
    void utf8PasswordIsDecoded() {
        DatabaseSettings settings = parse("postgresql://lab:%C3%A9t%C3%A9@db/app");

        assertThat(settings.password().reveal()).isEqualTo("été");
    }

    @Test
    void unencodedAtInPasswordUsesLastAt() {
        DatabaseSettings settings = parse("postgresql://lab:p@ss@db/app");

        assertThat(settings.password().reveal()).isEqualTo("p@ss");
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app");
    }

    @Test
    void userWithoutPassword() {
        DatabaseSettings settings = parse("postgresql://lab@db/app");

        assertThat(settings.username()).isEqualTo("lab");
        assertThat(settings.password()).isNull();
    }

    @Test
    void noUserInfo() {
        DatabaseSettings settings = parse("postgresql://db/app");

        assertThat(settings.username()).isNull();
        assertThat(settings.password()).isNull();
    }

    @Test
    void ipv6HostKeepsBrackets() {
        DatabaseSettings settings = parse("postgresql://lab:secret@[2001:db8::5]:6543/app");

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://[2001:db8::5]:6543/app");
        assertThat(settings.displayUrl()).isEqualTo("postgresql://lab@[2001:db8::5]:6543/app");
    }

    @Test
    void ipv6HostWithoutPort() {
        DatabaseSettings settings = parse("postgresql://lab@[::1]/app");

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/app");
    }

    @Test
    void ipv6JdbcUrlIsReadByDriver() {
        Properties parsed = Driver.parseURL(parse("postgresql://lab@[::1]:6543/app").jdbcUrl(), null);

        assertThat(parsed.getProperty("PGHOST")).isEqualTo("[::1]");
        assertThat(parsed.getProperty("PGPORT")).isEqualTo("6543");
    }

    @Test
    void hostWithUnderscoreIsAccepted() {
        DatabaseSettings settings = parse("postgresql://lab@prompt_lab_db:5432/app");

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://prompt_lab_db:5432/app");
    }

    @Test
    void encodedDatabaseNameRoundTripsThroughDriver() {
        DatabaseSettings settings = parse("postgresql://lab@db/my%20app%2Fv2+%25");

        Properties parsed = Driver.parseURL(settings.jdbcUrl(), null);

        assertThat(parsed.getProperty("PGDBNAME")).isEqualTo("my app/v2+%");
    }

    @Test
    void displayUrlHasNoPasswordOrParameters() {
        DatabaseSettings settings = parse("postgresql://lab:secret@db.example.com:6543/app?schema=lab&sslmode=require");

        assertThat(settings.displayUrl()).isEqualTo("postgresql://lab@db.example.com:6543/app");
    }

    @Test
    void displayUrlWithoutUser() {
        DatabaseSettings settings = parse("postgres://db.example.com/app");

        assertThat(settings.displayUrl()).isEqualTo("postgres://db.example.com:5432/app");
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        DatabaseSettings settings = parse("  postgresql://lab:secret@db/app\n");

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app");
        assertThat(settings.password().reveal()).isEqualTo("secret");
    }

    @Test
    void emptyQueryIsAccepted() {
        DatabaseSettings settings = parse("postgresql://lab@db/app?");

        assertThat(settings.schema()).isEqualTo("public");
    }

    @Test
    void defaultsApplyWithoutParameters() {
        DatabaseSettings settings = parse("postgresql://lab@db/app");

        assertThat(settings.schema()).isEqualTo("public");
        assertThat(settings.maxPoolSize()).isEqualTo(6);
        assertThat(settings.poolTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.driverProperties().getProperty("currentSchema")).isEqualTo("public");
        assertThat(settings.driverProperties().getProperty("sslmode")).isEqualTo("prefer");
        assertThat(settings.driverProperties().getProperty("connectTimeout")).isEqualTo("5");
        assertThat(settings.driverProperties().getProperty("loginTimeout")).isEqualTo("5");
        assertThat(settings.driverProperties().getProperty("ApplicationName")).isEqualTo("prompt-lab-worker");
    }

    @Test
    void defaultPoolSizeFollowsConcurrency() {
        DatabaseSettings settings = DatabaseUrlParser.parse("postgresql://lab@db/app", 10);

        assertThat(settings.maxPoolSize()).isEqualTo(12);
    }

    @Test
    void unsupportedSchemeIsRejected() {
        assertThatThrownBy(() -> parse("mysql://lab:secret@db/app"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid DATABASE_URL scheme 'mysql://': postgresql://, postgres:// or"
                        + " jdbc:postgresql:// is accepted");
    }

    @Test
    void textWithoutSchemeIsRejected() {
        assertThatThrownBy(() -> parse("db.example.com:5432/app"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("DATABASE_URL is not a URL: expected postgresql://USER:PASSWORD@HOST:5432/DATABASE");
    }

    @Test
    void jdbcUrlWithoutSlashesIsRejected() {
        assertThatThrownBy(() -> parse("jdbc:postgresql:app"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL is not a URL");
    }

    @Test
    void missingDatabaseIsRejected() {
        assertThatThrownBy(() -> parse("postgresql://lab:secret@db:5432"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("DATABASE_URL names no database: add it after the host, as in"
                        + " postgresql://USER:PASSWORD@HOST:5432/DATABASE");
    }

    @Test
    void missingDatabaseBeforeQueryIsRejected() {
        assertThatThrownBy(() -> parse("postgresql://lab:secret@db:5432/?schema=lab"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL names no database");
    }

    @Test
    void missingHostIsRejected() {
        assertThatThrownBy(() -> parse("postgresql://lab:secret@/app"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL names no host");
    }

    @Test
    void portOutOfRangeIsRejected() {
        assertThatThrownBy(() -> parse("postgresql://lab:secret@db:70000/app"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid DATABASE_URL port '70000': a port from 1 to 65535");
    }

    @Test
    void portZeroIsRejected() {
        assertThatThrownBy(() -> parse("postgresql://lab@db:0/app"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid DATABASE_URL port '0': a port from 1 to 65535");
    }

    @Test
    void nonNumericPortIsRejected() {
        assertThatThrownBy(() -> parse("postgresql://lab@db:abc/app"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Invalid DATABASE_URL port: it is not a number");
    }

    @Test
    void severalHostsAreRejected() {
        assertThatThrownBy(() -> parse("postgresql://lab@db1:5432,db2:5432/app"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("DATABASE_URL names several hosts: give exactly one host");
    }

    @Test
    void unclosedIpv6BracketIsRejected() {
        assertThatThrownBy(() -> parse("postgresql://lab@[::1:5432/app"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL has an IPv6 host without its closing ']'");
    }

    @Test
    void invalidIpv6AddressIsRejected() {
        assertThatThrownBy(() -> parse("postgresql://lab@[db.example.com]/app"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Invalid DATABASE_URL host '[db.example.com]'");
    }

    @Test
    void invalidHostCharactersAreRejected() {
        assertThatThrownBy(() -> parse("postgresql://lab@db!x/app"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Invalid DATABASE_URL host 'db!x'");
    }

    @Test
    void nestedPathIsRejected() {
        assertThatThrownBy(() -> parse("postgresql://lab@db/app/extra"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Invalid DATABASE_URL database 'app/extra'");
    }

    @Test
    void badPercentEscapeIsRejected() {
        assertThatThrownBy(() -> parse("postgresql://lab:50%off@db/app"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("DATABASE_URL has an invalid percent-escape in the password: write '%' itself as %25");
    }

    @Test
    void nonUtf8EscapeIsRejected() {
        assertThatThrownBy(() -> parse("postgresql://lab@db/app%FF"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL has percent-escapes in the database name that are not UTF-8");
    }

    @Test
    void fragmentIsRejected() {
        assertThatThrownBy(() -> parse("postgresql://lab:pa#ss@db/app"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL contains '#'");
    }

    @Test
    void unencodedSlashInPasswordIsRejected() {
        assertThatThrownBy(() -> parse("postgresql://lab:pa/ss@db/app"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL has an '@' after the host");
    }

    @Test
    void unencodedQuestionMarkInPasswordIsRejected() {
        assertThatThrownBy(() -> parse("postgresql://lab:pa?ss@db/app"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL has an '@' after the host");
    }

    @Test
    void repeatedParameterIsRejected() {
        assertThatThrownBy(() -> parse("postgresql://lab@db/app?schema=a&schema=b"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("DATABASE_URL gives parameter schema twice: keep one");
    }
}

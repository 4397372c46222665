package dev.orbitar.promptlab.worker.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each Prisma query parameter and what it becomes; each invalid value and its message. */
class PrismaUrlTranslatorTest {

    private static final String BASE = "postgresql://lab:secret@db.example.com:5432/app?";

    @TempDir
    Path folder;

    private Path caFile;
    private Path identityFile;

    @BeforeEach
    void createCertificateFiles() throws IOException {
        caFile = Files.writeString(folder.resolve("ca.pem"), "not parsed until connect");
        identityFile = Files.writeString(folder.resolve("client.p12"), "not parsed until connect");
    }

    private static DatabaseSettings parse(String query) {
        return DatabaseUrlParser.parse(BASE + query, 4);
    }

    private static Properties driver(String query) {
        return parse(query).driverProperties();
    }

    private static String messageOf(String query) {
        try {
            parse(query);
        } catch (InvalidSettingException e) {
            return e.getMessage();
        }
        throw new AssertionError("no exception for " + query);
    }

    @Test
    void schemaSetsCurrentSchema() {
        DatabaseSettings settings = parse("schema=lab");

        assertThat(settings.schema()).isEqualTo("lab");
        assertThat(settings.driverProperties().getProperty("currentSchema")).isEqualTo("lab");
    }

    @Test
    void mixedCaseSchemaIsQuoted() {
        DatabaseSettings settings = parse("schema=LabApp");

        assertThat(settings.schema()).isEqualTo("LabApp");
        assertThat(settings.driverProperties().getProperty("currentSchema")).isEqualTo("\"LabApp\"");
    }

    @Test
    void schemaWithQuoteIsEscaped() {
        assertThat(driver("schema=a%22b").getProperty("currentSchema")).isEqualTo("\"a\"\"b\"");
    }

    @Test
    void emptySchemaIsRejected() {
        assertThat(messageOf("schema=")).isEqualTo(
                "Invalid DATABASE_URL parameter schema '': a schema name of 1 to 63 bytes, such as public");
    }

    @Test
    void longSchemaIsRejected() {
        assertThat(messageOf("schema=" + "s".repeat(64))).startsWith("Invalid DATABASE_URL parameter schema 'sss");
    }

    @ParameterizedTest
    @CsvSource({"disable,disable", "prefer,prefer", "require,require", "REQUIRE,require"})
    void sslmodeMapsToDriver(String prisma, String driver) {
        assertThat(driver("sslmode=" + prisma).getProperty("sslmode")).isEqualTo(driver);
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify-full", "verify-ca", "allow", ""})
    void otherSslmodeIsRejected(String value) {
        assertThat(messageOf("sslmode=" + value)).isEqualTo(
                "Invalid DATABASE_URL parameter sslmode '" + value + "': disable, prefer or require");
    }

    @Test
    void sslacceptStrictVerifiesFully() {
        assertThat(driver("sslmode=require&sslaccept=strict").getProperty("sslmode")).isEqualTo("verify-full");
    }

    @Test
    void sslacceptStrictWithPreferVerifiesFully() {
        assertThat(driver("sslaccept=strict").getProperty("sslmode")).isEqualTo("verify-full");
    }

    @Test
    void sslacceptInvalidCertsKeepsRequire() {
        Properties properties = driver("sslmode=require&sslaccept=accept_invalid_certs");

        assertThat(properties.getProperty("sslmode")).isEqualTo("require");
        assertThat(properties.getProperty("sslfactory")).isNull();
    }

    @Test
    void badSslacceptIsRejected() {
        assertThat(messageOf("sslaccept=lenient")).isEqualTo(
                "Invalid DATABASE_URL parameter sslaccept 'lenient': strict or accept_invalid_certs");
    }

    @Test
    void sslcertBecomesRootCertificate() {
        assertThat(driver("sslmode=require&sslcert=" + caFile).getProperty("sslrootcert")).isEqualTo(caFile.toString());
    }

    @Test
    void missingSslcertIsRejected() {
        assertThat(messageOf("sslmode=require&sslcert=/nonexistent/ca.pem")).startsWith(
                "Invalid DATABASE_URL parameter sslcert '/nonexistent/ca.pem': the CA certificate file");
    }

    @Test
    void sslidentityBecomesPkcs12Key() {
        Properties properties = driver("sslmode=require&sslidentity=" + identityFile + "&sslpassword=unlock");

        assertThat(properties.getProperty("sslkey")).isEqualTo(identityFile.toString());
        assertThat(properties.getProperty("sslpassword")).isEqualTo("unlock");
    }

    @Test
    void pfxIdentityIsAccepted() throws IOException {
        Path pfx = Files.writeString(folder.resolve("client.PFX"), "x");

        assertThat(driver("sslmode=require&sslidentity=" + pfx).getProperty("sslkey")).isEqualTo(pfx.toString());
    }

    @Test
    void identityWithOtherExtensionIsRejected() throws IOException {
        Path pem = Files.writeString(folder.resolve("client.pem"), "x");

        assertThat(messageOf("sslmode=require&sslidentity=" + pem)).isEqualTo("Invalid DATABASE_URL parameter"
                + " sslidentity '" + pem + "': a PKCS#12 client identity file whose name ends in .p12 or .pfx;"
                + " rename the file if needed");
    }

    @Test
    void sslpasswordWithoutIdentityIsRejected() {
        assertThat(messageOf("sslmode=require&sslpassword=unlock")).startsWith(
                "Invalid DATABASE_URL: sslpassword is set without sslidentity");
    }

    @Test
    void tlsParametersWithDisableAreRejected() {
        assertThat(messageOf("sslmode=disable&sslaccept=strict")).startsWith(
                "Invalid DATABASE_URL: sslmode=disable turns TLS off");
    }

    @Test
    void connectTimeoutSetsConnectAndLogin() {
        Properties properties = driver("connect_timeout=12");

        assertThat(properties.getProperty("connectTimeout")).isEqualTo("12");
        assertThat(properties.getProperty("loginTimeout")).isEqualTo("12");
    }

    @Test
    void connectTimeoutZeroMeansNoLimit() {
        assertThat(driver("connect_timeout=0").getProperty("connectTimeout")).isEqualTo("0");
    }

    @Test
    void socketTimeoutSetsDriverSocketTimeout() {
        assertThat(driver("socket_timeout=30").getProperty("socketTimeout")).isEqualTo("30");
    }

    @Test
    void socketTimeoutUnsetByDefault() {
        assertThat(driver("").getProperty("socketTimeout")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1.5", "+3", " 3", "99999999999", "86401"})
    void badTimeoutIsRejected(String value) {
        assertThat(messageOf("connect_timeout=" + URLEncoder.encode(value, StandardCharsets.UTF_8))).isEqualTo(
                "Invalid DATABASE_URL parameter connect_timeout '" + value
                        + "': a whole number of seconds from 0 (no limit) to 86400");
    }

    @Test
    void badSocketTimeoutIsRejected() {
        assertThat(messageOf("socket_timeout=soon")).startsWith(
                "Invalid DATABASE_URL parameter socket_timeout 'soon'");
    }

    @Test
    void connectionLimitSetsPoolSize() {
        assertThat(parse("connection_limit=3").maxPoolSize()).isEqualTo(3);
    }

    @Test
    void connectionLimitZeroIsRejected() {
        assertThat(messageOf("connection_limit=0")).isEqualTo(
                "Invalid DATABASE_URL parameter connection_limit '0': a whole number of connections from 1 to 1000");
    }

    @Test
    void poolTimeoutSetsPoolTimeout() {
        assertThat(parse("pool_timeout=25").poolTimeout()).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void poolTimeoutZeroMeansNoLimit() {
        assertThat(parse("pool_timeout=0").poolTimeout()).isEqualTo(Duration.ZERO);
    }

    @Test
    void badPoolTimeoutIsRejected() {
        assertThat(messageOf("pool_timeout=ten")).startsWith("Invalid DATABASE_URL parameter pool_timeout 'ten'");
    }

    @Test
    void pgbouncerDisablesServerPreparedStatements() {
        assertThat(driver("pgbouncer=true").getProperty("prepareThreshold")).isEqualTo("0");
    }

    @Test
    void pgbouncerFalseKeepsDriverDefault() {
        assertThat(driver("pgbouncer=FALSE").getProperty("prepareThreshold")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", ""})
    void badPgbouncerIsRejected(String value) {
        assertThat(messageOf("pgbouncer=" + value)).isEqualTo(
                "Invalid DATABASE_URL parameter pgbouncer '" + value + "': true or false");
    }

    @Test
    void pgbouncerWithoutValueIsRejected() {
        assertThat(messageOf("pgbouncer")).isEqualTo("Invalid DATABASE_URL parameter pgbouncer '': true or false");
    }

    @Test
    void statementCacheSizeSetsCachedQueries() {
        assertThat(driver("statement_cache_size=0").getProperty("preparedStatementCacheQueries")).isEqualTo("0");
    }

    @Test
    void badStatementCacheSizeIsRejected() {
        assertThat(messageOf("statement_cache_size=-5")).isEqualTo("Invalid DATABASE_URL parameter"
                + " statement_cache_size '-5': a whole number of statements from 0 (no cache) up");
    }

    @Test
    void applicationNameIsDecoded() {
        assertThat(driver("application_name=lab+worker%2F1").getProperty("ApplicationName")).isEqualTo("lab worker/1");
    }

    @Test
    void blankApplicationNameIsRejected() {
        assertThat(messageOf("application_name=")).startsWith("Invalid DATABASE_URL parameter application_name ''");
    }

    @Test
    void optionsArePassedThrough() {
        assertThat(driver("options=-c%20statement_timeout%3D5s").getProperty("options"))
                .isEqualTo("-c statement_timeout=5s");
    }

    @Test
    void optionsSearchPathReplacesDefaultSchema() {
        Properties properties = driver("options=-c+search_path%3Dlab,public");

        assertThat(properties.getProperty("options")).isEqualTo("-c search_path=lab,public");
        assertThat(properties.getProperty("currentSchema")).isNull();
    }

    @Test
    void optionsSearchPathWithSchemaIsRejected() {
        assertThat(messageOf("schema=lab&options=-c+search_path%3Dother")).startsWith(
                "Invalid DATABASE_URL: parameters schema and options both set the search path");
    }

    @Test
    void channelBindingMapsToDriver() {
        assertThat(driver("channel_binding=require").getProperty("channelBinding")).isEqualTo("require");
    }

    @Test
    void badChannelBindingIsRejected() {
        assertThat(messageOf("channel_binding=always")).isEqualTo(
                "Invalid DATABASE_URL parameter channel_binding 'always': disable, prefer or require");
    }

    @Test
    void hostSetsUnixSocketFactory() {
        DatabaseSettings settings = DatabaseUrlParser.parse(
                "postgresql://lab:secret@localhost:6432/app?host=/var/run/postgresql/", 4);

        assertThat(settings.driverProperties().getProperty("socketFactory"))
                .isEqualTo("org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg");
        assertThat(settings.driverProperties().getProperty("socketFactoryArg"))
                .isEqualTo("/var/run/postgresql/.s.PGSQL.6432");
        assertThat(settings.driverProperties().getProperty("sslmode")).isEqualTo("disable");
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:6432/app");
        assertThat(settings.displayUrl()).isEqualTo("postgresql://lab@localhost:6432/app?host=/var/run/postgresql");
    }

    @Test
    void hostWithEmptyAuthorityHost() {
        DatabaseSettings settings = DatabaseUrlParser.parse("postgresql://lab@/app?host=/tmp", 4);

        assertThat(settings.driverProperties().getProperty("socketFactoryArg")).isEqualTo("/tmp/.s.PGSQL.5432");
    }

    @Test
    void relativeHostIsRejected() {
        assertThat(messageOf("host=db.internal")).startsWith("Invalid DATABASE_URL parameter host 'db.internal':"
                + " the absolute path of the folder holding the server's Unix socket");
    }

    @Test
    void hostWithRequiredTlsIsRejected() {
        assertThat(messageOf("host=/tmp&sslmode=require")).startsWith(
                "Invalid DATABASE_URL: PostgreSQL does not offer TLS on a Unix socket");
    }

    @Test
    void unknownParameterIsRejectedByName() {
        assertThat(messageOf("connection_limt=5")).startsWith(
                "Invalid DATABASE_URL: unknown parameter 'connection_limt'; a postgresql:// URL accepts schema,");
    }

    @Test
    void jdbcPropertyInPrismaUrlIsRejected() {
        assertThat(messageOf("sslrootcert=/ca.pem")).startsWith("Invalid DATABASE_URL: unknown parameter 'sslrootcert'");
    }

    @Test
    void unknownParameterValueIsNotShown() {
        assertThat(messageOf("passwd=hunter2")).doesNotContain("hunter2");
    }

    @Test
    void everyParameterTogether() {
        DatabaseSettings settings = parse("schema=lab&sslmode=require&sslaccept=strict&sslcert=" + caFile
                + "&sslidentity=" + identityFile + "&sslpassword=unlock&connect_timeout=7&socket_timeout=60"
                + "&connection_limit=9&pool_timeout=3&pgbouncer=true&statement_cache_size=50"
                + "&application_name=nightly&options=-c+work_mem%3D8MB&channel_binding=prefer");

        Properties properties = settings.driverProperties();
        assertThat(settings.schema()).isEqualTo("lab");
        assertThat(settings.maxPoolSize()).isEqualTo(9);
        assertThat(settings.poolTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(properties.getProperty("currentSchema")).isEqualTo("lab");
        assertThat(properties.getProperty("sslmode")).isEqualTo("verify-full");
        assertThat(properties.getProperty("sslrootcert")).isEqualTo(caFile.toString());
        assertThat(properties.getProperty("sslkey")).isEqualTo(identityFile.toString());
        assertThat(properties.getProperty("connectTimeout")).isEqualTo("7");
        assertThat(properties.getProperty("socketTimeout")).isEqualTo("60");
        assertThat(properties.getProperty("prepareThreshold")).isEqualTo("0");
        assertThat(properties.getProperty("preparedStatementCacheQueries")).isEqualTo("50");
        assertThat(properties.getProperty("ApplicationName")).isEqualTo("nightly");
        assertThat(properties.getProperty("options")).isEqualTo("-c work_mem=8MB");
        assertThat(properties.getProperty("channelBinding")).isEqualTo("prefer");
    }
}

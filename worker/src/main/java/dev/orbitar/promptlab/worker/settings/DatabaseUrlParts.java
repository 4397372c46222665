package dev.orbitar.promptlab.worker.settings;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parts of a DATABASE_URL, percent-decoded, before any query parameter is interpreted.
 *
 * <p>Error messages built here never quote the raw URL or the user-info part, because a URL that fails to parse
 * may have split its password in an unexpected place.
 *
 * @param scheme {@code postgresql}, {@code postgres} or {@code jdbc:postgresql}, in lower case
 * @param user the decoded user name, or null
 * @param password the decoded password, or null
 * @param host the host name or IP address (an IPv6 address without brackets), or an empty string when the URL
 *     names none
 * @param port the port, 5432 when the URL gives none
 * @param database the decoded database name, or an empty string when the URL gives none
 * @param parameters the decoded query parameters in URL order
 */
record DatabaseUrlParts(
        String scheme,
        String user,
        Secret password,
        String host,
        int port,
        String database,
        Map<String, String> parameters) {

    static final String SETTING = "DATABASE_URL";
    static final int DEFAULT_PORT = 5432;

    private static final String EXAMPLE = "postgresql://USER:PASSWORD@HOST:5432/DATABASE";
    private static final String ENCODING_HINT =
            "percent-encode '@', ':', '/', '?' and '#' in the user name and password (%40, %3A, %2F, %3F, %23)";
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IPV6_ADDRESS = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9._~-]+)?");

    /** Splits and decodes a DATABASE_URL, rejecting any that is not of the form postgresql://user@host:port/db. */
    static DatabaseUrlParts parse(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw new InvalidSettingException(SETTING + " is not a URL: expected " + EXAMPLE);
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("postgresql") && !scheme.equals("postgres") && !scheme.equals("jdbc:postgresql")) {
            throw new InvalidSettingException(SETTING + " scheme", scheme + "://",
                    "postgresql://, postgres:// or jdbc:postgresql:// is accepted");
        }
        if (url.indexOf('#') >= 0) {
            throw new InvalidSettingException(SETTING + " contains '#': " + ENCODING_HINT);
        }

        String rest = url.substring(schemeEnd + 3);
        int authorityEnd = indexOfAny(rest, "/?");
        String authority = rest.substring(0, authorityEnd);
        String afterAuthority = rest.substring(authorityEnd);

        // An unencoded '/' or '?' in the password ends the authority early and leaves the '@' behind it.
        int at = authority.lastIndexOf('@');
        if (at < 0 && afterAuthority.indexOf('@') >= 0) {
            throw new InvalidSettingException(SETTING + " has an '@' after the host: " + ENCODING_HINT);
        }

        String user = null;
        Secret password = null;
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
            user = emptyToNull(percentDecode(rawUser, "user name", false));
            if (colon >= 0) {
                password = Secret.ofNullable(percentDecode(userInfo.substring(colon + 1), "password", false));
            }
        }
        String hostAndPort = authority.substring(at + 1);
        HostAndPort address = parseHostAndPort(hostAndPort, at >= 0);

        int queryStart = afterAuthority.indexOf('?');
        String path = queryStart < 0 ? afterAuthority : afterAuthority.substring(0, queryStart);
        String query = queryStart < 0 ? "" : afterAuthority.substring(queryStart + 1);
        String database = parseDatabase(path);
        Map<String, String> parameters = parseQuery(query);

        return new DatabaseUrlParts(scheme, user, password, address.host(), address.port(), database, parameters);
    }

    /** Returns the URL for logs and errors: scheme://user@host:port/database, with no password and no parameters. */
    String displayUrl() {
        String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        String userPart = user == null ? "" : user + "@";
        return scheme + "://" + userPart + shownHost + ":" + port + "/" + database;
    }

    private record HostAndPort(String host, int port) {
    }

    private static HostAndPort parseHostAndPort(String hostAndPort, boolean hadUserInfo) {
        String host;
        String portText = null;

        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            if (close < 0) {
                throw new InvalidSettingException(SETTING + " has an IPv6 host without its closing ']':"
                        + " write it as postgresql://USER@[::1]:5432/DATABASE");
            }
            host = hostAndPort.substring(1, close);
            if (!IPV6_ADDRESS.matcher(host).matches()) {
                throw new InvalidSettingException(SETTING + " host", "[" + host + "]",
                        "an IPv6 address in brackets, such as [::1] or [2001:db8::5]");
            }
            String afterBracket = hostAndPort.substring(close + 1);
            if (!afterBracket.isEmpty()) {
                if (!afterBracket.startsWith(":")) {
                    throw new InvalidSettingException(SETTING + " has text after the IPv6 host's ']':"
                            + " only ':PORT' may follow it");
                }
                portText = afterBracket.substring(1);
            }
        } else {
            if (hostAndPort.indexOf(',') >= 0) {
                throw new InvalidSettingException(SETTING + " names several hosts: give exactly one host");
            }
            int colon = hostAndPort.lastIndexOf(':');
            host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
            portText = colon < 0 ? null : hostAndPort.substring(colon + 1);
            if (!host.isEmpty() && !HOST_NAME.matcher(host).matches()) {
                // Without user info the host part may be a fragment of a password with an unencoded character.
                String hostInMessage = hadUserInfo ? "'" + host + "'" : "(not shown)";
                throw new InvalidSettingException("Invalid " + SETTING + " host " + hostInMessage
                        + ": a host name, an IPv4 address or an IPv6 address in brackets; " + ENCODING_HINT);
            }
        }

        int port = portText == null || portText.isEmpty() ? DEFAULT_PORT : parsePort(portText);
        return new HostAndPort(host, port);
    }

    private static int parsePort(String portText) {
        if (!portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // The text may be part of a password whose ':' was not encoded, so it is not quoted.
            throw new InvalidSettingException("Invalid " + SETTING + " port: it is not a number;"
                    + " give a port from 1 to 65535, and " + ENCODING_HINT);
        }
        int port = portText.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            throw new InvalidSettingException(SETTING + " port", portText, "a port from 1 to 65535");
        }
        return port;
    }

    private static String parseDatabase(String path) {
        if (path.isEmpty() || path.equals("/")) {
            return "";
        }
        String name = path.substring(1);
        if (name.indexOf('/') >= 0) {
            throw new InvalidSettingException(SETTING + " database", name,
                    "one database name after the host, such as /app (percent-encode a '/' in the name as %2F)");
        }
        return percentDecode(name, "database name", false);
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }

            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
            String name = percentDecode(rawName, "parameter name", true);
            String value = percentDecode(rawValue, "value of parameter " + name, true);

            if (parameters.putIfAbsent(name, value) != null) {
                throw new InvalidSettingException(SETTING + " gives parameter " + name + " twice: keep one");
            }
        }
        return Collections.unmodifiableMap(parameters);
    }

    /**
     * Decodes %XX escapes as UTF-8. In query parameters a '+' is a space, as in HTML forms and in the URL parser
     * Prisma uses; elsewhere it is a literal '+'.
     */
    static String percentDecode(String text, String part, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
            return text;
        }

        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            int c = text.codePointAt(i);
            if (c == '%') {
                int high = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new InvalidSettingException(SETTING + " has an invalid percent-escape in the " + part
                            + ": write '%' itself as %25");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = Character.toString(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(c) - 1;
            }
        }

        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidSettingException(SETTING + " has percent-escapes in the " + part
                    + " that are not UTF-8: encode the text as UTF-8 bytes");
        }
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    @Override
    public String toString() {
        return "DatabaseUrlParts[" + displayUrl() + ", parameters=" + parameters.keySet() + "]";
    }
}

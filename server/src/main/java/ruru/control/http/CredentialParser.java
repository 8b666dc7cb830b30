package ruru.control.http;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;

/**
 * The {@code authentication} map of an HTTP listener, with Kea 3.0's rules and texts
 * ({@code src/lib/http/basic_auth_config.cc}) plus ruru's {@code commands}/{@code services}
 * authorization keys on a client entry. Passwords and password-file contents never appear in an
 * error text.
 */
final class CredentialParser {

    private CredentialParser() {
    }

    /** Empty when there are no clients: Kea then does not authenticate at all. */
    static Optional<BasicAuth> authentication(Element element, PathPolicy paths, String defaultRealm)
            throws ConfigException {
        if (!(element instanceof MapElement auth)) {
            throw new ConfigException(element.position(), "authentication must be a map");
        }
        // Kea's daemon parser (HttpCommandConfig) fills in "basic" when the type is missing.
        Element type = auth.get("type");
        if (type != null) {
            String t = typed(type, "type");
            if (!t.equals("basic")) {
                throw new ConfigException(type.position(),
                        "only basic HTTP authentication is supported: type is '" + t + "' not 'basic'");
            }
        }
        String realm = auth.get("realm") == null ? defaultRealm : typed(auth.get("realm"), "realm");
        Path directory = directory(auth.get("directory"), paths);
        Element clients = auth.get("clients");
        if (clients == null) {
            return Optional.empty();
        }
        if (!(clients instanceof ListElement list)) {
            throw new ConfigException(clients.position(), "clients must be a list");
        }
        List<Credential> credentials = new ArrayList<>();
        for (Element item : list.items()) {
            if (!(item instanceof MapElement client)) {
                throw new ConfigException(item.position(), "clients items must be maps");
            }
            credentials.add(client(client, directory));
        }
        return credentials.isEmpty() ? Optional.empty() : Optional.of(new BasicAuth(realm, credentials));
    }

    private static Path directory(Element element, PathPolicy paths) throws ConfigException {
        if (element == null) {
            return Path.of("/");
        }
        String text = typed(element, "directory");
        return text.isEmpty() ? Path.of("/") : paths.configDirectory().resolve(text).normalize();
    }

    private static Credential client(MapElement client, Path directory) throws ConfigException {
        Element passwordElement = client.get("password");
        Element passwordFile = client.get("password-file");
        String password = "";
        if (passwordElement != null) {
            password = typed(passwordElement, "password");
        }
        if (passwordFile != null) {
            if (passwordElement != null) {
                throw new ConfigException(client.position(), "password (" + passwordElement.position()
                        + ") and password-file (" + passwordFile.position() + ") are mutually exclusive");
            }
            typed(passwordFile, "password-file");
        }
        Element userElement = client.get("user");
        Element userFile = client.get("user-file");
        boolean passwordFileOnly = false;
        if (userElement == null && userFile == null) {
            if (passwordFile == null) {
                throw new ConfigException(client.position(), "user is required in clients items");
            }
            passwordFileOnly = true;
        }
        String user = null;
        if (userElement != null) {
            if (userFile != null) {
                throw new ConfigException(client.position(), "user (" + userElement.position()
                        + ") and user-file (" + userFile.position() + ") are mutually exclusive");
            }
            user = typed(userElement, "user");
            if (user.isEmpty()) {
                throw new ConfigException(userElement.position(), "user must not be empty");
            }
            if (user.indexOf(':') >= 0) {
                throw new ConfigException(userElement.position(), "user must not contain a ':': '" + user + "'");
            }
        }
        if (userFile != null) {
            String name = typed(userFile, "user-file");
            user = fileContent(directory, name, userFile);
            if (user.isEmpty()) {
                throw new ConfigException(userFile.position(), "user must not be empty from user-file '" + name + "'");
            }
            if (user.indexOf(':') >= 0) {
                throw new ConfigException(userFile.position(),
                        "user must not contain a ':' from user-file '" + name + "'");
            }
        }
        if (passwordFile != null) {
            String name = typed(passwordFile, "password-file");
            String content = fileContent(directory, name, passwordFile);
            if (passwordFileOnly) {
                int colon = content.indexOf(':');
                if (colon < 0) {
                    throw new ConfigException(passwordFile.position(),
                            "can't find the user id part in password-file '" + name + "'");
                }
                user = content.substring(0, colon);
                password = content.substring(colon + 1);
                if (user.isEmpty()) {
                    throw new ConfigException(passwordFile.position(),
                            "user must not be empty from password-file '" + name + "'");
                }
            } else {
                password = content;
            }
        }
        if (isDefaultPassword(password)) {
            throw new ConfigException(client.position(), "password must not be a default one");
        }
        Optional<Set<String>> commands = client.get("commands") == null ? Optional.empty()
                : Optional.of(HttpSocketConfigParser.stringSet(client.get("commands"), "commands"));
        Optional<Set<String>> services = client.get("services") == null ? Optional.empty()
                : Optional.of(HttpSocketConfigParser.stringSet(client.get("services"), "services"));
        return new Credential(user, password, commands, services);
    }

    private static boolean isDefaultPassword(String password) {
        return HttpSocketConfigParser.DEFAULT_PASSWORDS.contains(password);
    }

    /**
     * Kea reads a credential file with {@code file >> content}: the first whitespace-delimited
     * word, so a trailing newline (or anything after a blank) is not part of the secret.
     */
    private static String fileContent(Path directory, String name, Element element) throws ConfigException {
        String relative = name.startsWith("/") ? name.substring(1) : name;
        Path path = directory.resolve(relative).normalize();
        if (!path.startsWith(directory) || path.equals(directory)) {
            throw new ConfigException(element.position(), "'" + name + "' is outside the authentication directory '"
                    + directory + "'");
        }
        if (!Files.exists(path)) {
            throw new ConfigException(element.position(), "Expected a file at path '" + path + "'");
        }
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(element.position(), "Expected '" + path + "' to be a regular file");
        }
        try {
            // A symbolic link inside the directory must not lead out of it either.
            if (!path.toRealPath().startsWith(directory.toRealPath())) {
                throw new ConfigException(element.position(), "'" + name
                        + "' is outside the authentication directory '" + directory + "'");
            }
            String content = ruru.io.SmallFiles.read(path, StandardCharsets.UTF_8).strip();
            int blank = firstWhitespace(content);
            return blank < 0 ? content : content.substring(0, blank);
        } catch (IOException e) {
            throw new ConfigException(element.position(), "Cannot open '" + path + "'");
        }
    }

    private static int firstWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Kea's wording for a wrongly typed authentication key: "{key} must be a string". */
    private static String typed(Element element, String key) throws ConfigException {
        if (!(element instanceof ruru.json.StringElement s)) {
            throw new ConfigException(element.position(), key + " must be a string");
        }
        return s.value();
    }
}

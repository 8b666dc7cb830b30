package ruru.daemon.config.schema;

import static ruru.daemon.config.schema.Kind.list;
import static ruru.daemon.config.schema.Kind.map;
import static ruru.daemon.config.schema.Kind.string;

/** Parts of the HTTP control configuration that the daemons and the Control Agent share. */
final class ControlSchemas {

    private ControlSchemas() {
    }

    /**
     * A basic-authentication client. {@code commands} and {@code services} are a ruru extension
     * (authorization in the spirit of Kea's RBAC hook): the commands and services this client may
     * send; absent means all. Kea itself would refuse them as unknown keys.
     */
    static final Schema AUTH_CLIENT = Schema.builder()
            .keys(string(), "user", "password", "user-file", "password-file")
            .keys(list(string()), "commands", "services")
            .userContext()
            .build();

    static final Schema AUTHENTICATION = Schema.builder()
            .key("type", Kind.oneOf("basic"))
            .key("realm", string())
            .key("directory", string())
            .key("clients", list(map(AUTH_CLIENT)))
            .userContext()
            .build();

    static final Schema HTTP_HEADER = Schema.builder()
            .keys(string(), "name", "value")
            .userContext()
            .build();
}

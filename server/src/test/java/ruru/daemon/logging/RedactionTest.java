package ruru.daemon.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ruru.json.Element;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.json.StringElement;

class RedactionTest {

    @Test
    void masksSecretsAtAnyDepthAndKeepsEverythingElse() throws Exception {
        Element config = Json.parse("""
                { "Dhcp4": { "lease-database": { "type": "postgresql", "user": "kea", "password": "hunter2" },
                  "hosts-databases": [ { "password": "p2", "name": "h" } ],
                  "control-sockets": [ { "authentication": { "clients": [ { "user": "a", "password": 1234 } ] } } ],
                  "dhcp-ddns": { "tsig-keys": [ { "name": "k", "secret": "c2VjcmV0" } ] },
                  "x": { "db-password": "p3", "client-secret": "s", "passwords": "kept", "password-file": "/f" } } }""",
                ParseOptions.file("c.json", w -> { }));
        String before = Json.toCompact(config);
        Element redacted = Redaction.redact(config);

        String text = Json.toCompact(redacted);
        assertThat(text).doesNotContain("hunter2", "p2", "1234", "c2VjcmV0", "p3", "\"s\"");
        assertThat(text).contains("\"user\": \"kea\"", "\"passwords\": \"kept\"", "\"password-file\": \"/f\"",
                "\"name\": \"h\"");
        assertThat(text.split("\\*\\*\\*\\*\\*", -1)).hasSize(7);
        // The input is untouched and the masked value keeps its position for error messages.
        assertThat(Json.toCompact(config)).isEqualTo(before);
        MapElement db = (MapElement) ((MapElement) ((MapElement) redacted).get("Dhcp4")).get("lease-database");
        assertThat(db.get("password")).isEqualTo(new StringElement("*****", db.get("password").position()));
        assertThat(db.get("password").position().line()).isEqualTo(1);
    }

    @Test
    void leavesScalarsAlone() {
        assertThat(Redaction.redact(Element.of("password"))).isEqualTo(Element.of("password"));
        assertThat(Redaction.isSecret("secret")).isTrue();
        assertThat(Redaction.isSecret("passwordx")).isFalse();
    }
}

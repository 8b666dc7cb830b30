package ruru.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;

/** One control command through socat on a UNIX socket, as an operator types it; the answer parsed. */
public final class Socat {

    private Socat() {
    }

    public static MapElement command(Path socket, String command) throws Exception {
        Process p = new ProcessBuilder("socat", "UNIX:" + socket, "-,ignoreeof").redirectErrorStream(true).start();
        p.getOutputStream().write(command.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new java.io.IOException("socat timed out");
        }
        return (MapElement) Json.parse(out, ParseOptions.string());
    }
}

package ruru.daemon.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import ruru.hooks.HookLibrary;

/** Packs a test library class into a jar, found by a service file or by the manifest attribute. */
final class TestJars {

    private TestJars() {
    }

    static Path service(Path jar, Class<? extends HookLibrary> type) throws IOException {
        return write(jar, type, false);
    }

    static Path manifest(Path jar, Class<? extends HookLibrary> type) throws IOException {
        return write(jar, type, true);
    }

    private static Path write(Path jar, Class<?> type, boolean manifest) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (manifest) {
            m.getMainAttributes().putValue(HookJar.MANIFEST_ATTRIBUTE, type.getName());
        }
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            String entry = type.getName().replace('.', '/') + ".class";
            j.putNextEntry(new JarEntry(entry));
            try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(j);
            }
            if (!manifest) {
                j.putNextEntry(new JarEntry("META-INF/services/" + HookLibrary.class.getName()));
                j.write((type.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }
}

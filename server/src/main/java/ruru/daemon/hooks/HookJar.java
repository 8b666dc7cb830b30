package ruru.daemon.hooks;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.JarFile;

import ruru.hooks.HookLibrary;

/**
 * A hook library jar opened in a class loader of its own. The loader sees the JDK, the hooks API
 * and the two libraries the API exposes ({@code ruru.hooks}, {@code ruru.json}, {@code ruru.wire},
 * all from the server's own loader, so the types are the server's) and the jar; nothing else of the
 * server (no internals, no SLF4J or Logback): a library compiles and runs against the API only.
 * Closing the jar closes the loader.
 */
final class HookJar implements AutoCloseable {

    /** The manifest attribute naming the entry class, for jars without a service file. */
    static final String MANIFEST_ATTRIBUTE = "Ruru-Hook-Library";

    private static final List<String> SHARED = List.of("ruru.hooks.", "ruru.json.", "ruru.wire.");

    private final URLClassLoader loader;
    private final HookLibrary library;

    private HookJar(URLClassLoader loader, HookLibrary library) {
        this.loader = loader;
        this.library = library;
    }

    /** A jar that cannot be used as a library: not a jar, no entry class, failing constructor... */
    static final class HookJarException extends Exception {
        private static final long serialVersionUID = 1L;

        HookJarException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static HookJar open(Path jar) throws HookJarException {
        URLClassLoader loader;
        try {
            loader = new Loader(jar.toUri().toURL());
        } catch (IOException e) {
            throw new HookJarException("cannot open " + jar + ": " + e.getMessage(), e);
        }
        try {
            return new HookJar(loader, instantiate(jar, loader));
        } catch (HookJarException | RuntimeException | LinkageError e) {
            closeQuietly(loader);
            if (e instanceof HookJarException h) {
                throw h;
            }
            throw new HookJarException("cannot load the library in " + jar + ": " + e, e);
        }
    }

    private static HookLibrary instantiate(Path jar, URLClassLoader loader) throws HookJarException {
        String entry = manifestEntry(jar);
        if (entry != null) {
            try {
                Class<?> type = Class.forName(entry, true, loader);
                if (!HookLibrary.class.isAssignableFrom(type)) {
                    throw new HookJarException(MANIFEST_ATTRIBUTE + " class " + entry + " does not implement "
                            + HookLibrary.class.getName(), null);
                }
                return (HookLibrary) type.getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new HookJarException("cannot instantiate " + entry + ": " + e, e);
            }
        }
        List<ServiceLoader.Provider<HookLibrary>> providers = ServiceLoader.load(HookLibrary.class, loader).stream()
                .filter(p -> p.type().getClassLoader() == loader).toList();
        if (providers.isEmpty()) {
            throw new HookJarException(jar + " names no hook library: add META-INF/services/"
                    + HookLibrary.class.getName() + " or the manifest attribute " + MANIFEST_ATTRIBUTE, null);
        }
        if (providers.size() > 1) {
            throw new HookJarException(jar + " names " + providers.size() + " hook libraries; one jar is one library",
                    null);
        }
        try {
            return providers.get(0).get();
        } catch (java.util.ServiceConfigurationError e) {
            throw new HookJarException("cannot instantiate the library of " + jar + ": " + e.getMessage(), e);
        }
    }

    private static String manifestEntry(Path jar) throws HookJarException {
        try (JarFile file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest();
            String value = manifest == null ? null : manifest.getMainAttributes().getValue(MANIFEST_ATTRIBUTE);
            return value == null || value.isBlank() ? null : value.trim();
        } catch (IOException e) {
            throw new HookJarException(jar + " is not a readable jar: " + e.getMessage(), e);
        }
    }

    HookLibrary library() {
        return library;
    }

    @Override
    public void close() {
        closeQuietly(loader);
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing to do: the jar is gone or already closed
        }
    }

    /** Parent: the platform loader; the API packages come from the server's loader. */
    private static final class Loader extends URLClassLoader {

        private static final ClassLoader SERVER = HookLibrary.class.getClassLoader();

        static {
            registerAsParallelCapable();
        }

        Loader(URL jar) {
            super("hook:" + jar.getPath(), new URL[] {jar}, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            for (String prefix : SHARED) {
                if (name.startsWith(prefix)) {
                    return SERVER.loadClass(name);
                }
            }
            return super.loadClass(name, resolve);
        }
    }
}

package ruru.daemon.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.SecureClassLoader;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import ruru.hooks.HookLibrary;

/**
 * A hook library jar opened in a class loader of its own. The loader sees the JDK, the hooks API
 * and the two libraries the API exposes ({@code ruru.hooks}, {@code ruru.json}, {@code ruru.wire},
 * all from the server's own loader, so the types are the server's) and the jar; nothing else of the
 * server (no internals, no SLF4J or Logback): a library compiles and runs against the API only.
 *
 * <p>Nothing but the jar's own entries is ever read: the loader is not a URLClassLoader, so a
 * manifest {@code Class-Path} (or any other manifest-driven class path) is not followed. The entry
 * class is found without being initialised, and its type and constructor are checked before any
 * of its code runs; {@link #inspect} stops there, which is all config-test and {@code -t} do.
 * Closing the jar closes the loader.
 */
final class HookJar implements AutoCloseable {

    /** The manifest attribute naming the entry class, for jars without a service file. */
    static final String MANIFEST_ATTRIBUTE = "Ruru-Hook-Library";

    private static final List<String> SHARED = List.of("ruru.hooks.", "ruru.json.", "ruru.wire.");

    private final JarLoader loader;
    private final HookLibrary library;

    private HookJar(JarLoader loader, HookLibrary library) {
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

    /**
     * Checks that {@code jar} holds a usable library without running any of its code: the jar is
     * readable, names exactly one entry class, and that class (loaded, not initialised) is a
     * public {@link HookLibrary} of this jar with a public no-argument constructor.
     */
    static void inspect(Path jar) throws HookJarException {
        try (JarLoader loader = JarLoader.open(jar)) {
            entryClass(jar, loader);
        }
    }

    /** Opens the jar, checks it as {@link #inspect} does, then instantiates the entry class. */
    static HookJar open(Path jar) throws HookJarException {
        JarLoader loader = JarLoader.open(jar);
        try {
            Constructor<? extends HookLibrary> constructor = entryClass(jar, loader);
            return new HookJar(loader, constructor.newInstance());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            loader.close();
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException i && i.getCause() != null
                    ? i.getCause() : e;
            throw new HookJarException("cannot instantiate the library of " + jar + ": " + (cause instanceof Exception
                    && !(cause instanceof ReflectiveOperationException) ? "its constructor failed" : describe(cause)),
                    cause);
        } catch (HookJarException e) {
            loader.close();
            throw e;
        }
    }

    /** The entry class's public no-argument constructor; nothing of the class has run yet. */
    private static Constructor<? extends HookLibrary> entryClass(Path jar, JarLoader loader) throws HookJarException {
        String name = loader.manifestEntry();
        Class<?> type;
        try {
            if (name != null) {
                type = Class.forName(name, false, loader);
            } else {
                type = serviceType(jar, loader);
            }
        } catch (ClassNotFoundException | LinkageError e) {
            throw new HookJarException("cannot load the library class " + (name == null ? "" : name + " ") + "of " + jar
                    + ": " + describe(e), e);
        }
        if (type.getClassLoader() != loader) {
            throw new HookJarException(type.getName() + " is not a class of " + jar, null);
        }
        if (!HookLibrary.class.isAssignableFrom(type)) {
            throw new HookJarException(MANIFEST_ATTRIBUTE + " class " + type.getName() + " does not implement "
                    + HookLibrary.class.getName(), null);
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw new HookJarException(type.getName() + " is not a public concrete class", null);
        }
        try {
            return type.asSubclass(HookLibrary.class).getConstructor();
        } catch (NoSuchMethodException | LinkageError | SecurityException e) {
            throw new HookJarException(type.getName() + " has no public no-argument constructor", e);
        }
    }

    /** The one class named by the jar's service file; the provider is not instantiated here. */
    private static Class<?> serviceType(Path jar, JarLoader loader) throws HookJarException {
        List<ServiceLoader.Provider<HookLibrary>> providers;
        try {
            providers = ServiceLoader.load(HookLibrary.class, loader).stream()
                    .filter(p -> p.type().getClassLoader() == loader).toList();
        } catch (ServiceConfigurationError e) {
            throw new HookJarException("the service file of " + jar + " is not usable: " + describe(e), e);
        }
        if (providers.isEmpty()) {
            throw new HookJarException(jar + " names no hook library: add META-INF/services/"
                    + HookLibrary.class.getName() + " or the manifest attribute " + MANIFEST_ATTRIBUTE, null);
        }
        if (providers.size() > 1) {
            throw new HookJarException(jar + " names " + providers.size() + " hook libraries; one jar is one library",
                    null);
        }
        return providers.get(0).type();
    }

    /**
     * What to tell a client about an exception a library's code threw: the library's own message
     * when the library threw it (its top frame is in a class of a hook jar), else {@code fallback}
     * (a NullPointerException's or a NumberFormatException's text is Java's, not the library's).
     */
    static String libraryMessage(Throwable e, String fallback) {
        if (e instanceof HookJarException) {
            return e.getMessage();
        }
        StackTraceElement[] frames = e.getStackTrace();
        boolean thrownByLibrary = frames.length > 0 && frames[0].getClassLoaderName() != null
                && frames[0].getClassLoaderName().startsWith("hook:");
        String message = e.getMessage();
        return thrownByLibrary && message != null && !message.isBlank() ? message : fallback;
    }

    /** A failure in words, never a Java class name or a stack trace. */
    static String describe(Throwable e) {
        return switch (e) {
            case ClassNotFoundException c -> "class " + c.getMessage() + " is not in the jar";
            case NoClassDefFoundError n -> "a class it needs is missing (" + n.getMessage() + ")";
            case ExceptionInInitializerError x -> "its static initialiser failed";
            case UnsupportedClassVersionError u -> "it was compiled for a newer Java";
            case ClassFormatError f -> "a class file is malformed";
            case LinkageError l -> "its classes do not link";
            case java.util.zip.ZipException z -> "it is not a jar (zip) file";
            case IOException io -> "it cannot be read";
            case ServiceConfigurationError sc -> "its service file names a class that cannot be used";
            case SecurityException se -> "its signature is not valid";
            default -> e.getMessage() == null || e.getMessage().isBlank() ? "it failed"
                    : e.getMessage().replaceAll("\\b(java|javax|jdk|sun)\\.[\\w.$]+", "").strip();
        };
    }

    HookLibrary library() {
        return library;
    }

    @Override
    public void close() {
        loader.close();
    }

    /**
     * Defines classes from the jar's own entries only. Parent: the platform loader; the API
     * packages come from the server's loader.
     */
    private static final class JarLoader extends SecureClassLoader implements AutoCloseable {

        private static final ClassLoader SERVER = HookLibrary.class.getClassLoader();

        static {
            registerAsParallelCapable();
        }

        private final JarFile jar;
        private final URI base;
        private final CodeSource source;

        private JarLoader(Path path, JarFile jar) {
            super("hook:" + path, ClassLoader.getPlatformClassLoader());
            this.jar = jar;
            this.base = path.toUri();
            URL location;
            try {
                location = base.toURL();
            } catch (MalformedURLException e) {
                location = null;
            }
            this.source = new CodeSource(location, (Certificate[]) null);
        }

        static JarLoader open(Path path) throws HookJarException {
            try {
                // Not a multi-release view and no verification side paths: the entries as stored.
                return new JarLoader(path, new JarFile(path.toFile(), false));
            } catch (IOException | SecurityException e) {
                throw new HookJarException(path + " is not a readable jar: " + describe(e), e);
            }
        }

        /** The manifest's entry class attribute, or null; {@code Class-Path} is never read. */
        String manifestEntry() throws HookJarException {
            try {
                var manifest = jar.getManifest();
                String value = manifest == null ? null : manifest.getMainAttributes().getValue(MANIFEST_ATTRIBUTE);
                return value == null || value.isBlank() ? null : value.trim();
            } catch (IOException e) {
                throw new HookJarException(jar.getName() + " has an unreadable manifest: " + describe(e), e);
            }
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

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            JarEntry entry = jar.getJarEntry(name.replace('.', '/') + ".class");
            if (entry == null || entry.isDirectory()) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes;
            try (InputStream in = jar.getInputStream(entry)) {
                bytes = in.readAllBytes();
            } catch (IOException | IllegalStateException e) {
                throw new ClassNotFoundException(name, e);
            }
            int dot = name.lastIndexOf('.');
            if (dot > 0) {
                String pkg = name.substring(0, dot);
                if (getDefinedPackage(pkg) == null) {
                    try {
                        definePackage(pkg, null, null, null, null, null, null, null);
                    } catch (IllegalArgumentException alreadyDefined) {
                        // defined meanwhile by another thread
                    }
                }
            }
            return defineClass(name, bytes, 0, bytes.length, source);
        }

        @Override
        protected URL findResource(String name) {
            JarEntry entry = jar.getJarEntry(name);
            if (entry == null) {
                return null;
            }
            try {
                return URI.create("jar:" + base + "!/" + entry.getName()).toURL();
            } catch (MalformedURLException | IllegalArgumentException e) {
                return null;
            }
        }

        @Override
        protected Enumeration<URL> findResources(String name) {
            URL url = findResource(name);
            return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
        }

        @Override
        public void close() {
            try {
                jar.close();
            } catch (IOException ignored) {
                // nothing to do: the jar is gone or already closed
            }
        }
    }
}

package ruru.daemon.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ruru.control.Answer;
import ruru.control.Command;
import ruru.control.CommandRegistry;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.stats.StatValue;
import ruru.daemon.stats.StatsManager;
import ruru.json.Element;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.json.StringElement;
import ruru.testing.TestJars;

/** hooks-libraries: where jars may come from, how they are found, loaded, reloaded and unloaded. */
class HookLibrariesTest {

    private static final Set<String> BUILTINS = Set.of("libdhcp_lease_cmds.so");

    @TempDir
    Path tmp;
    private Path hooksDir;
    private Path configDir;
    private PathPolicy paths;
    private final CommandRegistry registry = new CommandRegistry();
    private final StatsManager stats = new StatsManager();
    private HookLibraries libraries;

    @BeforeEach
    void setUp() throws Exception {
        hooksDir = Files.createDirectories(tmp.resolve("hooks"));
        configDir = Files.createDirectories(tmp.resolve("etc"));
        paths = new PathPolicy(configDir, Map.of("KEA_HOOKS_PATH", hooksDir.toString()), false);
        registry.register("version-get", cmd -> Answer.ok("built-in version"));
        registry.register("ping", cmd -> Answer.ok("ping"));
        Map<String, Supplier<BuiltinLibrary>> builtins = Map.of("libdhcp_lease_cmds.so",
                () -> () -> Map.of("lease4-get", cmd -> Answer.empty("Lease not found.")));
        libraries = new HookLibraries(registry, stats, "kea-dhcp4", builtins);
    }

    @AfterEach
    void tearDown() {
        libraries.unloadAll();
    }

    private HooksConfig parse(String json, boolean mt) throws Exception {
        return HooksConfig.parse(Json.parse(json, ParseOptions.string()), paths, BUILTINS, mt);
    }

    private static String entry(Object library, String params) {
        return "[ { \"library\": \"" + library + "\"" + (params == null ? "" : ", \"parameters\": " + params) + " } ]";
    }

    private Answer run(String name) {
        return registry.execute(new Command(name, null, java.util.List.of(), java.util.Optional.empty()));
    }

    private long stat(String name) {
        return stats.value(name).map(v -> ((StatValue.IntegerValue) v).value()).orElse(0L);
    }

    @Test
    void aJarOutsideTheHooksDirectoryIsRefusedTheConfigurationDirectoryIncluded() throws Exception {
        Path elsewhere = TestJars.service(tmp.resolve("elsewhere/echo.jar"), EchoLibrary.class);
        assertThatThrownBy(() -> parse(entry(elsewhere, null), true)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid path specified: '" + elsewhere.getParent() + "', supported path is '"
                        + hooksDir + "'");
        assertThatThrownBy(() -> parse(entry("../elsewhere/echo.jar", null), true))
                .hasMessageContaining("invalid path specified");
        Path local = TestJars.manifest(configDir.resolve("local.jar"), EchoLibrary.class);
        assertThatThrownBy(() -> parse(entry(local, null), true)).hasMessageContaining("invalid path specified");
        assertThatThrownBy(() -> parse(entry(hooksDir.resolve("sub/x.jar"), null), true))
                .hasMessageContaining("invalid path specified");
    }

    @Test
    void dashXDoesNotLiftTheHooksDirectoryRule() throws Exception {
        Path elsewhere = TestJars.service(tmp.resolve("elsewhere/echo.jar"), EchoLibrary.class);
        PathPolicy lax = new PathPolicy(configDir, Map.of("KEA_HOOKS_PATH", hooksDir.toString()), true);
        assertThatThrownBy(() -> HooksConfig.parse(Json.parse(entry(elsewhere, null), ParseOptions.string()), lax,
                BUILTINS, true)).hasMessageContaining("invalid path specified");
    }

    @Test
    void aSymbolicLinkInTheHooksDirectoryToAJarElsewhereIsRefused() throws Exception {
        Path elsewhere = TestJars.service(tmp.resolve("elsewhere/echo.jar"), EchoLibrary.class);
        Files.createSymbolicLink(hooksDir.resolve("link.jar"), elsewhere);
        assertThatThrownBy(() -> parse(entry(hooksDir.resolve("link.jar"), null), true))
                .hasMessageContaining("hooks libraries failed to validate").hasMessageContaining("outside");
    }

    @Test
    void aBareNameIsFoundInTheHooksDirectory() throws Exception {
        TestJars.service(hooksDir.resolve("echo.jar"), EchoLibrary.class);
        HooksConfig c = parse(entry("echo.jar", null), true);
        assertThat(((HookLibrarySpec.Jar) c.libraries().get(0).source()).path())
                .isEqualTo(hooksDir.resolve("echo.jar").toRealPath());
    }

    @Test
    void builtinsMatchByFileNameInAnyDirectoryAndOtherNamesFailClearly() throws Exception {
        HooksConfig c = parse(entry("/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so", null), true);
        assertThat(c.libraries().get(0).source()).isEqualTo(new HookLibrarySpec.Builtin("libdhcp_lease_cmds.so"));
        assertThatThrownBy(() -> parse(entry("/usr/lib/kea/hooks/libdhcp_ha.so", null), true))
                .hasMessageContaining("libdhcp_ha.so").hasMessageContaining("neither a jar nor a library built into");
        assertThatThrownBy(() -> parse(entry("missing.jar", null), true)).hasMessageContaining("no readable file");
    }

    @Test
    void ajarWithoutAnEntryClassFailsValidation() throws Exception {
        Path jar = hooksDir.resolve("empty.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("readme.txt"));
        }
        assertThatThrownBy(() -> parse(entry(jar, null), true))
                .hasMessageContaining("names no hook library").hasMessageContaining("Ruru-Hook-Library");
    }

    @Test
    void aLibraryNotMultiThreadingCompatibleIsRefusedAtLoadOnlyWhileMultiThreadingIsOn() throws Exception {
        Path jar = TestJars.service(hooksDir.resolve("st.jar"), SingleThreadedLibrary.class);
        Path echo = TestJars.service(hooksDir.resolve("echo.jar"), EchoLibrary.class);
        libraries.load(parse(entry(echo, null), true));
        HooksConfig st = parse(entry(jar, null), true);
        assertThatThrownBy(() -> libraries.load(st))
                .hasMessageStartingWith("hooks libraries failed to validate - library or libraries in error are: "
                        + jar);
        assertThat(stat("st-loads")).as("load() never ran").isZero();
        assertThat(registry.isSupported("echo-params")).as("the previous libraries stay").isTrue();
        libraries.load(parse(entry(jar, null), false));
        assertThat(stat("st-loads")).isEqualTo(1);
    }

    @Test
    void validationRunsNoLibraryCodeLoadsNothingAndRegistersNothing() throws Exception {
        System.clearProperty(StaticInitLibrary.MARK);
        Path jar = TestJars.service(hooksDir.resolve("init.jar"), StaticInitLibrary.class);
        Path viaManifest = TestJars.manifest(hooksDir.resolve("init2.jar"), StaticInitLibrary.class);
        parse(entry(jar, "{ \"a\": 1 }"), true);
        parse(entry(viaManifest, null), true);
        assertThat(System.getProperty(StaticInitLibrary.MARK)).as("static initialiser during validation").isNull();
        assertThat(registry.isSupported("echo-params")).isFalse();
        libraries.load(parse(entry(jar, null), true));
        assertThat(System.getProperty(StaticInitLibrary.MARK)).as("a real load runs it").isEqualTo("ran");
        assertThat(stat("static-init-loads")).isEqualTo(1);
    }

    @Test
    void anEntryClassThatIsNoHookLibraryIsNeverInitialised() throws Exception {
        System.clearProperty(StaticInitProbe.MARK);
        Path jar = TestJars.manifestNaming(hooksDir.resolve("probe.jar"), StaticInitProbe.class);
        assertThatThrownBy(() -> parse(entry(jar, null), true))
                .hasMessageContaining("does not implement ruru.hooks.HookLibrary");
        assertThatThrownBy(() -> libraries.load(new HooksConfig(java.util.List.of(new HookLibrarySpec(
                jar.toString(), new HookLibrarySpec.Jar(jar), MapElement.builder().build(), ruru.json.Position.NONE)))))
                .hasMessageContaining("does not implement ruru.hooks.HookLibrary");
        assertThat(System.getProperty(StaticInitProbe.MARK)).isNull();
    }

    @Test
    void aManifestClassPathIsNeverFollowed() throws Exception {
        System.clearProperty(StaticInitProbe.MARK);
        System.clearProperty(StaticInitLibrary.MARK);
        Path classes = tmp.resolve("classes");
        TestJars.classTree(classes, StaticInitProbe.class);
        TestJars.classTree(classes, StaticInitLibrary.class);
        Path probe = TestJars.manifestWithClassPath(hooksDir.resolve("evil.jar"), StaticInitProbe.class.getName(),
                classes.toUri().toString());
        Path library = TestJars.manifestWithClassPath(hooksDir.resolve("evil2.jar"),
                StaticInitLibrary.class.getName(), classes.toUri().toString());
        for (Path jar : java.util.List.of(probe, library)) {
            assertThatThrownBy(() -> parse(entry(jar, null), true))
                    .hasMessageContaining("cannot load the library class");
            assertThatThrownBy(() -> libraries.load(new HooksConfig(java.util.List.of(new HookLibrarySpec(
                    jar.toString(), new HookLibrarySpec.Jar(jar), MapElement.builder().build(),
                    ruru.json.Position.NONE)))))
                    .hasMessageContaining("cannot load the library class");
        }
        assertThat(System.getProperty(StaticInitProbe.MARK)).isNull();
        assertThat(System.getProperty(StaticInitLibrary.MARK)).isNull();
    }

    @Test
    void serviceLoaderAndManifestLibrariesLoadWithTheirParametersAndCommandsTakePrecedence() throws Exception {
        Path a = TestJars.service(hooksDir.resolve("a.jar"), EchoLibrary.class);
        Path b = TestJars.manifest(hooksDir.resolve("b.jar"), EchoLibrary.class);
        libraries.load(parse("[ { \"library\": \"" + a + "\", \"parameters\": { \"floor\": 13 } },"
                + " { \"library\": \"" + b + "\" } ]", true));
        assertThat(stat("echo-loads")).isEqualTo(2);
        assertThat(registry.names()).contains("echo-params", "version-get", "list-commands");
        assertThat(run("version-get").text()).isEqualTo("hooked version");
        Element params = run("echo-params").arguments();
        assertThat(params).isInstanceOf(MapElement.class);
        assertThat(run("ping").text()).isEqualTo("pong from kea-dhcp4");

        libraries.unloadAll();
        assertThat(stat("echo-unloads")).isEqualTo(2);
        assertThat(registry.isSupported("echo-params")).isFalse();
        assertThat(run("version-get").text()).as("the built-in is back").isEqualTo("built-in version");
        assertThat(run("ping").text()).isEqualTo("ping");
    }

    @Test
    void theParametersReachTheLibrary() throws Exception {
        Path a = TestJars.service(hooksDir.resolve("a.jar"), EchoLibrary.class);
        libraries.load(parse(entry(a, "{ \"floor\": 13, \"users\": [ \"alice\" ] }"), true));
        MapElement params = (MapElement) run("echo-params").arguments();
        assertThat(params.get("floor").asLong()).contains(13L);
        assertThat(Json.toCompact(params.get("users"))).isEqualTo("[ \"alice\" ]");
    }

    @Test
    void reloadUnloadsAndLoadsAgainWithTheSameParameters() throws Exception {
        Path a = TestJars.service(hooksDir.resolve("a.jar"), EchoLibrary.class);
        libraries.load(parse(entry(a, "{ \"floor\": 13 }"), true));
        libraries.reload();
        assertThat(stat("echo-loads")).isEqualTo(2);
        assertThat(stat("echo-unloads")).isEqualTo(1);
        assertThat(((MapElement) run("echo-params").arguments()).get("floor").asLong()).contains(13L);
        libraries.load(parse(entry(a, "{ \"floor\": 14 }"), true));
        assertThat(stat("echo-loads")).as("a new configuration reloads even the same list").isEqualTo(3);
        assertThat(((MapElement) run("echo-params").arguments()).get("floor").asLong()).contains(14L);
    }

    @Test
    void aFailingLibraryFailsTheLoadAndThePreviousLibrariesStay() throws Exception {
        Path echo = TestJars.service(hooksDir.resolve("echo.jar"), EchoLibrary.class);
        Path bad = TestJars.service(hooksDir.resolve("bad.jar"), FailingLibrary.class);
        libraries.load(parse(entry(echo, null), true));
        HooksConfig failing = parse("[ { \"library\": \"" + echo + "\" }, { \"library\": \"" + bad + "\" } ]", true);
        assertThatThrownBy(() -> libraries.load(failing)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("One or more hook libraries failed to load")
                .hasMessageContaining("missing parameter 'floor'");
        assertThat(registry.isSupported("never-seen")).isFalse();
        assertThat(registry.isSupported("echo-params")).as("previous set reloaded").isTrue();
        assertThat(libraries.current().libraries()).hasSize(1);
    }

    @Test
    void builtinsRegisterTheirCommandsAndListCommandsShowsThem() throws Exception {
        libraries.load(parse(entry("libdhcp_lease_cmds.so", null), true));
        assertThat(registry.names()).contains("lease4-get");
        MapElement list = run("list-commands").toElement();
        assertThat(Json.toCompact(list)).contains("\"lease4-get\"");
        assertThat(run("lease4-get").text()).isEqualTo("Lease not found.");
        libraries.unloadAll();
        assertThat(registry.isSupported("lease4-get")).isFalse();
    }

    @Test
    void aLibraryIsRunInItsOwnLoaderThatHidesTheServerInternals() throws Exception {
        Path a = TestJars.service(hooksDir.resolve("a.jar"), EchoLibrary.class);
        try (HookJar jar = HookJar.open(a)) {
            ClassLoader loader = jar.library().getClass().getClassLoader();
            assertThat(loader).isNotSameAs(EchoLibrary.class.getClassLoader());
            assertThat(loader.loadClass("ruru.json.Element")).isSameAs(Element.class);
            assertThatThrownBy(() -> loader.loadClass("ruru.control.CommandRegistry"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> loader.loadClass("org.slf4j.Logger")).isInstanceOf(ClassNotFoundException.class);
        }
        assertThat(StringElement.class).isNotNull();
    }
}

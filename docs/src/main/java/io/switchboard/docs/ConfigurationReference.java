package io.switchboard.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The configuration reference, docs/configuration.md, written from what the bundles themselves
 * declare: the metatype bnd generates from each {@code @ObjectClassDefinition}
 * (OSGI-INF/metatype/*.xml) and, to say whether a component runs without a file, its Declarative
 * Services description (OSGI-INF/*.xml). Nothing here is typed by hand except {@link #OTHER_FILES},
 * the files in config/ that no Switchboard component declares.
 */
public final class ConfigurationReference {

    /** One key of a PID. */
    public record Key(String id, String type, boolean list, List<String> defaults, String description) {}

    /** How a PID's component comes to run. */
    public enum Activation {
        /** The component runs on the defaults when there is no file. */
        DEFAULTS,
        /** The component runs only once its file exists. */
        NEEDS_FILE,
        /** A factory PID: one instance per file. */
        PER_FILE,
        /** No Declarative Services component of the bundle names the PID. */
        UNKNOWN
    }

    /** One PID (or factory PID) with its keys. */
    public record Pid(String pid, boolean factory, String title, String description, String bundle,
            Activation activation, List<Key> keys) {
        /** The file that configures it, as FileInstall names it. */
        public String file() {
            return factory ? pid + "-<name>.cfg" : pid + ".cfg";
        }
    }

    /** A file in config/ whose keys are read outside Switchboard's metatype. */
    public record OtherFile(String file, String readBy, String keys) {}

    /**
     * The files in config/ that configure something other than a Switchboard component, by the start
     * of their name. The test refuses a file in config/ that is neither here nor a Switchboard PID.
     */
    public static final List<OtherFile> OTHER_FILES = List.of(
            new OtherFile("org.apache.felix.fileinstall-", "Apache Felix FileInstall (a factory configuration of its own)",
                    "`felix.fileinstall.dir` (the folder watched: `deploy`), `felix.fileinstall.poll` (milliseconds "
                            + "between scans), `felix.fileinstall.noInitialDelay`, `felix.fileinstall.start.level`, "
                            + "`felix.fileinstall.enableConfigSave`"),
            new OtherFile("org.apache.felix.hc.generalchecks.", "the Apache Felix general health checks",
                    "`hc.name`, `hc.tags` (`switchboard` puts the check into `GET /health`) and the check's own keys; "
                            + "that bundle's metatype describes them in the web console's Configuration page"),
            new OtherFile("users.properties", "`auth-file` (the users file named by `io.switchboard.auth.file`)",
                    "not configuration: one line per user, `name = credentials` (salted SCRAM-SHA-256 and "
                            + "SCRAM-SHA-1, never a password), written by `switchboard:adduser` and re-read at the next login"),
            new OtherFile("logback.xml", "Logback (the server's log: `logs/switchboard.log` and standard error)",
                    "appenders, rolling and retention, and a `<logger name=\"…\" level=\"…\"/>` per logger; re-read "
                            + "within 10 s of a change (docs/operations.md, Logs)"));

    private ConfigurationReference() {
    }

    /** Every PID declared by the Switchboard bundles ({@code io.switchboard.*}) among these jars, by PID. */
    public static List<Pid> read(Collection<Path> jars) {
        List<Pid> pids = new ArrayList<>();
        for (Path jar : jars) {
            pids.addAll(readJar(jar));
        }
        pids.sort(Comparator.comparing(Pid::pid));
        return pids;
    }

    private static List<Pid> readJar(Path path) {
        try (JarFile jar = new JarFile(path.toFile())) {
            String bundle = jar.getManifest() == null ? null
                    : jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
            if (bundle == null || !bundle.startsWith("io.switchboard.")) {
                return List.of();
            }
            bundle = bundle.split(";")[0].trim();
            // PID -> the configuration policies of the components that take it
            Map<String, List<String>> policies = new HashMap<>();
            List<Document> metatypes = new ArrayList<>();
            for (ZipEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                if (!name.endsWith(".xml")) {
                    continue;
                }
                if (name.startsWith("OSGI-INF/metatype/")) {
                    metatypes.add(parse(jar, entry));
                } else if (name.startsWith("OSGI-INF/") && name.indexOf('/', "OSGI-INF/".length()) < 0) {
                    Element component = parse(jar, entry).getDocumentElement();
                    if (component.getLocalName().equals("component")) {
                        String configurationPid = component.getAttribute("configuration-pid");
                        String pids = configurationPid.isEmpty() ? component.getAttribute("name") : configurationPid;
                        String policy = component.getAttribute("configuration-policy");
                        for (String pid : pids.trim().split("\\s+")) {
                            policies.computeIfAbsent(pid, p -> new ArrayList<>()).add(policy.isEmpty() ? "optional" : policy);
                        }
                    }
                }
            }
            List<Pid> pids = new ArrayList<>();
            for (Document metatype : metatypes) {
                pids.addAll(pidsOf(metatype, bundle, policies));
            }
            return pids;
        } catch (IOException e) {
            throw new UncheckedIOException(path.toString(), e);
        }
    }

    private static List<Pid> pidsOf(Document metatype, String bundle, Map<String, List<String>> policies) {
        Map<String, Element> ocds = new HashMap<>();
        for (Element ocd : children(metatype.getDocumentElement(), "OCD")) {
            ocds.put(ocd.getAttribute("id"), ocd);
        }
        List<Pid> pids = new ArrayList<>();
        for (Element designate : children(metatype.getDocumentElement(), "Designate")) {
            boolean factory = !designate.getAttribute("factoryPid").isEmpty();
            String pid = factory ? designate.getAttribute("factoryPid") : designate.getAttribute("pid");
            for (Element object : children(designate, "Object")) {
                Element ocd = ocds.get(object.getAttribute("ocdref"));
                if (ocd == null) {
                    throw new IllegalStateException(bundle + ": " + pid + " refers to a missing OCD " + object.getAttribute("ocdref"));
                }
                List<Key> keys = new ArrayList<>();
                for (Element ad : children(ocd, "AD")) {
                    keys.add(new Key(ad.getAttribute("id"), ad.getAttribute("type"),
                            !ad.getAttribute("cardinality").isEmpty() && !ad.getAttribute("cardinality").equals("0"),
                            ad.hasAttribute("default") ? splitDefault(ad.getAttribute("default")) : null,
                            // bnd leaves the description out when the annotation has none: the name says something
                            ad.getAttribute("description").isEmpty() ? ad.getAttribute("name") + "." : ad.getAttribute("description")));
                }
                pids.add(new Pid(pid, factory, ocd.getAttribute("name"), ocd.getAttribute("description"), bundle,
                        activation(factory, policies.get(pid)), keys));
            }
        }
        return pids;
    }

    private static Activation activation(boolean factory, List<String> policies) {
        if (factory) {
            return Activation.PER_FILE;
        }
        if (policies == null) {
            return Activation.UNKNOWN;
        }
        return policies.contains("require") ? Activation.NEEDS_FILE : Activation.DEFAULTS;
    }

    /** A metatype default: values separated by commas, a comma inside a value escaped with a backslash. */
    private static List<String> splitDefault(String value) {
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                current.append(value.charAt(++i));
            } else if (c == ',') {
                values.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        values.add(current.toString());
        return values;
    }

    /**
     * The page. {@code shipped} are the names of the files in the distribution's config/ folder, to
     * say which PIDs come with a file and which with an example to copy.
     */
    public static String render(List<Pid> server, List<Pid> examples, Set<String> shipped) {
        StringBuilder page = new StringBuilder();
        page.append("# Configuration reference\n\n");
        page.append("<!-- Generated by docs/src/main/java/io/switchboard/docs/ConfigurationReference.java from the\n");
        page.append("     bundles' metatype. Do not edit: after `mvn -B verify`, copy docs/target/configuration.md here. -->\n\n");
        page.append("""
                Every setting of every Switchboard component, as the components declare it (their
                `@ObjectClassDefinition`). The build writes this page from the bundles the distribution
                ships, and a test fails while the copy in the repository differs.

                How configuration works, in short:

                - A component reads its settings from Configuration Admin under a PID. FileInstall loads
                  them from `config/<PID>.cfg` and applies a change to a file within a second, without a
                  restart. A key left out keeps its default; a file left out gives every key its default,
                  unless the section below says the component needs its file.
                - A factory PID has one instance per file, `config/<factory PID>-<name>.cfg`; the name is
                  free, and removing the file removes the instance.
                - Files are `key = value` lines, `#` for comments. A list with more than one value is
                  written `[ "a", "b" ]`. FileInstall reads that form only when every value of the file is
                  quoted, so a file with such a list quotes them all (`port = "5222"`).
                - The same settings can be edited in the web console (`/system/console/configMgr`), which
                  shows these descriptions.

                """);
        page.append("| PID | what | bundle |\n|---|---|---|\n");
        for (Pid pid : server) {
            page.append("| `").append(pid.pid()).append(pid.factory() ? "` (factory)" : "`").append(" | ")
                    .append(cell(pid.title())).append(" | `").append(pid.bundle()).append("` |\n");
        }
        page.append('\n');
        for (Pid pid : server) {
            section(page, "##", pid, shipped);
        }
        page.append("## Examples (not part of the server)\n\n");
        page.append("The bundles in `examples/` declare these; they apply once an example's jar is dropped into `deploy/`.\n\n");
        for (Pid pid : examples) {
            section(page, "###", pid, shipped);
        }
        page.append("""
                ## Read outside the metatype

                Keys that no Switchboard component declares, but that the distribution reads:

                | file in `config/` | read by | keys |
                |---|---|---|
                """);
        for (OtherFile other : OTHER_FILES) {
            page.append("| `").append(other.file()).append(other.file().endsWith("-") || other.file().endsWith(".") ? "…" : "")
                    .append("` | ").append(other.readBy()).append(" | ").append(other.keys()).append(" |\n");
        }
        page.append("""

                Outside `config/`: `conf/config.properties` holds the Felix launcher's framework properties
                (start levels, the `bundle/` folder it installs, FileInstall's watch of `config/`),
                `conf/system.properties` the JVM system properties (log levels) and `conf/jvm.options` the
                JVM's options; see [operations.md](operations.md).

                The start-up report on the console (`health` bundle) reads some keys of `io.switchboard.http`,
                `io.switchboard.transport.tcp`, `io.switchboard.metrics`, `io.switchboard.console` and
                `io.switchboard.eventsource.simulator` straight from Configuration Admin, to say where the
                server listens; it keeps its own copy of their defaults.
                """);
        return page.toString();
    }

    private static void section(StringBuilder page, String heading, Pid pid, Set<String> shipped) {
        page.append(heading).append(" `").append(pid.pid()).append("`\n\n");
        page.append("**").append(text(pid.title())).append("**");
        if (!pid.description().isEmpty()) {
            page.append(": ").append(text(pid.description()));
        }
        page.append("\n\n");
        page.append("Bundle `").append(pid.bundle()).append("`. ");
        page.append(switch (pid.activation()) {
            case DEFAULTS -> "Runs on the defaults below when there is no `config/" + pid.file() + "`.";
            case NEEDS_FILE -> "Off until `config/" + pid.file() + "` exists.";
            case PER_FILE -> "One instance per file `config/" + pid.file() + "`; none without a file.";
            case UNKNOWN -> "Read by the bundle itself (no component names it).";
        });
        page.append(' ').append(shippedAs(pid, shipped)).append("\n\n");
        page.append("| key | type | default | description |\n|---|---|---|---|\n");
        for (Key key : pid.keys()) {
            page.append("| `").append(key.id()).append("` | ").append(type(key)).append(" | ")
                    .append(defaults(key)).append(" | ").append(cell(key.description())).append(" |\n");
        }
        page.append('\n');
    }

    private static String shippedAs(Pid pid, Set<String> shipped) {
        Set<String> files = new TreeSet<>();
        for (String file : shipped) {
            String base = file.endsWith(".example") ? file.substring(0, file.length() - ".example".length()) : file;
            if (base.equals(pid.pid() + ".cfg") || (pid.factory() && base.startsWith(pid.pid() + "-") && base.endsWith(".cfg"))) {
                files.add(file);
            }
        }
        if (files.isEmpty()) {
            return "The distribution ships no file for it.";
        }
        StringBuilder said = new StringBuilder("Shipped: ");
        int i = 0;
        for (String file : files) {
            said.append(i++ == 0 ? "" : ", ").append('`').append("config/").append(file).append('`');
        }
        boolean examplesOnly = files.stream().allMatch(f -> f.endsWith(".example"));
        return said.append(examplesOnly ? " (copy it without `.example` to use it)." : ".").toString();
    }

    private static String type(Key key) {
        String type = key.type().toLowerCase(java.util.Locale.ROOT);
        return key.list() ? "list of " + type : type;
    }

    private static String defaults(Key key) {
        if (key.defaults() == null) {
            return "none";
        }
        if (key.defaults().size() == 1 && key.defaults().get(0).isEmpty()) {
            return key.list() ? "empty" : "`\"\"`";
        }
        StringBuilder out = new StringBuilder();
        for (String value : key.defaults()) {
            out.append(out.length() == 0 ? "" : ", ").append('`').append(value.replace("|", "\\|")).append('`');
        }
        return out.toString();
    }

    /** Text for a table cell: one line, no raw pipe, no accidental HTML tag. */
    private static String cell(String text) {
        return text(text).replace("|", "\\|");
    }

    private static String text(String text) {
        return text.replaceAll("\\s*\n\\s*", " ").replace("<", "\\<");
    }

    private static Document parse(JarFile jar, ZipEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(in);
        } catch (SAXException | javax.xml.parsers.ParserConfigurationException e) {
            throw new IOException(jar.getName() + "!" + entry.getName(), e);
        }
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    /** The jars in these folders, by name. */
    public static List<Path> jarsIn(Path... folders) {
        List<Path> jars = new ArrayList<>();
        for (Path folder : folders) {
            try (var files = Files.list(folder)) {
                files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
            } catch (IOException e) {
                throw new UncheckedIOException(folder.toString(), e);
            }
        }
        return jars;
    }
}

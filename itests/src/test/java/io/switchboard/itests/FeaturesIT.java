package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.felix.framework.Felix;
import org.junit.BeforeClass;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Karaf feature descriptor the build makes (features/target/feature/feature.xml): the profile
 * switchboard-felix holds exactly the bundles of the distribution's list (the feature "features",
 * made from features/pom.xml), and every capability feature resolves on its own in an empty Felix
 * framework. Plain JUnit, no server: it only installs and resolves bundles.
 */
public class FeaturesIT {

    private static final String LIST = "features";
    private static final String PROFILE = "switchboard-felix";

    /** Feature name to its own bundles and the features it includes. */
    private static final Map<String, List<String>> BUNDLES = new LinkedHashMap<>();
    private static final Map<String, List<String>> INCLUDES = new HashMap<>();

    @BeforeClass
    public static void readDescriptor() throws Exception {
        Path descriptor = Path.of(System.getProperty("switchboard.distribution"))
                .resolve("../../../features/target/feature/feature.xml").normalize();
        assertTrue(descriptor + " is missing: build features first", Files.isRegularFile(descriptor));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        Element root = factory.newDocumentBuilder().parse(descriptor.toFile()).getDocumentElement();
        for (Element feature : children(root, "feature")) {
            String name = feature.getAttribute("name");
            BUNDLES.put(name, children(feature, "bundle").stream().map(bundle -> bundle.getTextContent().trim()).toList());
            INCLUDES.put(name, children(feature, "feature").stream().map(included -> included.getTextContent().trim()).toList());
        }
    }

    @Test
    public void theFelixProfileIsExactlyTheDistributionsList() {
        Set<String> profile = bundlesOf(PROFILE);
        Set<String> list = new LinkedHashSet<>(BUNDLES.get(LIST));

        Set<String> missing = new LinkedHashSet<>(list);
        missing.removeAll(profile);
        Set<String> extra = new LinkedHashSet<>(profile);
        extra.removeAll(list);
        assertTrue("in features/pom.xml but in no capability feature (or of another version): " + missing, missing.isEmpty());
        assertTrue("in a capability feature but not in features/pom.xml: " + extra, extra.isEmpty());
    }

    @Test
    public void everyCapabilityFeatureResolvesAlone() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String feature : BUNDLES.keySet()) {
            if (!feature.equals(LIST)) {
                failures.addAll(resolve(feature));
            }
        }
        assertEquals("unresolved:\n" + String.join("\n", failures), List.of(), failures);
        assertFalse(BUNDLES.isEmpty());
    }

    /** Installs the feature's bundles into a fresh framework and resolves them; one line per bundle that does not resolve. */
    private static List<String> resolve(String feature) throws Exception {
        Path storage = Path.of("target", "features-it", feature).toAbsolutePath();
        SwitchboardOptions.deleteRecursively(storage);
        Felix framework = new Felix(Map.of(Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start(); // no bundle of ours is started: a started framework only lets start() explain a failure
        try {
            List<Bundle> bundles = new ArrayList<>();
            for (String url : bundlesOf(feature)) {
                bundles.add(framework.getBundleContext().installBundle(url, Files.newInputStream(jar(url))));
            }
            framework.adapt(FrameworkWiring.class).resolveBundles(bundles);
            List<String> failures = new ArrayList<>();
            for (Bundle bundle : bundles) {
                if (bundle.getState() == Bundle.INSTALLED) {
                    try {
                        bundle.start(); // fails, saying which requirement is missing
                        failures.add(feature + ": " + bundle.getLocation() + " did not resolve");
                    } catch (BundleException e) {
                        failures.add(feature + ": " + e.getMessage());
                    }
                }
            }
            return failures;
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    /** The feature's bundles and those of every feature it includes. */
    private static Set<String> bundlesOf(String feature) {
        Set<String> bundles = new LinkedHashSet<>();
        List<String> own = BUNDLES.get(feature);
        assertTrue("no feature " + feature, own != null);
        for (String included : INCLUDES.get(feature)) {
            bundles.addAll(bundlesOf(included));
        }
        bundles.addAll(own);
        return bundles;
    }

    /**
     * mvn:group/artifact/version as a file: the project's own bundles as this build made them
     * (bundles/NAME/target: `mvn verify` installs nothing into the local repository), the others
     * from the local Maven repository, where the build fetched them.
     */
    private static Path jar(String url) {
        String[] parts = url.substring("mvn:".length()).split("/");
        if (parts[0].equals("io.switchboard")) {
            Path root = Path.of(System.getProperty("switchboard.distribution")).resolve("../../..").normalize();
            return root.resolve("bundles").resolve(parts[1]).resolve("target").resolve(parts[1] + "-" + parts[2] + ".jar");
        }
        Path repository = Path.of(System.getProperty("org.ops4j.pax.url.mvn.localRepository"));
        return repository.resolve(parts[0].replace('.', '/')).resolve(parts[1]).resolve(parts[2])
                .resolve(parts[1] + "-" + parts[2] + ".jar");
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getLocalName().equals(name)) {
                children.add(element);
            }
        }
        return children;
    }
}

package io.switchboard.release.impl;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * Makes an upgrade run the new release's bundles only. Felix keeps every installed bundle in its
 * cache (data/felix-cache) across restarts, and its auto-deploy only installs and updates: a bundle
 * that an older release installed from bundle/ stays installed, and starts, after the new release
 * dropped its jar. Felix's own {@code uninstall} action would also remove what the operator
 * installed on purpose (from deploy/, from the console or the shell), so this removes only the
 * bundles whose location is a jar in one of the release's folders ({@value #RELEASE_FOLDERS}, as
 * conf/config.properties names them) that is not there any more. It runs at start level 1, before
 * the server's bundles at level 2 are resolved or started. It writes to standard error (the
 * output of bin/switchboard, the journal under systemd) rather than through SLF4J: asked this
 * early, before SPI Fly has woven SLF4J to its provider, SLF4J would settle for no logging at all,
 * for every bundle.
 */
public final class ReleaseCleanup implements BundleActivator {

    /** The framework property naming the release's folders, comma-separated, relative to the server's folder. */
    static final String RELEASE_FOLDERS = "switchboard.release.folders";

    @Override
    public void start(BundleContext context) {
        String folders = context.getProperty(RELEASE_FOLDERS);
        if (folders == null || folders.isBlank()) {
            return; // not started by bin/switchboard (a test framework): no release folders to compare with
        }
        List<Path> release = new ArrayList<>();
        for (String folder : folders.split(",")) {
            if (!folder.isBlank()) {
                release.add(Path.of(folder.trim()).toAbsolutePath().normalize());
            }
        }
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() == 0 || bundle.equals(context.getBundle())) {
                continue;
            }
            Optional<Path> gone = removedFromRelease(bundle.getLocation(), release);
            if (gone.isPresent()) {
                try {
                    bundle.uninstall();
                    say("Uninstalled " + bundle.getSymbolicName() + " " + bundle.getVersion() + ": " + gone.get() + " is not in this release");
                } catch (BundleException | IllegalStateException e) {
                    say("Could not uninstall " + bundle.getSymbolicName() + " " + bundle.getVersion() + ", whose " + gone.get()
                            + " is not in this release: " + e);
                }
            }
        }
    }

    private static void say(String line) {
        System.err.println("[release-cleanup] " + line);
    }

    @Override
    public void stop(BundleContext context) {
        // nothing held
    }

    /**
     * The jar a bundle was installed from, when it was in one of the release's folders and is not
     * there any more. Locations are file URIs: absolute as auto-deploy writes them
     * (file:/opt/switchboard/bundle/x.jar), or relative to the server's folder as conf/config.properties
     * lists boot/'s (file:boot/x.jar). Anything else (deploy/, an upload, a URL) is the operator's.
     */
    static Optional<Path> removedFromRelease(String location, List<Path> releaseFolders) {
        if (location == null || !location.startsWith("file:") || !location.endsWith(".jar")) {
            return Optional.empty();
        }
        Path jar;
        try {
            jar = location.startsWith("file:/") ? Path.of(URI.create(location)) : Path.of(location.substring("file:".length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a path we can judge: leave it
        }
        jar = jar.toAbsolutePath().normalize();
        Path folder = jar.getParent();
        return releaseFolders.contains(folder) && !Files.exists(jar) ? Optional.of(jar) : Optional.empty();
    }
}

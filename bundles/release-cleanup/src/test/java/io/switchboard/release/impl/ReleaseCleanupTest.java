package io.switchboard.release.impl;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Which installed bundles an upgrade removed: jars gone from the release's folders, and nothing else. */
public class ReleaseCleanupTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void aJarGoneFromBundleIsRemovedAndOneStillThereStays() throws Exception {
        Path bundle = folder.newFolder("bundle").toPath();
        Path kept = Files.createFile(bundle.resolve("kept.jar"));
        List<Path> release = List.of(bundle);

        assertEquals(Optional.of(bundle.resolve("dropped.jar")),
                ReleaseCleanup.removedFromRelease(bundle.resolve("dropped.jar").toUri().toString(), release));
        assertEquals(Optional.empty(), ReleaseCleanup.removedFromRelease(kept.toUri().toString(), release));
    }

    @Test
    public void boot_sRelativeLocationsAreTakenFromTheServersFolder() {
        Path boot = Path.of("boot").toAbsolutePath();
        assertEquals(Optional.of(boot.resolve("old-logging.jar")),
                ReleaseCleanup.removedFromRelease("file:boot/old-logging.jar", List.of(boot)));
    }

    @Test
    public void whatTheOperatorInstalledIsNeverTouched() throws Exception {
        Path bundle = folder.newFolder("bundle").toPath();
        Path deploy = folder.newFolder("deploy").toPath();
        List<Path> release = List.of(bundle);

        // deploy/ is File Install's, which uninstalls what is deleted there itself
        assertEquals(Optional.empty(), ReleaseCleanup.removedFromRelease(deploy.resolve("gone.jar").toUri().toString(), release));
        // installed from the shell from anywhere else, uploaded in the web console, or from a URL
        assertEquals(Optional.empty(), ReleaseCleanup.removedFromRelease("file:/tmp/mine.jar", release));
        assertEquals(Optional.empty(), ReleaseCleanup.removedFromRelease("inputstream:mine.jar", release));
        assertEquals(Optional.empty(), ReleaseCleanup.removedFromRelease("https://example.com/mine.jar", release));
        assertEquals(Optional.empty(), ReleaseCleanup.removedFromRelease("file:" + bundle.resolve("sub/x.jar"), release));
    }
}

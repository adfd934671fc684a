package io.switchboard.testing;

import java.io.IOException;
import java.nio.file.Path;

import org.h2.util.OsgiDataSourceFactory;
import org.junit.rules.TemporaryFolder;
import org.osgi.service.jdbc.DataSourceFactory;

/** H2 file databases in a temporary folder, as the distribution runs its stores by default. */
public final class H2Databases extends TestDatabases {

    private final TemporaryFolder folder = new TemporaryFolder();

    @Override
    protected void before() throws IOException {
        folder.create();
    }

    @Override
    protected void after() {
        folder.delete();
    }

    @Override
    public DataSourceFactory factory() {
        return new OsgiDataSourceFactory(new org.h2.Driver());
    }

    /** Where a database of this name has its file, for a URL of the test's own. */
    public Path file(String name) {
        return folder.getRoot().toPath().resolve(name);
    }

    /** WRITE_DELAY=0, as the distribution's: each commit on disk before it returns. */
    @Override
    protected Object[] create(String name) {
        return new Object[] {"url", "jdbc:h2:" + file(name) + ";WRITE_DELAY=0"};
    }
}

package io.switchboard.jdbc;

import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import org.osgi.service.jdbc.DataSourceFactory;

/**
 * Where a bundle's database is and how to log in, as every bundle that keeps data in one is
 * configured: the keys {@code url}, {@code user} and {@code password}, beside
 * {@code dataSourceFactory.target}, which picks the driver. Metatype annotations cannot inherit,
 * so each bundle's configuration declares these keys and builds one of these from them.
 *
 * @param pid the configuration the settings come from, named in errors
 */
public record JdbcSettings(String pid, String url, String user, String password) {

    /** The driver every bundle uses unless configured otherwise: the embedded H2 shipped with the server. */
    public static final String H2_DRIVER = "(osgi.jdbc.driver.class=org.h2.Driver)";

    /** @throws IllegalArgumentException naming the PID and the key when there is no URL */
    public JdbcSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(pid + ": 'url' must not be empty");
        }
        url = url.trim();
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /** A data source from the driver's factory; an empty user or password is left to the driver. */
    public DataSource dataSource(DataSourceFactory factory) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL, url);
        if (!user.isEmpty()) {
            properties.setProperty(DataSourceFactory.JDBC_USER, user);
        }
        if (!password.isEmpty()) {
            properties.setProperty(DataSourceFactory.JDBC_PASSWORD, password);
        }
        return factory.createDataSource(properties);
    }

    /** The URL without its options, which may carry credentials (…?password=, H2's …;PASSWORD=). */
    public String redactedUrl() {
        int options = url.length();
        for (char separator : new char[] {'?', ';'}) {
            int at = url.indexOf(separator);
            if (at >= 0) {
                options = Math.min(options, at);
            }
        }
        return options == url.length() ? url : url.substring(0, options) + "…";
    }

    /** Never the password, nor what the URL's options may carry. */
    @Override
    public String toString() {
        return pid + ": " + redactedUrl() + (user.isEmpty() ? "" : " as " + user);
    }
}

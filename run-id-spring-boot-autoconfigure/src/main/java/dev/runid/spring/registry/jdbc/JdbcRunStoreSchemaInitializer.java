package dev.runid.spring.registry.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.Resource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Creates the tables of the {@link JdbcRunStore} with the script for the database at hand
 * ({@code schema-postgresql.sql}, {@code schema-h2.sql} or {@code schema-mysql.sql}, also
 * used for MariaDB), when the {@link DatabaseInitializationMode} says so. The scripts
 * only create what is missing, so every instance may run them at every start.
 */
public class JdbcRunStoreSchemaInitializer extends DataSourceScriptDatabaseInitializer {

	/**
	 * Where the scripts are, with {@code @@platform@@} for the database.
	 */
	public static final String SCHEMA_LOCATION = "classpath:dev/runid/spring/registry/jdbc/schema-@@platform@@.sql";

	/**
	 * Create an initializer.
	 * @param dataSource the database of the store
	 * @param mode when to create the tables
	 */
	public JdbcRunStoreSchemaInitializer(DataSource dataSource, DatabaseInitializationMode mode) {
		super(dataSource, settings(dataSource, mode));
	}

	private static DatabaseInitializationSettings settings(DataSource dataSource, DatabaseInitializationMode mode) {
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setMode(mode);
		// the platform is looked up in the database: only when the script will run, so
		// that
		// with the default mode an application starts while its (non-embedded) database
		// is
		// down, and the store writes once it is up
		if (mode == DatabaseInitializationMode.ALWAYS
				|| (mode == DatabaseInitializationMode.EMBEDDED && isEmbedded(dataSource))) {
			List<String> locations = new PlatformPlaceholderDatabaseDriverResolver()
				.withDriverPlatform(DatabaseDriver.MARIADB, "mysql")
				.resolveAll(dataSource, SCHEMA_LOCATION);
			settings.setSchemaLocations(locations);
		}
		return settings;
	}

	private static boolean isEmbedded(DataSource dataSource) {
		try {
			return EmbeddedDatabaseConnection.isEmbedded(dataSource);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Run the scripts on one connection that holds a lock of the database while they run:
	 * two instances creating the same table or index at the same moment can fail in
	 * PostgreSQL despite {@code IF NOT EXISTS}, so in PostgreSQL (an advisory lock) and
	 * MySQL or MariaDB ({@code GET_LOCK}) the instances take turns. Other databases run
	 * the scripts a second time when the first fails (the second one then finds what the
	 * other instance created).
	 */
	@Override
	protected void runScripts(Scripts scripts) {
		ResourceDatabasePopulator populator = new ResourceDatabasePopulator();
		populator.setContinueOnError(scripts.isContinueOnError());
		populator.setSeparator(scripts.getSeparator());
		if (scripts.getEncoding() != null) {
			populator.setSqlScriptEncoding(scripts.getEncoding().name());
		}
		for (Resource resource : scripts) {
			populator.addScript(resource);
		}
		customize(populator);
		DataSource dataSource = getDataSource();
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			SchemaLock lock = SchemaLock.of(connection);
			lock.acquire(connection);
			try {
				populateOnce(populator, connection, lock == SchemaLock.NONE);
			}
			finally {
				lock.release(connection);
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Failed to create the tables of the run registry", ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	private static void populateOnce(ResourceDatabasePopulator populator, Connection connection, boolean retry) {
		try {
			populator.populate(connection);
		}
		catch (DataAccessException ex) {
			if (!retry) {
				throw ex;
			}
			populator.populate(connection);
		}
	}

	/**
	 * The lock the instances take turns with while they create the tables.
	 */
	private enum SchemaLock {

		// the key of the advisory lock: "runid" in ASCII
		POSTGRESQL("SELECT pg_advisory_lock(491596441956)", "SELECT pg_advisory_unlock(491596441956)"),

		MYSQL("SELECT GET_LOCK('run_id_schema', 120)", "SELECT RELEASE_LOCK('run_id_schema')"),

		NONE(null, null);

		private final @Nullable String acquire;

		private final @Nullable String release;

		SchemaLock(@Nullable String acquire, @Nullable String release) {
			this.acquire = acquire;
			this.release = release;
		}

		static SchemaLock of(Connection connection) throws SQLException {
			String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			if (product.contains("postgresql")) {
				return POSTGRESQL;
			}
			if (product.contains("mysql") || product.contains("mariadb")) {
				return MYSQL;
			}
			return NONE;
		}

		void acquire(Connection connection) throws SQLException {
			execute(connection, this.acquire);
		}

		void release(Connection connection) throws SQLException {
			execute(connection, this.release);
		}

		private static void execute(Connection connection, @Nullable String sql) throws SQLException {
			if (sql == null) {
				return;
			}
			try (Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
		}

	}

}

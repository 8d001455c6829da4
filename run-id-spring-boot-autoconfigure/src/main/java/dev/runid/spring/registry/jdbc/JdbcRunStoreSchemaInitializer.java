package dev.runid.spring.registry.jdbc;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.dao.DataAccessException;

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
	 * Run the script; a second time if it fails, because two instances creating the same
	 * table at the same moment can fail in PostgreSQL despite {@code IF NOT EXISTS} (the
	 * second one then finds the table).
	 */
	@Override
	protected void runScripts(Scripts scripts) {
		try {
			super.runScripts(scripts);
		}
		catch (DataAccessException ex) {
			super.runScripts(scripts);
		}
	}

}

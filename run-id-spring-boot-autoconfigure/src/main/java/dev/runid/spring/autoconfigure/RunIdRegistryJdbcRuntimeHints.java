package dev.runid.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Native-image hints of the JDBC run store: the schema script of every supported
 * database, which {@code run-id.registry.jdbc.initialize-schema} runs from the class
 * path.
 */
final class RunIdRegistryJdbcRuntimeHints implements RuntimeHintsRegistrar {

	static final String SCHEMAS = "dev/runid/spring/registry/jdbc/schema-*.sql";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(SCHEMAS);
	}

}

package dev.runid.spring.autoconfigure;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdRegistryJdbcRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void registersTheSchemaScriptOfEverySupportedDatabase() throws IOException {
		new RunIdRegistryJdbcRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		Resource[] scripts = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:dev/runid/spring/registry/jdbc/schema-*.sql");
		assertThat(scripts).extracting(Resource::getFilename)
			.contains("schema-postgresql.sql", "schema-h2.sql", "schema-mysql.sql");
		for (Resource script : scripts) {
			assertThat(RuntimeHintsPredicates.resource()
				.forResource("dev/runid/spring/registry/jdbc/" + script.getFilename())).accepts(this.hints);
		}
		assertThat(RuntimeHintsPredicates.resource().forResource("dev/runid/spring/dashboard/static/index.html"))
			.rejects(this.hints);
	}

	@Test
	void jdbcStoreAutoConfigurationImportsTheHints() {
		assertThat(RunIdRegistryJdbcAutoConfiguration.class.getAnnotation(ImportRuntimeHints.class).value())
			.containsExactly(RunIdRegistryJdbcRuntimeHints.class);
	}

}

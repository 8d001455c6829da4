package dev.runid.spring.autoconfigure;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdDashboardRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void registersEveryFileOfTheDashboard() throws IOException {
		new RunIdDashboardRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		Resource[] files = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:dev/runid/spring/dashboard/static/*");
		assertThat(files).extracting(Resource::getFilename)
			.containsExactlyInAnyOrder("index.html", "dashboard.css", "dashboard.js");
		for (Resource file : files) {
			assertThat(RuntimeHintsPredicates.resource()
				.forResource("dev/runid/spring/dashboard/static/" + file.getFilename())).accepts(this.hints);
		}
		assertThat(RuntimeHintsPredicates.resource().forResource("dev/runid/spring/registry/jdbc/schema-h2.sql"))
			.rejects(this.hints);
	}

	@Test
	void dashboardAutoConfigurationImportsTheHints() {
		assertThat(RunIdDashboardAutoConfiguration.class.getAnnotation(ImportRuntimeHints.class).value())
			.containsExactly(RunIdDashboardRuntimeHints.class);
	}

}

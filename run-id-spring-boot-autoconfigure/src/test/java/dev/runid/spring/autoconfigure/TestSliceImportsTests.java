package dev.runid.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for run-id's entries in the {@code META-INF/spring/*.imports} of Boot's test
 * slices: each slice gets the auto-configurations it needs, and only real ones. What the
 * slices then do is tested by the slice tests in {@code dev.runid.spring.slice}.
 */
class TestSliceImportsTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = ';', value = {
			"org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureWebMvc; RunIdAutoConfiguration RunIdServletAutoConfiguration RunIdTaskExecutionAutoConfiguration",
			"org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc; RunIdAutoConfiguration RunIdServletAutoConfiguration",
			"org.springframework.boot.webflux.test.autoconfigure.AutoConfigureWebFlux; RunIdAutoConfiguration RunIdReactorAutoConfiguration RunIdWebFluxAutoConfiguration",
			"org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient; RunIdAutoConfiguration RunIdReactorAutoConfiguration RunIdWebFluxAutoConfiguration",
			"org.springframework.boot.restclient.test.autoconfigure.AutoConfigureRestClient; RunIdAutoConfiguration RunIdRestClientAutoConfiguration",
			"org.springframework.boot.webclient.test.autoconfigure.AutoConfigureWebClient; RunIdAutoConfiguration RunIdReactorAutoConfiguration RunIdWebClientAutoConfiguration" })
	void sliceImportsRunIdsAutoConfigurations(String annotation, String expected) throws Exception {
		Class<?> annotationType = Class.forName(annotation);
		List<String> runIds = ImportCandidates.load(annotationType, getClass().getClassLoader())
			.getCandidates()
			.stream()
			.filter((candidate) -> candidate.startsWith("dev.runid."))
			.toList();
		assertThat(runIds).containsExactlyInAnyOrder(List.of(expected.trim().split(" "))
			.stream()
			.map((name) -> "dev.runid.spring.autoconfigure." + name)
			.toArray(String[]::new));
		List<String> all = applicationImports();
		for (String candidate : runIds) {
			assertThat(all).contains(candidate);
			assertThat(Class.forName(candidate)).hasAnnotation(AutoConfiguration.class);
		}
	}

	private List<String> applicationImports() throws IOException {
		ClassPathResource resource = new ClassPathResource(
				"META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim).toList();
		}
	}

}

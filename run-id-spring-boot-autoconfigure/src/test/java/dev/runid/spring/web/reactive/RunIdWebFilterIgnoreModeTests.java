package dev.runid.spring.web.reactive;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of {@code run-id.inbound.mode=ignore} on Reactor Netty.
 */
@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "run-id.inbound.mode=ignore" })
@DirtiesContext
class RunIdWebFilterIgnoreModeTests {

	@LocalServerPort
	int port;

	@Test
	void requestCarriesTheMintedRunRatherThanTheIgnoredOne() {
		HttpResponse<String> response = Http.get(this.port, "/headers", "X-Run-Id", "inbound-1", "X-Parent-Run-Id",
				"parent-1");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		assertThat(runId).isNotEqualTo("inbound-1");
		assertThat(response.body()).startsWith("[" + runId + "]|null|" + runId + "|")
			.doesNotContain("inbound-1")
			.doesNotContain("parent-1");
	}

}

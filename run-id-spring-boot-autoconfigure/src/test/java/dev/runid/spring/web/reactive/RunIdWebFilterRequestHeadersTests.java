package dev.runid.spring.web.reactive;

import java.net.http.HttpResponse;

import dev.runid.RunId;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests on Reactor Netty that the request a controller sees after the
 * {@link RunIdWebFilter} carries the request's run in its run headers, written into the
 * server's own request rather than a copy of it, and that a request that carries it
 * already is left untouched. {@link RunIdWebFilterMutatedRequestTests} covers requests
 * that are not the server's own.
 */
@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
@DirtiesContext
class RunIdWebFilterRequestHeadersTests {

	/**
	 * The class of Reactor Netty's request: a request that run-id did not mutate.
	 */
	private static final String SERVER_REQUEST = "ReactorServerHttpRequest";

	@LocalServerPort
	int port;

	@Test
	void requestWithoutRunIdCarriesTheMintedRun() {
		HttpResponse<String> response = Http.get(this.port, "/headers");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		assertThat(RunId.isValid(runId)).isTrue();
		assertThat(response.body()).isEqualTo("[" + runId + "]|null|" + runId + "|" + SERVER_REQUEST);
	}

	@Test
	void requestWithInvalidRunIdCarriesTheReplacingRunAndNeverTheRawValue() {
		HttpResponse<String> response = Http.get(this.port, "/headers", "X-Run-Id", "not a valid <run>",
				"X-Parent-Run-Id", "parent-1");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		assertThat(runId).isNotEqualTo("not a valid <run>");
		assertThat(response.body()).isEqualTo("[" + runId + "]|null|" + runId + "|" + SERVER_REQUEST);
	}

	@Test
	void requestWithInvalidParentCarriesTheRunWithoutParent() {
		HttpResponse<String> response = Http.get(this.port, "/headers", "X-Run-Id", "child-1", "X-Parent-Run-Id",
				"bad parent");
		assertThat(response.body()).isEqualTo("[child-1]|null|child-1|" + SERVER_REQUEST);
	}

	@Test
	void requestWithValidRunIdIsLeftAsItIs() {
		HttpResponse<String> response = Http.get(this.port, "/headers", "X-Run-Id", "run-abc.123");
		assertThat(response.body()).isEqualTo("[run-abc.123]|null|run-abc.123|" + SERVER_REQUEST);
	}

	@Test
	void requestWithValidRunIdAndParentIsLeftAsItIs() {
		HttpResponse<String> response = Http.get(this.port, "/headers", "X-Run-Id", "child-2", "X-Parent-Run-Id",
				"parent-2");
		assertThat(response.body()).isEqualTo("[child-2]|[parent-2]|child-2|" + SERVER_REQUEST);
	}

}

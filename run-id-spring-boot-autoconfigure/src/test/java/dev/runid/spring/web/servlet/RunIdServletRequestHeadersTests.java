package dev.runid.spring.web.servlet;

import java.net.http.HttpResponse;

import dev.runid.RunId;
import dev.runid.spring.test.Http;
import dev.runid.spring.test.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests on embedded Tomcat that the request a controller sees after the
 * servlet filter carries the request's run in its run headers, and that a request that
 * carries it already is left as it is.
 */
@SpringBootTest(classes = ServletTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class RunIdServletRequestHeadersTests {

	@LocalServerPort
	int port;

	@Test
	void requestWithoutRunIdCarriesTheMintedRun() {
		HttpResponse<String> response = Http.get(this.port, "/headers");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		assertThat(RunId.isValid(runId)).isTrue();
		assertThat(response.body()).isEqualTo("[" + runId + "]|null|" + runId + "|true");
	}

	@Test
	void requestWithInvalidRunIdCarriesTheReplacingRunAndNeverTheRawValue() {
		HttpResponse<String> response = Http.get(this.port, "/headers", "X-Run-Id", "not a valid <run>",
				"X-Parent-Run-Id", "parent-1");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		assertThat(runId).isNotEqualTo("not a valid <run>");
		assertThat(response.body()).isEqualTo("[" + runId + "]|null|" + runId + "|true")
			.doesNotContain("not a valid")
			.doesNotContain("parent-1");
	}

	@Test
	void requestWithRepeatedRunIdCarriesOneValue() {
		RawHttp.Response response = RawHttp.get(this.port, "/headers", "X-Run-Id: first-1", "X-Run-Id: second-2");
		String runId = response.header("X-Run-Id").get(0);
		assertThat(response.body()).contains("[" + runId + "]|null|" + runId + "|true")
			.doesNotContain("first-1|")
			.doesNotContain("second-2");
	}

	@Test
	void requestWithInvalidParentCarriesTheRunWithoutParent() {
		HttpResponse<String> response = Http.get(this.port, "/headers", "X-Run-Id", "child-1", "X-Parent-Run-Id",
				"bad parent");
		assertThat(response.body()).isEqualTo("[child-1]|null|child-1|true");
	}

	@Test
	void requestWithValidRunIdIsLeftAsItIs() {
		HttpResponse<String> response = Http.get(this.port, "/headers", "X-Run-Id", "run-abc.123");
		assertThat(response.body()).isEqualTo("[run-abc.123]|null|run-abc.123|false");
	}

	@Test
	void requestWithValidRunIdAndParentIsLeftAsItIs() {
		HttpResponse<String> response = Http.get(this.port, "/headers", "X-Run-Id", "child-2", "X-Parent-Run-Id",
				"parent-2");
		assertThat(response.body()).isEqualTo("[child-2]|[parent-2]|child-2|false");
	}

}

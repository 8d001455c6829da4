package dev.runid.spring.web.servlet;

import java.net.http.HttpResponse;

import java.time.Duration;

import dev.runid.spring.test.Http;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of async Spring MVC and {@code @Async}: the work runs on Boot's
 * {@code applicationTaskExecutor} with the request's run current and in the MDC.
 */
@SpringBootTest(classes = ServletTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class RunIdServletAsyncTests {

	@LocalServerPort
	int port;

	@BeforeEach
	@AfterEach
	void noLeaks() {
		assertThat(ServletTestApplication.leaks).isEmpty();
	}

	@Test
	void runScopedBeanLivesUntilTheAsyncRequestCompletes() {
		int destroyedBefore = ServletTestApplication.RunLedger.destroyed.get();
		HttpResponse<String> response = Http.get(this.port, "/scoped/deferred", "X-Run-Id", "async-scoped");
		assertThat(response.body()).as("the async part uses the request's instance")
			.isEqualTo("{\"value\":\"async-scoped#1|async-scoped#2\"}");
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(ServletTestApplication.RunLedger.destroyed.get() - destroyedBefore).isEqualTo(1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/callable", "/deferred", "/future", "/webasync", "/sse", "/async" })
	void asyncWorkSeesTheRequestsRun(String path) {
		for (int i = 0; i < 5; i++) {
			String runId = "async-" + path.substring(1) + "-" + i;
			HttpResponse<String> response = Http.get(this.port, path, "X-Run-Id", runId, "X-Parent-Run-Id", "p-" + i);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().allValues("X-Run-Id")).containsExactly(runId);
			String body = response.body().replace("data:", "").trim();
			String[] parts = body.split("\\|");
			assertThat(parts[0]).as("ran on a task executor thread").startsWith("task-");
			assertThat(parts[1]).as("RunContext").isEqualTo(runId);
			assertThat(parts[2]).as("MDC").isEqualTo(runId);
			assertThat(parts[3]).as("parent in MDC").isEqualTo("p-" + i);
		}
		// a request without a run header gets a fresh run on the same pool threads
		HttpResponse<String> fresh = Http.get(this.port, path);
		String runId = fresh.headers().firstValue("X-Run-Id").orElseThrow();
		assertThat(fresh.body().replace("data:", "").trim().split("\\|")[1]).isEqualTo(runId);
	}

}

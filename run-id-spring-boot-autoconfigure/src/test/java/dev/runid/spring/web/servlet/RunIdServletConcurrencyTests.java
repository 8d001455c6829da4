package dev.runid.spring.web.servlet;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.runid.RunId;
import dev.runid.spring.scope.RunScope;
import dev.runid.spring.test.Http;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many concurrent requests, a quarter without a run header: the echo, the controller's
 * {@code RunContext}, the MDC, a {@code @RunScoped} bean, the downstream header and an
 * {@code @Async} result all name the same run, and every run-scoped instance is destroyed
 * afterwards.
 */
@SpringBootTest(classes = ServletTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=64", "spring.task.execution.pool.max-size=16",
				"spring.task.execution.pool.queue-capacity=10000", "logging.level.dev.runid=WARN",
				"logging.level.dev.runid.spring.web.servlet.ServletTestApplication=WARN" })
@DirtiesContext
class RunIdServletConcurrencyTests {

	private static final int REQUESTS = 1600;

	private static final int CLIENT_THREADS = 32;

	@LocalServerPort
	int port;

	@Autowired
	RunScope runScope;

	@Test
	void everyPartOfEveryRequestNamesTheSameRun() throws Exception {
		int createdBefore = ServletTestApplication.RunLedger.created.get();
		int destroyedBefore = ServletTestApplication.RunLedger.destroyed.get();
		ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			int n = i;
			futures.add(clients.submit(() -> {
				boolean withHeader = n % 4 != 0;
				String sent = withHeader ? "load-" + n : null;
				HttpResponse<String> response = withHeader ? Http.get(this.port, "/everything", "X-Run-Id", sent)
						: Http.get(this.port, "/everything");
				String echoed = response.headers().firstValue("X-Run-Id").orElse("missing");
				String expected = withHeader ? sent : echoed;
				String expectedAll = String.join(",", List.of(expected, expected, expected, expected, expected));
				if (response.statusCode() != 200 || !echoed.equals(expected) || !RunId.isValid(expected)
						|| !response.body().equals(expectedAll)) {
					mismatches.add(n + ": status " + response.statusCode() + ", echoed " + echoed + ", body "
							+ response.body());
				}
			}));
		}
		for (Future<?> future : futures) {
			future.get(2, TimeUnit.MINUTES);
		}
		clients.shutdown();
		assertThat(mismatches).isEmpty();
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(ServletTestApplication.RunLedger.created.get() - createdBefore).isEqualTo(REQUESTS);
			assertThat(ServletTestApplication.RunLedger.destroyed.get() - destroyedBefore).isEqualTo(REQUESTS);
			assertThat(this.runScope.activeRuns()).isZero();
		});
		assertThat(ServletTestApplication.leaks).isEmpty();
	}

}

package dev.runid.spring.web.reactive;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the {@link RunIdWebFilter} with
 * {@code run-id.reactor.automatic-context-propagation=false} and Boot's default
 * ({@code spring.reactor.context-propagation=limited}): the starter leaves Reactor alone,
 * and the run is in the Reactor {@code Context}, the exchange, the response, downstream
 * requests and error responses, but not in thread locals outside the operators that
 * restore them ({@code handle}, {@code tap}).
 */
@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"run-id.reactor.automatic-context-propagation=false" })
@DirtiesContext
class RunIdWebFilterWithoutAutomaticPropagationTests {

	@LocalServerPort
	int port;

	@Autowired
	HeaderRecordingServer downstream;

	@BeforeEach
	void watchThreads() {
		ThreadLeakDetector.install();
		ThreadLeakDetector.clear();
	}

	@AfterEach
	void nothingLeaksOntoThreads() throws Exception {
		ThreadLeakDetector.checkThreads();
		assertThat(ThreadLeakDetector.leaks()).isEmpty();
	}

	@AfterAll
	static void stopWatchingThreads() {
		ThreadLeakDetector.uninstall();
	}

	@Test
	void leavesReactorsSettingAlone() {
		assertThat(Hooks.isAutomaticContextPropagationEnabled()).isFalse();
	}

	@Test
	void echoesRunAndInjectsItButLeavesThreadLocalsAlone() {
		HttpResponse<String> response = Http.get(this.port, "/run", "X-Run-Id", "limited-run");
		assertThat(response.headers().allValues("X-Run-Id")).containsExactly("limited-run");
		assertThat(response.body()).isEqualTo("limited-run|none|null|null");
	}

	@Test
	void runIsInTheReactorContextAndInOperatorsThatRestoreThreadLocals() {
		HttpResponse<String> response = Http.get(this.port, "/context", "X-Run-Id", "limited-run");
		assertThat(response.body()).isEqualTo("limited-run|limited-run|limited-run");
	}

	@Test
	void webClientForwardsRunFromTheReactorContext() {
		Http.get(this.port, "/forward", "X-Run-Id", "limited-run");
		assertThat(this.downstream.last().runIds()).containsExactly("limited-run");
	}

	@Test
	void errorResponseCarriesRun() {
		HttpResponse<String> response = Http.get(this.port, "/boom", "X-Run-Id", "limited-run");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().allValues("X-Run-Id")).containsExactly("limited-run");
		assertThat(response.body()).contains("\"runId\":\"limited-run\"");
	}

}

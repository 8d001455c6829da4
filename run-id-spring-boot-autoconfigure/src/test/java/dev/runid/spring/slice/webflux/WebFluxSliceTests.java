package dev.runid.spring.slice.webflux;

import java.time.Duration;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @WebFluxTest} of a user's controller: run-id's entries in the slice's imports
 * give the {@code WebTestClient} the web filter, the run on every thread of the pipeline,
 * the {@code RunId} parameter, {@code @RunScoped} beans and the {@code runId} of error
 * responses, as in the application.
 */
@WebFluxTest(RunController.class)
@Import(RunNotes.class)
class WebFluxSliceTests {

	@Autowired
	private WebTestClient client;

	@AfterEach
	void leavesNoRunOnTheTestThread() {
		assertThat(RunContext.current()).isEmpty();
		assertThat(MDC.get("runId")).isNull();
	}

	@Test
	void controllerRunsInTheRunOfTheInboundHeaderAcrossThreadHops() {
		this.client.get()
			.uri("/whoami")
			.header("X-Run-Id", "run-1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Run-Id", "run-1")
			.expectBody()
			.jsonPath("$.parameter")
			.isEqualTo("run-1")
			.jsonPath("$.current")
			.isEqualTo("run-1")
			.jsonPath("$.mdc")
			.isEqualTo("run-1")
			.jsonPath("$.thread")
			.value((String thread) -> assertThat(thread).isNotEqualTo(Thread.currentThread().getName()));
	}

	@Test
	void requestWithoutHeaderGetsAFreshRunEchoedOnTheResponse() {
		String echoed = this.client.get()
			.uri("/whoami")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("X-Run-Id");
		assertThat(RunId.isValid(echoed)).isTrue();
	}

	@Test
	void invalidInboundRunIdIsReplacedNotEchoed() {
		this.client.get()
			.uri("/whoami")
			.header("X-Run-Id", "run 1<script>")
			.exchange()
			.expectHeader()
			.value("X-Run-Id", (echoed) -> assertThat(RunId.isValid(echoed)).isTrue())
			.expectBody()
			.jsonPath("$.current")
			.value((String current) -> assertThat(current).isNotEqualTo("run 1<script>").isNotEqualTo("none"));
	}

	@Test
	void runScopedBeanLivesForTheRequestsRun() {
		this.client.get()
			.uri("/notes")
			.header("X-Run-Id", "run-notes")
			.exchange()
			.expectBody(String.class)
			.isEqualTo("run-notes");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(RunNotes.destroyed).contains("run-notes"));
	}

	@Test
	void errorResponseCarriesTheRunId() {
		this.client.get()
			.uri("/boom")
			.header("X-Run-Id", "run-boom")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.is5xxServerError()
			.expectHeader()
			.valueEquals("X-Run-Id", "run-boom")
			.expectBody()
			.jsonPath("$.runId")
			.isEqualTo("run-boom");
	}

}

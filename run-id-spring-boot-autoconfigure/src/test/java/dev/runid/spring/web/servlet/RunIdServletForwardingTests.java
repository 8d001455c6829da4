package dev.runid.spring.web.servlet;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.test.Http;
import dev.runid.spring.test.RecordingServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of forwarding the run from {@code RestClient}, {@code RestTemplate}
 * and HTTP interface clients to a real downstream server, including parent and child runs
 * and the host allow-list.
 */
@SpringBootTest(classes = ServletTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "run-id.outbound.allowed-hosts=127.0.0.1,*.localhost",
				"logging.pattern.console=%level [%X{runId}] [%X{parentRunId}] %logger{0} - %msg%n" })
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class RunIdServletForwardingTests {

	@LocalServerPort
	int port;

	@Autowired
	RecordingServer downstream;

	@Autowired
	RestClient.Builder restClientBuilder;

	@Autowired
	RestTemplateBuilder restTemplateBuilder;

	@BeforeEach
	void clear() {
		this.downstream.clear();
	}

	@Test
	void restClientForwardsRequestRun() {
		HttpResponse<String> response = Http.get(this.port, "/downstream", "X-Run-Id", "fwd-1");
		assertThat(response.body()).isEqualTo("fwd-1");
		assertThat(this.downstream.last().runIds()).containsExactly("fwd-1");
		assertThat(this.downstream.last().parentRunIds()).isEmpty();
	}

	@Test
	void restClientForwardsParentWhenRunHasOne() {
		Http.get(this.port, "/downstream", "X-Run-Id", "fwd-child", "X-Parent-Run-Id", "fwd-parent");
		assertThat(this.downstream.last().runIds()).containsExactly("fwd-child");
		assertThat(this.downstream.last().parentRunIds()).containsExactly("fwd-parent");
	}

	@Test
	void restTemplateForwardsRequestRun() {
		Http.get(this.port, "/downstream/template", "X-Run-Id", "tpl-1", "X-Parent-Run-Id", "tpl-parent");
		assertThat(this.downstream.last().path()).isEqualTo("/rest-template");
		assertThat(this.downstream.last().runIds()).containsExactly("tpl-1");
		assertThat(this.downstream.last().parentRunIds()).containsExactly("tpl-parent");
	}

	@Test
	void httpInterfaceClientForwardsRequestRun() {
		Http.get(this.port, "/downstream/interface", "X-Run-Id", "iface-1");
		assertThat(this.downstream.last().path()).isEqualTo("/interface");
		assertThat(this.downstream.last().runIds()).containsExactly("iface-1");
	}

	@Test
	void doesNotOverwriteHeaderSetByCaller() {
		Http.get(this.port, "/downstream/preset", "X-Run-Id", "req-run");
		assertThat(this.downstream.last().runIds()).containsExactly("preset-by-caller");
	}

	@Test
	void addsNoParentToARunTheCallerNames() {
		// the request runs in a child run, the caller names another run: it gets no
		// parent
		Http.get(this.port, "/downstream/preset", "X-Run-Id", "req-run", "X-Parent-Run-Id", "req-parent");
		assertThat(this.downstream.last().runIds()).containsExactly("preset-by-caller");
		assertThat(this.downstream.last().parentRunIds()).isEmpty();
	}

	@Test
	void forwardsOnlyToAllowedHosts() {
		Http.get(this.port, "/downstream?host=localhost", "X-Run-Id", "not-allowed");
		assertThat(this.downstream.last().runIds()).isEmpty();
		Http.get(this.port, "/downstream?host=api.localhost", "X-Run-Id", "wildcard-allowed");
		assertThat(this.downstream.last().runIds()).containsExactly("wildcard-allowed");
	}

	@Test
	void sendsNoHeaderWhenNoRunIsCurrent() {
		assertThat(RunContext.current()).isEmpty();
		this.restClientBuilder.build().get().uri(this.downstream.url("/no-run")).retrieve().toBodilessEntity();
		this.restTemplateBuilder.build().getForObject(this.downstream.url("/no-run-template"), String.class);
		assertThat(this.downstream.received()).hasSize(2)
			.allSatisfy((received) -> assertThat(received.runIds()).isEmpty());
	}

	@Test
	void forwardsProgrammaticRunOutsideRequests() {
		RunId runId = RunId.generate(RunId.fromString("job-parent"));
		RunContext.run(runId,
				() -> this.restClientBuilder.build()
					.get()
					.uri(this.downstream.url("/job"))
					.retrieve()
					.toBodilessEntity());
		assertThat(this.downstream.last().runIds()).containsExactly(runId.value());
		assertThat(this.downstream.last().parentRunIds()).containsExactly("job-parent");
	}

	@Test
	void childRunCallsDownstreamAsChildAndOuterRunIsRestoredAfter(CapturedOutput output) {
		HttpResponse<String> response = Http.get(this.port, "/child", "X-Run-Id", "outer-run");
		String[] halves = response.body().split("\\|\\|");
		String[] child = halves[0].split("\\|");
		String[] after = halves[1].split("\\|");
		String childRun = child[0];
		assertThat(childRun).isNotEqualTo("outer-run");
		assertThat(child[1]).as("child MDC").isEqualTo(childRun);
		assertThat(child[2]).as("child parent MDC").isEqualTo("outer-run");
		assertThat(child[3]).as("child's own run-scoped ledger").isEqualTo(childRun + "#1");
		assertThat(after[0]).isEqualTo("outer-run");
		assertThat(after[1]).isEqualTo("outer-run");
		assertThat(after[2]).isEqualTo("null");
		assertThat(after[3]).as("outer run's ledger is a different instance").isEqualTo("outer-run#1");
		RecordingServer.Received received = this.downstream.last();
		assertThat(received.path()).isEqualTo("/child");
		assertThat(received.runIds()).containsExactly(childRun);
		assertThat(received.parentRunIds()).containsExactly("outer-run");
		assertThat(output).contains("INFO [" + childRun + "] [outer-run] ServletTestApplication - child run working")
			.contains("INFO [outer-run] [] ServletTestApplication - back in outer run")
			.contains("ledger closed for " + childRun + " after 1 calls");
		// the request's scope closes after the response is flushed
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output).contains("ledger closed for outer-run after 1 calls"));
	}

}
